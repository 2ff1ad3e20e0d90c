using CoGov.Domain.Assessments;
using CoGov.Workflows.Committee;

namespace CoGov.Workflows.Tests.Committee;

public sealed class GetCycleHistoryTests
{
    [Fact]
    public async Task EveryCycleOfEverySystemIsListedNewestFirstWithItsCounts()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var history = await app.SendAsync(new GetCycleHistory(Riverside.Key), await app.UserAsync(Riverside.Amara));

        Assert.Equal("Riverside Municipal Hospital", history.OrganisationName);
        Assert.Equal(
            [("applicant-screening", 1), ("staff-monitoring", 1), ("rostering", 2), ("rostering", 1)],
            history.Cycles.Select(c => (c.SystemKey, c.Cycle)));
        var screening = history.Cycles[0];
        Assert.Equal(("Co-Governance of Algorithmic Systems", 1, AssessmentState.Open), (screening.QuestionnaireTitle, screening.QuestionnaireVersion, screening.State));
        Assert.Equal((TestApp.Now.AddDays(-1), TestApp.Now.AddDays(59)), (screening.OpenedAt, screening.DueAt));
        Assert.Equal((0, 0, 0, 19), (screening.Accepted, screening.Resolved, screening.Withdrawn, screening.NotSettled));
        var monitoring = history.Cycles[1];
        Assert.Equal("Data Lifecycle at Work", monitoring.QuestionnaireTitle);
        Assert.Equal((1, 0, 0, 14), (monitoring.Accepted, monitoring.Resolved, monitoring.Withdrawn, monitoring.NotSettled));
        var current = history.Cycles[2];
        Assert.Equal(AssessmentState.AwaitingAnswers, current.State);
        Assert.Equal((6, 0, 0, 13), (current.Accepted, current.Resolved, current.Withdrawn, current.NotSettled));
        Assert.Null(current.ManagementSignOff);
        Assert.Null(current.WorkersCountersignature);
    }

    [Fact]
    public async Task ASignedOffCycleShowsWhoSignedForEachSideAndWhen()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var history = await app.SendAsync(new GetCycleHistory(Riverside.Key), await app.UserAsync(DemoLogins.Daniel));

        var first = history.Cycles.Single(c => c.SystemKey == "rostering" && c.Cycle == 1);
        Assert.Equal(AssessmentState.SignedOff, first.State);
        Assert.Equal((TestApp.Now.AddDays(-400), TestApp.Now.AddDays(-310)), (first.OpenedAt, first.DueAt));
        // Question 14 was challenged and resolved by the committee; the other 18 accepted.
        Assert.Equal((18, 1, 0, 0), (first.Accepted, first.Resolved, first.Withdrawn, first.NotSettled));
        Assert.Equal(new CycleSignature("Daniel Reyes", TestApp.Now.AddDays(-333)), first.ManagementSignOff);
        Assert.Equal(new CycleSignature("Leila Haddad", TestApp.Now.AddDays(-330)), first.WorkersCountersignature);
    }
}
