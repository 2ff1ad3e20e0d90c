using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using static CoGov.Domain.Tests.Refusals;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>
/// The manager's clock: reminders 5 and 1 working days before the deadline, the overdue notice at it, then escalation
/// to the assignee's superior and to the committee chairs every 3 working days (<see cref="World.ClockRules"/>).
/// Question 1 is sent on Monday 2 November 2026 09:00 UTC, due 10 working days later on Monday 16 November 09:00.
/// </summary>
public sealed class ClockTests
{
    private static readonly DateTimeOffset Sent = Utc(2026, 11, 2, 9);
    private static readonly DateTimeOffset Due = Utc(2026, 11, 16, 9);

    /// <summary>Monday 16 November - 5 working days (13, 12, 11, 10, 9) = Monday 9 November.</summary>
    private static readonly DateTimeOffset FirstReminder = Utc(2026, 11, 9, 9);

    /// <summary>Monday 16 November - 1 working day = Friday 13 November.</summary>
    private static readonly DateTimeOffset SecondReminder = Utc(2026, 11, 13, 9);

    /// <summary>Monday 16 November + 3 working days (17, 18, 19) = Thursday 19 November.</summary>
    private static readonly DateTimeOffset FirstEscalation = Utc(2026, 11, 19, 9);

    /// <summary>Monday 16 November + 6 working days (17, 18, 19, 20, 23, 24) = Tuesday 24 November.</summary>
    private static readonly DateTimeOffset SecondEscalation = Utc(2026, 11, 24, 9);

    private const string DueText = "2026-11-16 09:00 UTC";

    private readonly World _world = new();

    private Assessment SentOnMonday(Person? to = null)
    {
        _world.MoveTo(Utc(2026, 11, 2, 8));
        var assessment = _world.Open(_world.Steward);
        assessment.Send(1, to ?? _world.Manager, Due, _world.As(_world.Steward), _world.MoveTo(Sent), _world.ClockRules);
        return assessment;
    }

