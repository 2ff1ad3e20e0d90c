using CoGov.Domain.Assessments;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Committee;

public sealed class GetCommitteeAgendaTests
{
    [Fact]
    public async Task TheAgendaListsTheChallengedRosteringQuestionWithItsAnswerGroundsAndHistory()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var agenda = await app.SendAsync(new GetCommitteeAgenda(Riverside.Key), await app.UserAsync(Riverside.Amara));

        Assert.Equal("Riverside Municipal Hospital", agenda.OrganisationName);
        var item = Assert.Single(agenda.Items);
        Assert.Equal(("rostering", "ShiftWise Rostering", 2, 11), (item.SystemKey, item.SystemName, item.Cycle, item.Number));
        Assert.Equal("Data protection and rights", item.ThemeTitle);
        Assert.False(string.IsNullOrWhiteSpace(item.QuestionText));
        Assert.StartsWith("No datasets are sold.", item.Answer);
        Assert.Equal("Priya Nair", item.AnsweredBy);
        Assert.Equal(TestApp.Now.AddDays(-10), item.AnsweredAt);
        Assert.StartsWith("Removing names and employee numbers is pseudonymisation, not anonymisation", item.Grounds);
        Assert.Equal("Amara Okafor", item.ChallengedBy);
        Assert.Equal(TestApp.Now.AddDays(-6), item.ChallengedAt);
        Assert.Equal([LogEntryKind.Sent, LogEntryKind.Answered, LogEntryKind.Challenged], item.History.Select(e => e.Kind));
        Assert.Equal(item.History.Select(e => e.Sequence).Order(), item.History.Select(e => e.Sequence));
        // Amara is a steward on the committee but not a chair.
        Assert.False(item.CanResolve);
    }

    [Theory]
    [InlineData(Riverside.Leila, true)]
    [InlineData(Riverside.Helen, true)]
    [InlineData(DemoLogins.Daniel, false)]
    [InlineData(Riverside.Kwame, false)]
    [InlineData(DemoLogins.Admin, false)]
    public async Task OnlyAChairOfEitherSideIsOfferedTheResolution(string email, bool offered)
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var agenda = await app.SendAsync(new GetCommitteeAgenda(Riverside.Key), await app.UserAsync(email));

        Assert.Equal(offered, Assert.Single(agenda.Items).CanResolve);
    }

    [Fact]
    public async Task AResolvedQuestionLeavesTheAgenda()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Riverside.Leila);

        await app.SendAsync(new RecordCommitteeResolution(Riverside.Key, "rostering", 2, 11, "Use under clause 14.3 is suspended pending a DPIA."), leila);
        var agenda = await app.SendAsync(new GetCommitteeAgenda(Riverside.Key), leila);

        Assert.Empty(agenda.Items);
        Assert.Equal(QuestionState.Resolved, (await app.CycleAsync("rostering", 2)).Question(11).State);
    }
}
