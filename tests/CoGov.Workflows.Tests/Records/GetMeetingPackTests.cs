using CoGov.Domain.Assessments;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Records;

namespace CoGov.Workflows.Tests.Records;

public sealed class GetMeetingPackTests
{
    private static readonly DateOnly Meeting = new(2026, 11, 30);

    [Fact]
    public async Task TheDemoOrganisationsPackListsExactlyTheOverdueAndChallengedItemsTheChaseBoardAndAgendaReport()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Riverside.Leila);

        var pack = await app.SendAsync(new GetMeetingPack(Riverside.Key, Meeting), leila);
        var board = await app.SendAsync(new GetChaseBoard(Riverside.Key), leila);
        var agenda = await app.SendAsync(new GetCommitteeAgenda(Riverside.Key), leila);
        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), leila);

        var overdue = pack.OverdueByManager.SelectMany(m => m.Questions.Select(q => (m.Manager, q.SystemKey, q.Cycle, q.Number))).ToList();
        Assert.NotEmpty(overdue);
        Assert.Equal(
            board.Overdue.Select(q => (q.Manager, q.SystemKey, q.Cycle, q.Number)).OrderBy(q => q),
            overdue.OrderBy(q => q));
        Assert.Equal(dashboard.Totals.Overdue, overdue.Count);
        Assert.All(pack.OverdueByManager, m => Assert.All(m.Questions, q => Assert.Equal(m.Manager, q.Manager)));
        Assert.Equal(pack.OverdueByManager.Select(m => m.Manager).Distinct().Count(), pack.OverdueByManager.Count);

        Assert.NotEmpty(pack.Challenged);
        Assert.Equal(
            agenda.Items.Select(i => (i.SystemKey, i.Cycle, i.Number, i.Grounds)),
            pack.Challenged.Select(i => (i.SystemKey, i.Cycle, i.Number, i.Grounds)));
        Assert.Equal(dashboard.Totals.Challenged, pack.Challenged.Count);

        Assert.Equal(board.WaitingOnUs.Where(r => r.State == QuestionState.Answered).Select(r => (r.SystemKey, r.Number)),
            pack.AwaitingReview.Select(r => (r.SystemKey, r.Number)));
        Assert.Equal(dashboard.Upcoming, pack.Upcoming);
        Assert.Equal(["CandidateMatch CV Screening", "ShiftWise Rostering", "TrackPoint Location and Task Monitoring"], pack.Systems.Select(s => s.SystemName));
        Assert.Equal(Meeting, pack.MeetingDate);
        Assert.True(pack.MayStore);
    }
}