    private int Sweep(Assessment assessment, DateTimeOffset at) =>
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(at));

    /// <summary>Sweeps at <paramref name="at"/> and asserts exactly one CoGov entry of the kind with the text was written, at that moment.</summary>
    private void AssertOneActionAt(Assessment assessment, DateTimeOffset at, LogEntryKind kind, string text)
    {
        var before = assessment.LogLength;

        Assert.Equal(1, Sweep(assessment, at));

        Assert.Equal(before + 1, assessment.LogLength);
        var entry = assessment.Log[^1];
        Assert.Equal(kind, entry.Kind);
        Assert.Equal(1, entry.QuestionNumber);
        Assert.Equal("CoGov", entry.ActorName);
        Assert.Null(entry.ActorPersonId);
        Assert.Equal(at, entry.At);
        Assert.Equal(text, entry.Text);
    }

    // ---- The schedule ----

    [Fact]
    public void TheFirstThingDueOnASentQuestionIsTheFirstReminder()
    {
        var assessment = SentOnMonday();

        var item = assessment.Question(1);
        Assert.Equal(FirstReminder, item.NextActionAt);
        Assert.Equal(0, item.RemindersSent);
        Assert.False(item.OverdueNotified);
        Assert.Equal(0, item.EscalationLevel);
        Assert.All(assessment.Questions.Where(q => q.Number != 1), q => Assert.Null(q.NextActionAt));
    }

    [Fact]
    public void NothingIsDoneBeforeTheFirstReminderIsDue()
    {
        var assessment = SentOnMonday();
        var before = Snapshot.Of(assessment);

        Assert.Equal(0, Sweep(assessment, FirstReminder.AddMinutes(-1)));

        Assert.Equal(before, Snapshot.Of(assessment));
    }

    [Fact]
    public void TheClockRemindsTwiceThenNoticesTheOverdueAnswerThenEscalatesTwiceThenStops()
    {
        var assessment = SentOnMonday();
        var item = assessment.Question(1);

        AssertOneActionAt(assessment, FirstReminder, LogEntryKind.Reminded, $"Reminder 1: the answer is due {DueText}.");
        Assert.Equal(SecondReminder, item.NextActionAt);

        AssertOneActionAt(assessment, SecondReminder, LogEntryKind.Reminded, $"Reminder 2: the answer is due {DueText}.");
        Assert.Equal(Due, item.NextActionAt);
        Assert.Equal(2, item.RemindersSent);

        AssertOneActionAt(assessment, Due, LogEntryKind.Overdue, $"The answer was due {DueText} and has not been given.");
        Assert.Equal(FirstEscalation, item.NextActionAt);
        Assert.True(item.OverdueNotified);

        AssertOneActionAt(assessment, FirstEscalation, LogEntryKind.Escalated,
            $"Escalation step 1 to Helen Marsh, Priya Nair's superior: the answer was due {DueText}.");
        Assert.Equal(SecondEscalation, item.NextActionAt);
        Assert.Equal(1, item.EscalationLevel);

        AssertOneActionAt(assessment, SecondEscalation, LogEntryKind.Escalated,
            $"Escalation step 2 to the committee chairs: the answer was due {DueText}.");
        Assert.Null(item.NextActionAt);
        Assert.Equal(2, item.EscalationLevel);

        var length = assessment.LogLength;
        Assert.Equal(0, Sweep(assessment, Utc(2027, 3, 1, 9)));
        Assert.Equal(length, assessment.LogLength);
        Assert.Equal(QuestionState.Sent, item.State);
        Assert.True(item.IsOverdue(_world.Now));
    }

    [Fact]
    public void SweepingTwiceAtTheSameMomentDoesNothingTheSecondTime()
    {
        var assessment = SentOnMonday();
        Assert.Equal(1, Sweep(assessment, FirstReminder));
        var after = Snapshot.Of(assessment);

        Assert.Equal(0, assessment.PerformDueActions(_world.Organisation, _world.ClockRules, FirstReminder));

        Assert.Equal(after, Snapshot.Of(assessment));
    }

    [Fact]
    public void ALateSweepDoesEachPendingActionOnceInOrder()
    {
        var assessment = SentOnMonday();
        var late = Utc(2026, 11, 20, 12); // Friday 20 November: past both reminders, the deadline and the first escalation.

        Assert.Equal(4, Sweep(assessment, late));

        var entries = assessment.Log.Skip(2).ToList();
        Assert.Equal(
            [LogEntryKind.Reminded, LogEntryKind.Reminded, LogEntryKind.Overdue, LogEntryKind.Escalated],
            entries.Select(e => e.Kind));
        Assert.StartsWith("Reminder 1:", entries[0].Text);
        Assert.StartsWith("Reminder 2:", entries[1].Text);
        Assert.StartsWith("Escalation step 1 ", entries[3].Text);
        Assert.All(entries, e => Assert.Equal(late, e.At));
        Assert.Equal(SecondEscalation, assessment.Question(1).NextActionAt);
        Assert.Equal(0, Sweep(assessment, late));
        Assert.Equal(6, assessment.LogLength);
    }

    [Fact]
    public void AManagerWithNoSuperiorEscalatesToTheChairsAtStepOne()
    {
        var assessment = SentOnMonday(to: _world.UnseatedManager);
        Assert.Equal(3, Sweep(assessment, Due));

        AssertOneActionAt(assessment, FirstEscalation, LogEntryKind.Escalated,
            $"Escalation step 1 to the committee chairs (Daniel Reyes has no named superior): the answer was due {DueText}.");
        AssertOneActionAt(assessment, SecondEscalation, LogEntryKind.Escalated,
            $"Escalation step 2 to the committee chairs: the answer was due {DueText}.");
    }

    [Fact]
    public void OnlyQuestionsThatAreDueAreActedOn()
    {
        var assessment = SentOnMonday();
        // Question 2 sent the next day, due Tuesday 17 November: its first reminder is Tuesday 10 November.
        assessment.Send(2, _world.Manager, Utc(2026, 11, 17, 9), _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 3, 9)), _world.ClockRules);

        Assert.Equal(1, Sweep(assessment, FirstReminder));

        Assert.Equal(1, assessment.Log[^1].QuestionNumber);
        Assert.Equal(Utc(2026, 11, 10, 9), assessment.Question(2).NextActionAt);
        Assert.Equal(0, assessment.Question(2).RemindersSent);
    }

    // ---- What stops and restarts the clock ----

    [Fact]
    public void AnsweringStopsEverything()
    {
        var assessment = SentOnMonday();
        Sweep(assessment, FirstReminder);

        assessment.Answer(1, "Here is the answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 10, 9)));

        Assert.Null(assessment.Question(1).NextActionAt);
        var length = assessment.LogLength;
        Assert.Equal(0, Sweep(assessment, Utc(2027, 1, 4, 9)));
        Assert.Equal(length, assessment.LogLength);
    }

    [Fact]
    public void WithdrawingStopsEverything()
    {
        var assessment = SentOnMonday();

        assessment.Withdraw(1, "Covered elsewhere.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 3, 9)));

        Assert.Null(assessment.Question(1).NextActionAt);
        Assert.Equal(0, Sweep(assessment, Utc(2027, 1, 4, 9)));
    }

    [Fact]
    public void NothingIsDoneWhileADecisionOnMoreTimeIsPending()
    {
        var assessment = SentOnMonday();
        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 11, 9)), _world.ClockRules);

        Assert.Null(assessment.Question(1).NextActionAt);
        Assert.Equal(0, Sweep(assessment, Utc(2027, 1, 4, 9)));
    }

    [Fact]
    public void AClarificationStartsAFreshDeadlineAndSkipsRemindersAlreadyPast()
    {
        var assessment = SentOnMonday();
        assessment.Answer(1, "First answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 5, 10)));
        var asked = _world.MoveTo(Utc(2026, 11, 10, 10));

        assessment.RequestClarification(1, "What about night shifts?", _world.As(_world.Steward), asked, _world.ClockRules);

        // Tuesday 10 November 10:00 + 3 working days (11, 12, 13) = Friday 13 November 10:00. Its first reminder,
        // 5 working days before (12, 11, 10, 9, 6), fell on Friday 6 November: past, so skipped. The second falls on
        // Thursday 12 November 10:00.
        var item = assessment.Question(1);
        Assert.Equal(Utc(2026, 11, 13, 10), item.Deadline);
        Assert.Equal(1, item.RemindersSent);
        Assert.Equal(Utc(2026, 11, 12, 10), item.NextActionAt);
        Assert.Equal(0, Sweep(assessment, asked));
        AssertOneActionAt(assessment, Utc(2026, 11, 12, 10), LogEntryKind.Reminded, "Reminder 2: the answer is due 2026-11-13 10:00 UTC.");
        AssertOneActionAt(assessment, Utc(2026, 11, 13, 10), LogEntryKind.Overdue, "The answer was due 2026-11-13 10:00 UTC and has not been given.");
    }

    [Fact]
    public void AClarificationAfterAnOverdueAnswerStartsTheOverdueNoticeAndEscalationAfresh()
    {
        var assessment = SentOnMonday();
        Assert.Equal(4, Sweep(assessment, FirstEscalation));
        assessment.Answer(1, "Late answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 19, 10)));

        assessment.RequestClarification(1, "Say more.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 20, 10)), _world.ClockRules);

        // Friday 20 November 10:00 + 3 working days (23, 24, 25) = Wednesday 25 November 10:00; its reminder 1 working
        // day before is Tuesday 24 November 10:00.
        var item = assessment.Question(1);
        Assert.Equal(Utc(2026, 11, 25, 10), item.Deadline);
        Assert.False(item.OverdueNotified);
        Assert.Equal(0, item.EscalationLevel);
        Assert.Equal(Utc(2026, 11, 24, 10), item.NextActionAt);
    }

    [Fact]
    public void GrantedTimeStartsTheRemindersAfresh()
    {
        var assessment = SentOnMonday();
        Sweep(assessment, FirstReminder);
        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 11, 9)), _world.ClockRules);

        assessment.DecideExtension(1, true, null, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 13, 9)), _world.ClockRules);

        // New deadline Wednesday 25 November 09:00 (see ExtensionTests); its first reminder, 5 working days before
        // (24, 23, 20, 19, 18), is Wednesday 18 November 09:00, still to come.
        var item = assessment.Question(1);
        Assert.Equal(Utc(2026, 11, 25, 9), item.Deadline);
        Assert.Equal(0, item.RemindersSent);
        Assert.Equal(Utc(2026, 11, 18, 9), item.NextActionAt);
    }

    [Fact]
    public void RefusedTimeKeepsTheRemindersAlreadySent()
    {
        var assessment = SentOnMonday();
        Sweep(assessment, FirstReminder);
        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 11, 9)), _world.ClockRules);

        assessment.DecideExtension(1, false, null, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 13, 9)), _world.ClockRules);

        // New deadline Wednesday 18 November 09:00; reminder 1 went out already, reminder 2 falls 1 working day before it.
        var item = assessment.Question(1);
        Assert.Equal(Utc(2026, 11, 18, 9), item.Deadline);
        Assert.Equal(1, item.RemindersSent);
        Assert.Equal(Utc(2026, 11, 17, 9), item.NextActionAt);
    }

    [Fact]
    public void ASweepUnderAPolicyThatDroppedTheRemindersMovesTheNextActionOnAndDoesNothingEarly()
    {
        var assessment = SentOnMonday();
        var noReminders = new DeadlineRules(WorkingCalendar.Utc, 3, [], _world.ClockRules.Escalation, 3);

        Assert.Equal(0, assessment.PerformDueActions(_world.Organisation, noReminders, _world.MoveTo(FirstReminder)));

        // Without reminders the next thing due is the overdue notice at the deadline, Monday 16 November 09:00.
        Assert.Equal(Due, assessment.Question(1).NextActionAt);
        Assert.Equal(2, assessment.LogLength);
    }

    [Fact]
    public void ASignedOffCycleDoesNothing()
    {
        var assessment = _world.SignedOffAssessment();

        Assert.Equal(0, assessment.PerformDueActions(_world.Organisation, _world.ClockRules, Utc(2030, 1, 1, 9)));
    }

    // ---- Reminding at once ----

    [Fact]
    public void TheWorkersSideCanRemindAtOnceWithoutChangingTheSchedule()
    {
        var assessment = SentOnMonday();
        var at = _world.MoveTo(Utc(2026, 11, 4, 11));

        assessment.RemindNow(1, _world.As(_world.Rep), at);

        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Reminded, entry.Kind);
        Assert.Equal("Tomasz Nowak", entry.ActorName);
        Assert.Equal(_world.Rep.Id, entry.ActorPersonId);
        Assert.Equal(at, entry.At);
        Assert.Equal($"Reminder sent by Tomasz Nowak: the answer is due {DueText}.", entry.Text);
        var item = assessment.Question(1);
        Assert.Equal(FirstReminder, item.NextActionAt);
        Assert.Equal(0, item.RemindersSent);
        AssertOneActionAt(assessment, FirstReminder, LogEntryKind.Reminded, $"Reminder 1: the answer is due {DueText}.");
    }

    [Fact]
    public void AQuestionAwaitingClarificationCanBeRemindedOf()
    {
        var assessment = SentOnMonday();
        assessment.Answer(1, "First answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 5, 10)));
        assessment.RequestClarification(1, "Say more.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 10, 10)), _world.ClockRules);

        assessment.RemindNow(1, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 11, 10)));

        Assert.Equal("Reminder sent by Amara Okafor: the answer is due 2026-11-13 10:00 UTC.", assessment.Log[^1].Text);
    }

    [Fact]
    public void ManagementCannotSendAReminder()
    {
        var assessment = SentOnMonday();

        AssertRefused(assessment,
            () => assessment.RemindNow(1, _world.As(_world.Director), _world.MoveTo(Utc(2026, 11, 4, 11))),
            "Only the workers' side can send a reminder about question 1; Helen Marsh cannot.");
    }

    public static TheoryData<string> NotWaitingOnManagement => ["draft", "answered", "extension requested", "accepted"];

    [Theory]
    [MemberData(nameof(NotWaitingOnManagement))]
    public void ThereIsNothingToRemindOfWhenTheQuestionIsNotWaitingOnManagement(string state)
    {
        var assessment = SentOnMonday();
        var number = state == "draft" ? 2 : 1;
        if (state != "draft")
        {
            if (state == "extension requested")
            {
                assessment.RequestExtension(1, 5, "Audit.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 3, 9)), _world.ClockRules);
            }
            else
            {
                assessment.Answer(1, "Answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 3, 9)));
            }
            if (state == "accepted")
            {
                assessment.Accept(1, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 3, 10)));
            }
        }

        AssertRefused(assessment,
            () => assessment.RemindNow(number, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 4, 11))),
            $"Question {number} is not waiting on an answer from management; there is nothing to remind them of.");
    }
}
