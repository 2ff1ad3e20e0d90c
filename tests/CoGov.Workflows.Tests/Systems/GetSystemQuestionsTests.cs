using CoGov.Domain.Assessments;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Systems;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Systems;

public sealed class GetSystemQuestionsTests
{
    private const string Riverside = "riverside-hospital";
    private const string Daniel = DemoLogins.Daniel;

    [Fact]
    public async Task WithoutACycleTheNewestCycleIsShownWithEveryQuestionInOrder()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var result = await app.SendAsync(new GetSystemQuestions(Riverside, "rostering"));

        Assert.Equal("Riverside Municipal Hospital", result.OrganisationName);
        Assert.Equal([1, 2], result.Cycles);
        var cycle = Assert.IsType<CycleQuestions>(result.Cycle);
        Assert.Equal(2, cycle.Number);
        Assert.Equal(AssessmentState.AwaitingAnswers, cycle.State);
        Assert.Equal("Co-Governance of Algorithmic Systems", cycle.TemplateTitle);
        Assert.Equal(1, cycle.TemplateVersion);
        Assert.Equal("Daniel Reyes", cycle.AccountableManager);
        Assert.Equal(TestApp.Now.AddDays(-20), cycle.OpenedAt);
        Assert.Equal(TestApp.Now.AddDays(40), cycle.DueAt);
        Assert.Equal(
            ["Transparency & Procurement", "Responsibility", "Right of Redress", "Data protection and rights", "Harms and benefits", "Adjustments", "Co-governance"],
            cycle.Themes.Select(t => t.Title));
        Assert.All(cycle.Themes, t => Assert.False(string.IsNullOrWhiteSpace(t.Rationale)));
        var questions = cycle.Themes.SelectMany(t => t.Questions).ToList();
        Assert.Equal(Enumerable.Range(1, 19), questions.Select(q => q.Number));
        Assert.Equal("Which managers are accountable and responsible for these systems?", questions[7].Text);
    }

    [Fact]
    public async Task EachQuestionShowsItsStateAssigneeAndDeadline()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var result = await app.SendAsync(new GetSystemQuestions(Riverside, "rostering"));

        var questions = result.Cycle!.Themes.SelectMany(t => t.Questions).ToDictionary(q => q.Number);
        // Ten working days from Tuesday 3 November; fifteen for data protection; question 3 was sent back on Sunday
        // 15 November (day -8) with five working days from the start of Monday: midnight on Monday 23 November.
        Assert.All(questions.Values.Where(q => q.Number is not (3 or 10 or 11 or 12)), q => Assert.Equal(TestApp.Now.AddDays(-6), q.Deadline));
        Assert.All([10, 11, 12], n => Assert.Equal(TestApp.Now.AddDays(1), questions[n].Deadline));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), questions[3].Deadline);
        Assert.Equal("Helen Marsh", questions[8].Assignee);
        Assert.Equal("Kwame Asante", questions[9].Assignee);
        Assert.All([10, 11, 12], n => Assert.Equal("Priya Nair", questions[n].Assignee));
        Assert.All(questions.Values.Where(q => q.Number is < 8 or > 12), q => Assert.Equal("Daniel Reyes", q.Assignee));
        Assert.Equal(QuestionState.Accepted, questions[1].State);
        Assert.Equal(QuestionState.ClarificationRequested, questions[3].State);
        Assert.Equal(QuestionState.Answered, questions[4].State);
        Assert.Equal(QuestionState.Sent, questions[6].State);
        Assert.Equal(QuestionState.Challenged, questions[11].State);
        Assert.Equal([3, 6, 7, 9, 14, 15, 18, 19], questions.Values.Where(q => q.IsOverdue).Select(q => q.Number).Order());
    }

    [Fact]
    public async Task WhetherAQuestionIsOverdueFollowsTheClock()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await app.SendAsync(new GetSystemQuestions(Riverside, "staff-monitoring"));

        // Sent on Saturday 14 November (day -9): ten working days counted from the start of Monday 16 make it due at the
        // end of Friday 27, midnight on Monday 30 November.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var onTheDay = await app.SendAsync(new GetSystemQuestions(Riverside, "staff-monitoring"));
        app.Clock.Advance(TimeSpan.FromTicks(1));
        var after = await app.SendAsync(new GetSystemQuestions(Riverside, "staff-monitoring"));

        Assert.DoesNotContain(before.Cycle!.Themes.SelectMany(t => t.Questions), q => q.IsOverdue);
        Assert.DoesNotContain(onTheDay.Cycle!.Themes.SelectMany(t => t.Questions), q => q.IsOverdue);
        var overdue = after.Cycle!.Themes.SelectMany(t => t.Questions).Where(q => q.IsOverdue).Select(q => q.Number).Order();
        Assert.Equal([3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15], overdue);
    }

    [Fact]
    public async Task TheRegisterEntryDescribesTheSystem()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var system = (await app.SendAsync(new GetSystemQuestions(Riverside, "rostering"))).System;

        Assert.Equal("ShiftWise Rostering", system.Name);
        Assert.Equal("Calderbrook Workforce Systems Ltd", system.Vendor);
        Assert.Equal(Sourcing.Procured, system.Sourcing);
        Assert.Equal("Workforce Planning", system.Department);
        Assert.Equal(7, system.PersonalData.Count);
        Assert.StartsWith("Software-as-a-service licence from April 2021", system.ContractNotes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEarlierCycleIsShownWhenAskedFor()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var result = await app.SendAsync(new GetSystemQuestions(Riverside, "rostering", Cycle: 1));

        var cycle = result.Cycle!;
        Assert.Equal(1, cycle.Number);
        Assert.Equal(AssessmentState.SignedOff, cycle.State);
        Assert.Equal(TestApp.Now.AddDays(-400), cycle.OpenedAt);
        var questions = cycle.Themes.SelectMany(t => t.Questions).ToList();
        Assert.Equal(Enumerable.Range(1, 19), questions.Select(q => q.Number));
        Assert.All(questions, q => Assert.True(q.State.IsSettled()));
        Assert.All(questions, q => Assert.False(q.IsOverdue));
        // Sent on Monday 20 October 2025 at 09:30 UTC, 10:30 in London (summer time). Ten working days later is
        // 10:30 on Monday 3 November in London, which is 10:30 UTC once the clocks have gone back; fifteen for data
        // protection. Question 3 was sent back for clarification, with a fresh deadline.
        var sentLocalTime = new DateTimeOffset(2025, 11, 3, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);
        Assert.All(questions.Where(q => q.Number is not (3 or 10 or 11 or 12)), q => Assert.Equal(sentLocalTime, q.Deadline));
        Assert.All(questions.Where(q => q.Number is 10 or 11 or 12), q => Assert.Equal(sentLocalTime.AddDays(7), q.Deadline));
    }

    [Fact]
    public async Task ACycleNotSentYetShowsDraftsWithNoOneAssigned()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var result = await app.SendAsync(new GetSystemQuestions(Riverside, "applicant-screening"));

        var questions = result.Cycle!.Themes.SelectMany(t => t.Questions).ToList();
        Assert.Equal(AssessmentState.Open, result.Cycle.State);
        Assert.Equal("Kwame Asante", result.Cycle.AccountableManager);
        Assert.Equal(19, questions.Count);
        Assert.All(questions, q =>
        {
            Assert.Equal(QuestionState.Draft, q.State);
            Assert.Null(q.Assignee);
            Assert.Null(q.Deadline);
        });
    }

    [Fact]
    public async Task TheDataLifecycleCycleShowsItsFourPhases()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var result = await app.SendAsync(new GetSystemQuestions(Riverside, "staff-monitoring"));

        Assert.Equal(["data-collection", "data-analysis", "data-storage", "data-offboarding"], result.Cycle!.Themes.Select(t => t.Key));
        Assert.Equal("Daniel Reyes", result.Cycle.Themes.Single(t => t.Key == "data-analysis").Questions[0].Assignee);
        Assert.Equal("Priya Nair", result.Cycle.Themes.Single(t => t.Key == "data-storage").Questions[0].Assignee);
    }

    [Fact]
    public async Task AnUnknownSystemIsNotFound()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSystemQuestions(Riverside, "payroll")));

        Assert.Contains("payroll", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCycleIsNotFound()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSystemQuestions(Riverside, "rostering", Cycle: 3)));

        Assert.Contains("cycle 3", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOrganisationIsNotFound()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSystemQuestions("no-such-place", "rostering")));
    }

    [Fact]
    public async Task AStewardMaySendTheDraftsOfTheNewestCycleAndAManagerMayNot()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var steward = await app.SendAsync(new GetSystemQuestions(Riverside, Screening), await app.UserAsync(Amara));
        var manager = await app.SendAsync(new GetSystemQuestions(Riverside, Screening), await app.UserAsync(Kwame));

        Assert.Equal(new SystemActions(MayOpenNextCycle: false, NextCycle: 2, MaySendQuestions: true, NewestCycle: 1, MayKeepRecords: true), steward.Actions);
        Assert.Equal(new SystemActions(MayOpenNextCycle: false, NextCycle: 2, MaySendQuestions: false, NewestCycle: 1, MayKeepRecords: true), manager.Actions);
        Assert.False(steward.Cycle!.OffersSignOff);
    }

    [Fact]
    public async Task ACycleWithEveryQuestionSentOffersNothingToSendAndAnEarlierSignedOffCycleOffersItsSignOff()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var newest = await app.SendAsync(new GetSystemQuestions(Riverside, "rostering"), amara);
        var earlier = await app.SendAsync(new GetSystemQuestions(Riverside, "rostering", Cycle: 1), amara);

        Assert.Equal(new SystemActions(false, 3, false, 2, MayKeepRecords: true), newest.Actions);
        Assert.False(newest.Cycle!.OffersSignOff);
        // What may be done concerns the newest cycle whichever is shown.
        Assert.Equal(newest.Actions, earlier.Actions);
        Assert.True(earlier.Cycle!.OffersSignOff);
    }

    [Fact]
    public async Task ASystemNotAssessedYetOffersItsFirstCycleToTheWorkersSideOnly()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var key = await app.SendAsync(new RegisterSystem(Riverside, "sickness", "Sickness Triggers", "Flags absence patterns.", "Payroll team", Sourcing.InHouse, null, [], "HR"), amara);

        var steward = await app.SendAsync(new GetSystemQuestions(Riverside, key), amara);
        var manager = await app.SendAsync(new GetSystemQuestions(Riverside, key), await app.UserAsync(Daniel));
        var admin = await app.SendAsync(new GetSystemQuestions(Riverside, key), await app.UserAsync(DemoLogins.Admin));

        Assert.Null(steward.Cycle);
        Assert.Equal(new SystemActions(true, 1, false, null), steward.Actions);
        Assert.Equal(SystemActions.None, manager.Actions);
        Assert.Equal(SystemActions.None, admin.Actions);
    }

    [Fact]
    public async Task TheCycleAwaitingSignOffOffersItsSignOffPage()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        foreach (var number in Enumerable.Range(1, 19))
        {
            await app.SendAsync(new WithdrawQuestion(Riverside, Screening, 1, number, "Not this year."), amara);
        }

        var steward = await app.SendAsync(new GetSystemQuestions(Riverside, Screening), amara);
        var manager = await app.SendAsync(new GetSystemQuestions(Riverside, Screening), await app.UserAsync(Kwame));

        Assert.Equal(AssessmentState.AwaitingSignOff, steward.Cycle!.State);
        Assert.True(steward.Cycle.OffersSignOff);
        Assert.True(manager.Cycle!.OffersSignOff);
        Assert.False(steward.Actions.MayOpenNextCycle);
    }
}
