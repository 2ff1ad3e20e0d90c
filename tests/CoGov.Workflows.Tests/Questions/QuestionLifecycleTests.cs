using CoGov.Workflows.Common;
using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Workflows.Scheduling;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Questions;

/// <summary>
/// One question's whole life through the engine's commands and its sweep, on the demo organisation's applicant
/// screening system, with time moved by hand. The demo policy: ten working days to answer in London, reminders five and
/// one working days before, escalation to the manager's superior three working days after the deadline and to the
/// committee chairs three more after that.
/// </summary>
public sealed class QuestionLifecycleTests
{
    // Monday 23 November 2026, 09:30 UTC (London is on UTC in winter). Ten working days later: Monday 7 December.
    private static readonly DateTimeOffset Sent = TestApp.Now;
    private static readonly DateTimeOffset FirstReminder = At(2026, 11, 30);  // five working days before
    private static readonly DateTimeOffset SecondReminder = At(2026, 12, 4);  // one working day before (a Friday)
    private static readonly DateTimeOffset Deadline = At(2026, 12, 7);
    private static readonly DateTimeOffset FirstEscalation = At(2026, 12, 10);  // three working days after
    private static readonly DateTimeOffset SecondEscalation = At(2026, 12, 15); // three more

    [Fact]
    public async Task AQuestionIsRemindedTwiceGoesOverdueEscalatesTwiceAndIsAnsweredClarifiedAndAccepted()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);

        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), amara);
        var sent = Assert.Single(await app.LogOfAsync(Screening, 1, 1));
        Assert.Equal("Sent to Kwame Asante, answer due 2026-12-07 09:30 UTC.", sent.Text);

        // Nothing is due before the first reminder's moment, however often the sweep runs.
        await SweepAt(app, FirstReminder.AddTicks(-1));
        await SweepAt(app, FirstReminder.AddTicks(-1));
        Assert.Single(await app.LogOfAsync(Screening, 1, 1));

        await SweepAt(app, FirstReminder);
        await SweepAt(app, SecondReminder);
        await SweepAt(app, Deadline);
        await SweepAt(app, FirstEscalation);
        await SweepAt(app, SecondEscalation);
        // Everything the clock had to do is done: further sweeps find nothing.
        Assert.Equal(0, (await SweepAt(app, SecondEscalation.AddDays(30))).QuestionActions);

        await AtAsync(app, SecondEscalation.AddDays(31), () => app.SendAsync(new AnswerQuestion(Key, Screening, 1, 1, "We screen for shift availability only."), kwame));
        await AtAsync(app, SecondEscalation.AddDays(32), () => app.SendAsync(new RequestClarification(Key, Screening, 1, 1, "Which tools, and who sees the scores?"), amara));
        await AtAsync(app, SecondEscalation.AddDays(33), () => app.SendAsync(new AnswerQuestion(Key, Screening, 1, 1, "CandidateMatch only; recruiters see scores."), kwame));
        await AtAsync(app, SecondEscalation.AddDays(34), () => app.SendAsync(new AcceptAnswer(Key, Screening, 1, 1), amara));

        var log = await app.LogOfAsync(Screening, 1, 1);
        Assert.Equal(
            [
                (LogEntryKind.Sent, "Amara Okafor"),
                (LogEntryKind.Reminded, "CoGov"),
                (LogEntryKind.Reminded, "CoGov"),
                (LogEntryKind.Overdue, "CoGov"),
                (LogEntryKind.Escalated, "CoGov"),
                (LogEntryKind.Escalated, "CoGov"),
                (LogEntryKind.Answered, "Kwame Asante"),
                (LogEntryKind.ClarificationRequested, "Amara Okafor"),
                (LogEntryKind.Answered, "Kwame Asante"),
                (LogEntryKind.Accepted, "Amara Okafor"),
            ],
            log.Select(e => (e.Kind, e.ActorName)));
        Assert.Equal([Sent, FirstReminder, SecondReminder, Deadline, FirstEscalation, SecondEscalation], log.Take(6).Select(e => e.At));
        Assert.Equal("Reminder 1: the answer is due 2026-12-07 09:30 UTC.", log[1].Text);
        Assert.Equal("Reminder 2: the answer is due 2026-12-07 09:30 UTC.", log[2].Text);
        Assert.Equal("The answer was due 2026-12-07 09:30 UTC and has not been given.", log[3].Text);
        Assert.Equal("Escalation step 1 to Helen Marsh, Kwame Asante's superior: the answer was due 2026-12-07 09:30 UTC.", log[4].Text);
        Assert.Equal("Escalation step 2 to the committee chairs: the answer was due 2026-12-07 09:30 UTC.", log[5].Text);

        Assert.Equal(
            [
                (NotificationKind.QuestionArrived, "Kwame Asante"),
                (NotificationKind.Reminder, "Kwame Asante"),
                (NotificationKind.Reminder, "Kwame Asante"),
                (NotificationKind.Overdue, "Kwame Asante"),
                (NotificationKind.Escalation, "Helen Marsh"),
                (NotificationKind.Escalation, "Kwame Asante"),
                (NotificationKind.Escalation, "Helen Marsh"),
                (NotificationKind.Escalation, "Kwame Asante"),
                (NotificationKind.Escalation, "Leila Haddad"),
                (NotificationKind.Answered, "Amara Okafor"),
                (NotificationKind.ClarificationRequested, "Kwame Asante"),
                (NotificationKind.Answered, "Amara Okafor"),
            ],
            await app.MailAboutAsync(Screening, 1, 1));

        var cycle = await app.CycleAsync(Screening, 1);
        Assert.Equal(QuestionState.Accepted, cycle.Question(1).State);
        Assert.Null(cycle.Question(1).NextActionAt);
        Assert.True(cycle.VerifyLog().IsIntact);
    }

    [Fact]
    public async Task ALateSweepDoesEverythingThatFellDueOnceAndInOrder()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), await app.UserAsync(Amara));

        // The app was down from before the first reminder until after the first escalation.
        await SweepAt(app, FirstEscalation.AddHours(2));
        var afterFirst = await app.LogOfAsync(Screening, 1, 1);
        var again = await SweepAt(app, FirstEscalation.AddHours(2));

        Assert.Equal(
            [LogEntryKind.Sent, LogEntryKind.Reminded, LogEntryKind.Reminded, LogEntryKind.Overdue, LogEntryKind.Escalated],
            afterFirst.Select(e => e.Kind));
        // Done late, when the sweep ran, and not done again.
        Assert.All(afterFirst.Skip(1), e => Assert.Equal(FirstEscalation.AddHours(2), e.At));
        Assert.Equal(0, again.QuestionActions);
        Assert.Equal(afterFirst.Count, (await app.LogOfAsync(Screening, 1, 1)).Count);
    }

    [Fact]
    public async Task AManagerCannotAcceptTheirOwnAnswerAndNothingChanges()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var kwame = await app.UserAsync(Kwame);
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), await app.UserAsync(Amara));
        await app.SendAsync(new AnswerQuestion(Key, Screening, 1, 1, "An answer."), kwame);

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new AcceptAnswer(Key, Screening, 1, 1), kwame));

        Assert.Equal("This needs the Steward role in this organisation.", refused.Message);
        Assert.Equal(QuestionState.Answered, (await app.CycleAsync(Screening, 1)).Question(1).State);
        Assert.Equal(2, (await app.LogOfAsync(Screening, 1, 1)).Count);
    }

    [Fact]
    public async Task AnAnswerGivenTwiceIsRefusedWithTheStateItIsIn()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(7)]), amara);
        await app.SendAsync(new AnswerQuestion(Key, Screening, 1, 7, "Our legal team reviews it yearly."), kwame);
        await app.SendAsync(new AcceptAnswer(Key, Screening, 1, 7), amara);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(
            () => app.SendAsync(new AnswerQuestion(Key, Screening, 1, 7, "Another answer."), kwame));

        Assert.Equal("Question 7 is Accepted; it cannot be answered again.", refused.Message);
    }

    [Fact]
    public async Task AnExtensionStopsTheClockAndAGrantedOneMovesTheDeadlineByTheDaysGranted()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(2)]), amara);

        // Asked on Monday 30 November with five working days left; decided on Wednesday 2 December.
        await AtAsync(app, FirstReminder.AddMinutes(-1), () => app.SendAsync(new RequestExtension(Key, Screening, 1, 2, 3, "The vendor is answering us."), kwame));
        var paused = (await app.CycleAsync(Screening, 1)).Question(2);
        Assert.Equal(QuestionState.ExtensionRequested, paused.State);
        Assert.Null(paused.NextActionAt);
        // The first reminder's moment passes while the clock is stopped: nothing is sent.
        await SweepAt(app, At(2026, 12, 2).AddMinutes(-2));
        Assert.Equal([LogEntryKind.Sent, LogEntryKind.ExtensionRequested], (await app.LogOfAsync(Screening, 1, 2)).Select(e => e.Kind));

        await AtAsync(app, At(2026, 12, 2).AddMinutes(-1), () => app.SendAsync(new DecideExtension(Key, Screening, 1, 2, Grant: true, "Fine."), amara));

        // Five working days and one minute were left; from Wednesday 2 December less a minute that is Wednesday 9
        // December at 09:30, and three more working days make Monday 14 December.
        var resumed = (await app.CycleAsync(Screening, 1)).Question(2);
        Assert.Equal(QuestionState.Sent, resumed.State);
        Assert.Equal(At(2026, 12, 14), resumed.Deadline);
        Assert.Equal(
            [(NotificationKind.QuestionArrived, "Kwame Asante"), (NotificationKind.ExtensionRequested, "Amara Okafor"), (NotificationKind.ExtensionDecided, "Kwame Asante")],
            await app.MailAboutAsync(Screening, 1, 2));
    }

    private static DateTimeOffset At(int year, int month, int day) =>
        new DateTimeOffset(year, month, day, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private static async Task<DueWorkDone> SweepAt(TestApp app, DateTimeOffset when)
    {
        app.Clock.SetUtcNow(when);
        return await app.SendAsync(new RunDueWork());
    }

    private static async Task AtAsync(TestApp app, DateTimeOffset when, Func<Task> action)
    {
        app.Clock.SetUtcNow(when);
        await action();
    }
}
