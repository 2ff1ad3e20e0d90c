using CoGov.Domain.Assessments;
using CoGov.Workflows.Chasing;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Chasing;

/// <summary>
/// The chase board on the demo at its fixed now, Monday 23 November 2026: rostering cycle 2 has eight questions overdue
/// (six due on Tuesday 17 November, question 3 sent back for clarification and due at midnight this morning), 10 and 12
/// due tomorrow; the monitoring questions with management are due at midnight on Monday 30 November; answers to rostering
/// 4 and 13 and monitoring 1, 2 and 5 wait for review.
/// </summary>
public sealed class GetChaseBoardTests
{
    private const string Rostering = "rostering";
    private const string Monitoring = "staff-monitoring";
    private const string DanielReyes = DemoLogins.Daniel;

    [Fact]
    public async Task OverdueQuestionsComeOldestFirstWithTheDaysTheyAreOverdue()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var board = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Amara));

        Assert.Equal(
            [(Rostering, 2, 6), (Rostering, 2, 7), (Rostering, 2, 9), (Rostering, 2, 14), (Rostering, 2, 15), (Rostering, 2, 18), (Rostering, 2, 19), (Rostering, 2, 3)],
            board.Overdue.Select(r => (r.SystemKey, r.Cycle, r.Number)));
        Assert.All(board.Overdue.Take(7), r => Assert.Equal(6, r.DaysOverdue));
        // Nine and a half hours past its deadline: a part of a day counts as a day.
        Assert.Equal(1, board.Overdue[^1].DaysOverdue);
        Assert.Equal(QuestionState.ClarificationRequested, board.Overdue[^1].State);
        Assert.Equal("Kwame Asante", board.Overdue.Single(r => r.Number == 9).Manager);
        Assert.All(board.Overdue.Where(r => r.Number != 9), r => Assert.Equal("Daniel Reyes", r.Manager));
        Assert.Equal(TestApp.Now.AddDays(-6), board.Overdue[0].Deadline);
        Assert.Equal("ShiftWise Rostering", board.Overdue[0].SystemName);
        Assert.False(string.IsNullOrWhiteSpace(board.Overdue[0].QuestionText));
        // Shortened for a list: about a hundred characters and an ellipsis at most.
        Assert.All(board.Overdue, r => Assert.True(r.QuestionText.Length <= 101, r.QuestionText));
    }

    [Fact]
    public async Task QuestionsOfAManagerWhoWasRemovedNeedReassignmentUntilTheyAreReassigned()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Kwame).Select(u => u.Id).SingleAsync());
        await app.SendAsync(new CoGov.Workflows.Members.RemoveMember(Key, kwame), await app.UserAsync(DemoLogins.Admin));

        var board = await app.SendAsync(new GetChaseBoard(Key), amara);

        var row = Assert.Single(board.NeedsReassignment);
        Assert.Equal((Rostering, 2, 9, "Kwame Asante"), (row.SystemKey, row.Cycle, row.Number, row.Manager));
        Assert.True(row.NeedsReassignment);
        // Reminding or escalating would reach nobody; the question is not listed among the overdue to chase either.
        Assert.False(row.CanChase);
        Assert.DoesNotContain(board.Overdue, r => r.Number == 9 && r.SystemKey == Rostering);
        Assert.Equal(new ChaseTotals(7, 13, 5, 1), board.Totals);

        await app.SendAsync(new ReassignQuestion(Key, Rostering, 2, 9, "daniel-reyes", "Kwame Asante has left the hospital."), amara);
        var after = await app.SendAsync(new GetChaseBoard(Key), amara);

        Assert.Empty(after.NeedsReassignment);
        Assert.Contains(after.Overdue.Concat(after.DueThisWeek), r => r.SystemKey == Rostering && r.Number == 9 && r.Manager == "Daniel Reyes");
    }

    [Fact]
    public async Task QuestionsDueWithinSevenDaysComeSoonestFirst()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var board = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Amara));

        int[] monitoring = [3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15];
        Assert.Equal(
            [(Rostering, 10), (Rostering, 12), .. monitoring.Select(n => (Monitoring, n))],
            board.DueThisWeek.Select(r => (r.SystemKey, r.Number)));
        Assert.All(board.DueThisWeek, r => Assert.Equal(0, r.DaysOverdue));
        Assert.Equal(TestApp.Now.AddDays(1), board.DueThisWeek[0].Deadline);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), board.DueThisWeek[^1].Deadline);
    }

    [Fact]
    public async Task AQuestionDueBeyondSevenDaysIsNotOnTheBoardUntilItComesWithinThem()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        // Screening question 1, sent now with ten working days: due Monday 7 December.
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), amara);

        var now = await app.SendAsync(new GetChaseBoard(Key), amara);
        // Exactly seven days before its deadline: the window's far edge is in it.
        app.Clock.Advance(TimeSpan.FromDays(7));
        var aWeekLater = await app.SendAsync(new GetChaseBoard(Key), amara);

        Assert.DoesNotContain(now.DueThisWeek.Concat(now.Overdue), r => r.SystemKey == Screening);
        Assert.Contains(aWeekLater.DueThisWeek, r => r.SystemKey == Screening && r.Number == 1);
        // By then the monitoring questions are overdue too, and come after rostering's older ones.
        Assert.Equal(Rostering, aWeekLater.Overdue[0].SystemKey);
        Assert.Equal(Monitoring, aWeekLater.Overdue[^1].SystemKey);
    }

    [Fact]
    public async Task AnswersToReviewWaitOnUsLongestWaitingFirstAndChallengesDoNot()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var board = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Amara));

        Assert.Equal(
            [(Monitoring, 1), (Monitoring, 2), (Rostering, 4), (Monitoring, 5), (Rostering, 13)],
            board.WaitingOnUs.Select(r => (r.SystemKey, r.Number)));
        Assert.All(board.WaitingOnUs, r =>
        {
            Assert.Equal(QuestionState.Answered, r.State);
            Assert.Null(r.Deadline);
            Assert.NotNull(r.WaitingSince);
            Assert.False(r.CanChase);
        });
        Assert.Equal(TestApp.Now.AddDays(-6), board.WaitingOnUs[0].WaitingSince);
        Assert.DoesNotContain(board.Overdue.Concat(board.DueThisWeek).Concat(board.WaitingOnUs), r => r.SystemKey == Rostering && r.Number == 11);
    }

    [Fact]
    public async Task ARequestForMoreTimeWaitsOnUsFromWhenItWasAskedAndLeavesTheOverdueList()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.SendAsync(new RequestExtension(Key, Rostering, 2, 6, 5, "The vendor's documentation arrives next week."), await app.UserAsync(DanielReyes));

        var board = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Amara));

        Assert.DoesNotContain(board.Overdue, r => r.SystemKey == Rostering && r.Number == 6);
        var request = board.WaitingOnUs[^1];
        Assert.Equal((Rostering, 6, QuestionState.ExtensionRequested), (request.SystemKey, request.Number, request.State));
        Assert.Equal(5, request.RequestedExtensionDays);
        Assert.Equal(TestApp.Now.AddHours(1), request.WaitingSince);
        Assert.False(request.CanChase);
    }

    [Fact]
    public async Task OnlyTheWorkersSideMayChaseAndOnlyQuestionsWhoseClockRunsAsTheModelSays()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var steward = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Amara));
        var manager = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Priya));

        Assert.True(steward.ViewerIsWorkersSide);
        Assert.All(steward.Overdue.Concat(steward.DueThisWeek), r => Assert.True(r.CanChase));
        Assert.False(manager.ViewerIsWorkersSide);
        Assert.All(manager.Overdue.Concat(manager.DueThisWeek).Concat(manager.WaitingOnUs), r => Assert.False(r.CanChase));

        // The board projects rows instead of loading cycles; what it offers must still be what the model allows.
        var organisation = await app.WithDbAsync(db => db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .AsNoTracking().SingleAsync(o => o.Key == Key));
        var amara = organisation.ActorFor(organisation.FindPerson("amara-okafor")!.Id);
        var priya = organisation.ActorFor(organisation.FindPerson("priya-nair")!.Id);
        var cycles = new Dictionary<string, Assessment>
        {
            [Rostering] = await app.CycleAsync(Rostering, 2),
            [Monitoring] = await app.CycleAsync(Monitoring, 1),
        };
        Assert.All(steward.Overdue.Concat(steward.DueThisWeek).Concat(steward.WaitingOnUs),
            r => Assert.Equal(cycles[r.SystemKey].CanChase(r.Number, amara), r.CanChase));
        Assert.All(manager.Overdue.Concat(manager.DueThisWeek).Concat(manager.WaitingOnUs),
            r => Assert.Equal(cycles[r.SystemKey].CanChase(r.Number, priya), r.CanChase));
    }

    [Fact]
    public async Task ABoardAskedForAFewRowsPerSectionListsTheFirstOfEachAndCountsThemAll()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var whole = await app.SendAsync(new GetChaseBoard(Key), amara);
        var firstThree = await app.SendAsync(new GetChaseBoard(Key, PerSection: 3), amara);

        Assert.Equal(new ChaseTotals(8, 13, 5), whole.Totals);
        Assert.Equal(whole.Totals, firstThree.Totals);
        Assert.Equal(whole.Overdue.Take(3), firstThree.Overdue);
        Assert.Equal(whole.DueThisWeek.Take(3), firstThree.DueThisWeek);
        Assert.Equal(whole.WaitingOnUs.Take(3), firstThree.WaitingOnUs);
    }

    [Fact]
    public async Task TheBoardShowsTheOrganisationNameAndNothingOfASignedOffCycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var board = await app.SendAsync(new GetChaseBoard(Key), await app.UserAsync(Leila));

        Assert.Equal("Riverside Municipal Hospital", board.OrganisationName);
        Assert.DoesNotContain(board.Overdue.Concat(board.DueThisWeek).Concat(board.WaitingOnUs), r => r.Cycle == 1 && r.SystemKey == Rostering);
    }
}
