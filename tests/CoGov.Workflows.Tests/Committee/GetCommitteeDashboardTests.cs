using CoGov.Domain.Assessments;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using Microsoft.EntityFrameworkCore;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Committee;

public sealed class GetCommitteeDashboardTests
{
    private const string Rostering = "rostering";

    [Fact]
    public async Task EachQuestionnaireHasItsOwnGridWithItsThemesAndTheSystemsWhoseNewestCycleUsesIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), await app.UserAsync(Riverside.Amara));

        Assert.Equal("Riverside Municipal Hospital", dashboard.OrganisationName);
        Assert.Equal(["Co-Governance of Algorithmic Systems", "Data Lifecycle at Work"], dashboard.Grids.Select(g => g.Title));
        var psi = dashboard.Grids[0];
        Assert.Equal(
            ["transparency-and-procurement", "responsibility", "right-of-redress", "data-protection-and-rights", "harms-and-benefits", "adjustments", "co-governance"],
            psi.Themes.Select(t => t.Key));
        Assert.Equal("Right of Redress", psi.Themes[2].Title);
        Assert.Equal(["applicant-screening", "rostering"], psi.Systems.Select(s => s.SystemKey));
        Assert.Equal(["staff-monitoring"], dashboard.Grids[1].Systems.Select(s => s.SystemKey));
        Assert.Equal(["data-collection", "data-analysis", "data-storage", "data-offboarding"], dashboard.Grids[1].Themes.Select(t => t.Key));
        Assert.Empty(dashboard.NotAssessed);
        // Screening's cycle is open with every question a draft.
        Assert.All(psi.Systems[0].Cells, c => Assert.Equal(ThemeStanding.NotSent, c.Standing));
    }

    [Fact]
    public async Task TheRosteringCellsSayWhereEachThemesQuestionsStand()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), await app.UserAsync(Riverside.Amara));

        var rostering = dashboard.Grids.SelectMany(g => g.Systems).Single(s => s.SystemKey == Rostering);
        Assert.Equal(2, rostering.Cycle);
        Assert.Equal(AssessmentState.AwaitingAnswers, rostering.State);
        // Questions (theme): settled 1 2 5 8 16 17; challenged 11; overdue 3 6 7 9 14 15 18 19; answered 4 13; sent 10 12.
        Assert.Equal(
            [
                new ThemeCell("transparency-and-procurement", 4, Settled: 2, Challenged: 0, Overdue: 1, AwaitingReview: 1, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("responsibility", 4, Settled: 2, Challenged: 0, Overdue: 2, AwaitingReview: 0, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("right-of-redress", 1, Settled: 0, Challenged: 0, Overdue: 1, AwaitingReview: 0, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("data-protection-and-rights", 3, Settled: 0, Challenged: 1, Overdue: 0, AwaitingReview: 0, AwaitingAnswers: 2, NotSent: 0),
                new ThemeCell("harms-and-benefits", 3, Settled: 0, Challenged: 0, Overdue: 2, AwaitingReview: 1, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("adjustments", 2, Settled: 2, Challenged: 0, Overdue: 0, AwaitingReview: 0, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("co-governance", 2, Settled: 0, Challenged: 0, Overdue: 2, AwaitingReview: 0, AwaitingAnswers: 0, NotSent: 0),
            ],
            rostering.Cells);
        Assert.Equal(
            [ThemeStanding.Overdue, ThemeStanding.Overdue, ThemeStanding.Overdue, ThemeStanding.Challenged, ThemeStanding.Overdue, ThemeStanding.Settled, ThemeStanding.Overdue],
            rostering.Cells.Select(c => c.Standing));
        Assert.Equal((13, 8, 1), (rostering.Open, rostering.Overdue, rostering.Challenged));
    }

    [Fact]
    public async Task TheTotalsCountOpenOverdueAndChallengedQuestionsAcrossEveryOpenCycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), await app.UserAsync(Riverside.Amara));

        // Rostering 13 sent and unsettled, monitoring 14 (question 9 accepted), screening none sent.
        Assert.Equal(new DashboardTotals(Open: 27, Overdue: 8, Challenged: 1), dashboard.Totals);
    }

    [Fact]
    public async Task TheOverdueChartFollowsTheLogDayByDay()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), await app.UserAsync(Riverside.Amara));

        // The log, by hand: the clock noted questions 4, 6, 7, 9, 13, 14, 15, 18 and 19 overdue six days ago, at their
        // deadline, and question 3 (sent back for clarification) overdue now. Question 4 was answered three days ago
        // and question 13 two days ago; none of the others has been answered since.
        var overdue = new Dictionary<int, (DateTimeOffset From, DateTimeOffset? Answered)>();
        foreach (var number in Enumerable.Range(1, 19))
        {
            var log = await app.LogOfAsync(Rostering, 2, number);
            if (log.SingleOrDefault(e => e.Kind == LogEntryKind.Overdue) is { } entry)
            {
                var closed = log.FirstOrDefault(e => e.Sequence > entry.Sequence && e.Kind is LogEntryKind.Answered or LogEntryKind.ExtensionRequested or LogEntryKind.Withdrawn);
                overdue[number] = (entry.At, closed?.At);
            }
        }
        Assert.Equal([3, 4, 6, 7, 9, 13, 14, 15, 18, 19], overdue.Keys.Order());
        Assert.Equal((TestApp.Now, null), overdue[3]);
        Assert.Equal((TestApp.Now.AddDays(-6), TestApp.Now.AddDays(-3)), overdue[4]);
        Assert.Equal((TestApp.Now.AddDays(-6), TestApp.Now.AddDays(-2)), overdue[13]);
        Assert.All(overdue.Where(o => o.Key is not (3 or 4 or 13)), o => Assert.Equal((TestApp.Now.AddDays(-6), null), o.Value));

        var points = dashboard.OverdueHistory;
        Assert.Equal(91, points.Count);
        Assert.Equal(TestApp.Now.AddDays(-90), points[0].At);
        Assert.Equal(TestApp.Now, points[^1].At);
        Assert.All(points, (p, i) => Assert.Equal(TestApp.Now.AddDays(i - 90), p.At));
        int CountOn(int daysAgo) => points[90 - daysAgo].Count;
        Assert.Equal(0, CountOn(90));
        Assert.Equal(0, CountOn(7));
        Assert.Equal(9, CountOn(6));
        Assert.Equal(9, CountOn(4));
        // Question 4's answer came at the very moment of day -3's point, which counts it answered.
        Assert.Equal(8, CountOn(3));
        Assert.Equal(7, CountOn(2));
        Assert.Equal(7, CountOn(1));
        Assert.Equal(8, CountOn(0));
        Assert.Equal(dashboard.Totals.Overdue, points[^1].Count);
    }

    [Fact]
    public async Task AnAnswerEndsAQuestionsOverdueSpellAndARefusedExtensionResumesIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var daniel = await app.UserAsync(DemoLogins.Daniel);
        var amara = await app.UserAsync(Riverside.Amara);

        // Hours, not days: questions 10 and 12 fall due tomorrow, and no sweep runs here to log them overdue.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.SendAsync(new AnswerQuestion(Riverside.Key, Rostering, 2, 6, "The roster rules are unchanged."), daniel);
        await app.SendAsync(new RequestExtension(Riverside.Key, Rostering, 2, 7, 5, "The vendor has not replied."), daniel);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var paused = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), amara);
        await app.SendAsync(new DecideExtension(Riverside.Key, Rostering, 2, 7, Grant: false, "The answer is already late."), amara);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var resumed = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), amara);

        // Question 6 answered and question 7 waiting on a decision on more time: 6 of 8. Refused, 7 is overdue again
        // although the clock logs no second notice; the chart agrees with the questions' own state both times.
        Assert.Equal(6, paused.OverdueHistory[^1].Count);
        Assert.Equal(6, paused.Totals.Overdue);
        Assert.Equal(7, resumed.OverdueHistory[^1].Count);
        Assert.Equal(7, resumed.Totals.Overdue);
        Assert.DoesNotContain(await app.LogOfAsync(Rostering, 2, 7), e => e.Kind == LogEntryKind.Overdue && e.At > TestApp.Now);
    }

    [Fact]
    public async Task CyclesDueAndReassessmentsScheduledInTheNext90DaysAreListedSoonestFirst()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        await app.WithDbAsync(async db =>
        {
            var screening = await db.Systems.SingleAsync(s => s.Key == Riverside.Screening);
            screening.ScheduleReassessment(TestApp.Now.AddMonths(-11), 12);
            var monitoring = await db.Systems.SingleAsync(s => s.Key == "staff-monitoring");
            monitoring.ScheduleReassessment(TestApp.Now, 12);
            await db.SaveChangesAsync();
        });

        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Riverside.Key), await app.UserAsync(Riverside.Amara));

        // Monitoring's reassessment a year away is beyond the horizon.
        Assert.Equal(
            [
                new UpcomingCycle("applicant-screening", "CandidateMatch CV Screening", 2, UpcomingKind.Opens, TestApp.Now.AddMonths(1), null, IsPast: false),
                new UpcomingCycle(Rostering, "ShiftWise Rostering", 2, UpcomingKind.Due, TestApp.Now.AddDays(40), AssessmentState.AwaitingAnswers, IsPast: false),
                new UpcomingCycle("staff-monitoring", "TrackPoint Location and Task Monitoring", 1, UpcomingKind.Due, TestApp.Now.AddDays(50), AssessmentState.AwaitingAnswers, IsPast: false),
                new UpcomingCycle("applicant-screening", "CandidateMatch CV Screening", 1, UpcomingKind.Due, TestApp.Now.AddDays(59), AssessmentState.Open, IsPast: false),
            ],
            dashboard.Upcoming);
    }

    [Fact]
    public async Task ACellIsSettledOnlyWhenEveryQuestionIsAndAChallengeOutranksEverythingElse()
    {
        Assert.Equal(ThemeStanding.None, ThemeCell.Empty.Standing);
        Assert.Equal(ThemeStanding.Settled, new ThemeCell("t", 3, 3, 0, 0, 0, 0, 0).Standing);
        Assert.Equal(ThemeStanding.Challenged, new ThemeCell("t", 4, 0, 1, 1, 1, 1, 0).Standing);
        Assert.Equal(ThemeStanding.Overdue, new ThemeCell("t", 3, 0, 0, 1, 1, 1, 0).Standing);
        Assert.Equal(ThemeStanding.AwaitingReview, new ThemeCell("t", 3, 1, 0, 0, 1, 1, 0).Standing);
        Assert.Equal(ThemeStanding.AwaitingAnswers, new ThemeCell("t", 3, 1, 0, 0, 0, 1, 1).Standing);
        Assert.Equal(ThemeStanding.NotSent, new ThemeCell("t", 2, 1, 0, 0, 0, 0, 1).Standing);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AMemberOfAnotherOrganisationIsToldItDoesNotExist()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new GetCommitteeDashboard(Riverside.Key), Users.SignedIn(Guid.NewGuid().ToString())));
    }
}
