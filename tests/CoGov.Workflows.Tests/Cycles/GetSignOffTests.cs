using CoGov.Domain.Assessments;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Cycles;

public sealed class GetSignOffTests
{
    private const string Daniel = DemoLogins.Daniel;

    [Fact]
    public async Task ACycleWithUnsettledQuestionsListsThemAndOffersNoSignatureEvenToItsAccountableManager()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var sheet = await app.SendAsync(new GetSignOff(Riverside.Key, "rostering", 2), await app.UserAsync(Daniel));

        Assert.Equal(("ShiftWise Rostering", 2, "Daniel Reyes", 19), (sheet.SystemName, sheet.Cycle, sheet.AccountableManager, sheet.Questions));
        Assert.Equal(
            [
                new StateCount(QuestionState.Sent, 9),
                new StateCount(QuestionState.ClarificationRequested, 1),
                new StateCount(QuestionState.Answered, 2),
                new StateCount(QuestionState.Challenged, 1),
                new StateCount(QuestionState.Accepted, 6),
            ],
            sheet.Counts);
        Assert.Equal([3, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 18, 19], sheet.Unsettled.Select(q => q.Number));
        Assert.Equal([3, 6, 7, 9, 14, 15, 18, 19], sheet.Unsettled.Where(q => q.IsOverdue).Select(q => q.Number));
        Assert.All(sheet.Unsettled, q => Assert.False(string.IsNullOrWhiteSpace(q.Text)));
        Assert.Null(sheet.ManagementSignOff);
        Assert.Null(sheet.WorkersCountersignature);
        Assert.False(sheet.CanSignOff);
        Assert.False(sheet.CanCountersign);
    }

    [Fact]
    public async Task ASignedOffCycleShowsBothStatementsAndOffersNothingMore()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var sheet = await app.SendAsync(new GetSignOff(Riverside.Key, "rostering", 1), await app.UserAsync(Riverside.Leila));

        Assert.Equal(AssessmentState.SignedOff, sheet.State);
        Assert.Empty(sheet.Unsettled);
        Assert.Equal([new StateCount(QuestionState.Accepted, 18), new StateCount(QuestionState.Resolved, 1)], sheet.Counts);
        Assert.Equal("Daniel Reyes", sheet.ManagementSignOff!.Name);
        Assert.StartsWith("Management confirms that all 19 questions", sheet.ManagementSignOff.Statement);
        Assert.Equal(TestApp.Now.AddDays(-333), sheet.ManagementSignOff.At);
        Assert.Equal("Leila Haddad", sheet.WorkersCountersignature!.Name);
        Assert.StartsWith("The workers' side countersigns", sheet.WorkersCountersignature.Statement);
        Assert.Equal(TestApp.Now.AddDays(-330), sheet.WorkersCountersignature.At);
        Assert.False(sheet.CanSignOff);
        Assert.False(sheet.CanCountersign);
    }

    [Fact]
    public async Task OnceEveryQuestionIsSettledTheAccountableManagerMaySignOffAndThenAStewardCountersign()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var tomasz = await app.UserAsync(DemoLogins.Tomasz);
        // Screening's questions are all drafts: withdrawing them settles the cycle without waiting on anyone.
        foreach (var number in Enumerable.Range(1, 19))
        {
            await app.SendAsync(new WithdrawQuestion(Riverside.Key, Riverside.Screening, 1, number, "Not needed this cycle."), tomasz);
        }

        var kwame = await app.SendAsync(new GetSignOff(Riverside.Key, Riverside.Screening, 1), await app.UserAsync(Riverside.Kwame));
        var daniel = await app.SendAsync(new GetSignOff(Riverside.Key, Riverside.Screening, 1), await app.UserAsync(Daniel));
        var before = await app.SendAsync(new GetSignOff(Riverside.Key, Riverside.Screening, 1), tomasz);
        await app.SendAsync(new SignOffCycle(Riverside.Key, Riverside.Screening, 1, "Management signs off."), await app.UserAsync(Riverside.Kwame));
        var after = await app.SendAsync(new GetSignOff(Riverside.Key, Riverside.Screening, 1), tomasz);

        Assert.True(kwame.CanSignOff);
        Assert.False(daniel.CanSignOff);
        Assert.False(before.CanCountersign);
        Assert.True(after.CanCountersign);
        Assert.Equal(new SignedStatement("Kwame Asante", "Management signs off.", TestApp.Now), after.ManagementSignOff);
    }

    [Theory]
    [InlineData("no-such-system", 1)]
    [InlineData("rostering", 3)]
    public async Task ASystemOrCycleThatDoesNotExistIsNotFound(string system, int cycle)
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Riverside.Amara);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSignOff(Riverside.Key, system, cycle), amara));
    }
}
