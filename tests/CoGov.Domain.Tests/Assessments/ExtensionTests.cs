using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>
/// Asking for more time: the manager's clock stops while the workers' side decides, then resumes where it stood, plus
/// the days granted. Question 1 is sent on Monday 2 November 2026 09:00 UTC, due 10 working days later on Monday
/// 16 November 09:00 (3, 4, 5, 6, 9, 10, 11, 12, 13, 16).
/// </summary>
public sealed class ExtensionTests
{
    private const string Reason = "The vendor's audit report arrives next week.";

    private static readonly DateTimeOffset Sent = Utc(2026, 11, 2, 9);
    private static readonly DateTimeOffset Due = Utc(2026, 11, 16, 9);

    /// <summary>Wednesday 11 November 09:00: 15 h of Wednesday + 24 h Thursday + 24 h Friday + 9 h Monday = 72 h left.</summary>
    private static readonly DateTimeOffset Wednesday = Utc(2026, 11, 11, 9);

    /// <summary>Friday 13 November 09:00: two working days after the request.</summary>
    private static readonly DateTimeOffset Friday = Utc(2026, 11, 13, 9);

    private readonly World _world = new();

    private Assessment SentOnMonday()
    {
        _world.MoveTo(Utc(2026, 11, 2, 8));
        var assessment = _world.Open(_world.Steward);
        assessment.Send(1, _world.Manager, Due, _world.As(_world.Steward), _world.MoveTo(Sent), _world.Rules);
        return assessment;
    }

    private void AskForMoreTime(Assessment assessment, int days, DateTimeOffset at, Person? by = null) =>
        assessment.RequestExtension(1, days, Reason, _world.As(by ?? _world.Manager), _world.MoveTo(at), _world.Rules);

    private void Decide(Assessment assessment, bool grant, DateTimeOffset at, string? comment = null) =>
        assessment.DecideExtension(1, grant, comment, _world.As(_world.Steward), _world.MoveTo(at), _world.Rules);

    // ---- Asking ----

    [Fact]
    public void TheAssigneeAsksForMoreTimeAndTheClockStops()
    {
        var assessment = SentOnMonday();

        AskForMoreTime(assessment, 5, Wednesday);

        var item = assessment.Question(1);
        Assert.Equal(QuestionState.ExtensionRequested, item.State);
        Assert.Equal(5, item.RequestedExtensionDays);
        Assert.Equal(QuestionState.Sent, item.StateBeforeExtension);
        Assert.Equal(TimeSpan.FromHours(72), item.ClockStoppedWith);
        Assert.False(item.IsClockRunning);
        Assert.False(item.IsOverdue(Utc(2027, 1, 4, 9)));
        Assert.Null(item.NextActionAt);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.ExtensionRequested, entry.Kind);
        Assert.Equal("Priya Nair", entry.ActorName);
        Assert.Equal(Wednesday, entry.At);
        Assert.Equal($"5 more working days asked: {Reason}", entry.Text);
    }

    [Fact]
    public void OneMoreDayIsWrittenInTheSingular()
    {
        var assessment = SentOnMonday();

        AskForMoreTime(assessment, 1, Wednesday);

        Assert.Equal($"1 more working day asked: {Reason}", assessment.Log[^1].Text);
    }

    [Fact]
    public void TheDelegateMayAskForMoreTime()
    {
        var assessment = SentOnMonday();
        assessment.Delegate(1, _world.UnseatedManager, "Daniel runs the system.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 3, 9)));

        AskForMoreTime(assessment, 3, Wednesday, by: _world.UnseatedManager);

        Assert.Equal(QuestionState.ExtensionRequested, assessment.Question(1).State);
        Assert.Equal("Daniel Reyes", assessment.Log[^1].ActorName);
    }

    [Theory]
    [InlineData("helen", "Helen Marsh")]
    [InlineData("amara", "Amara Okafor")]
    public void OnlyTheAssigneeOrTheirDelegateMayAskForMoreTime(string personKey, string name)
    {
        var assessment = SentOnMonday();
        var person = _world.Organisation.FindPerson(personKey)!;

        AssertRefused(assessment,
            () => AskForMoreTime(assessment, 5, Wednesday, by: person),
            $"Only its accountable manager or their delegate can ask for more time on question 1; {name} is not.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    public void MoreTimeIsAskedInOneToSixtyWorkingDays(int days)
    {
        var assessment = SentOnMonday();

        AssertRefused(assessment,
            () => AskForMoreTime(assessment, days, Wednesday),
            $"Ask for between 1 and 60 working days more for question 1, not {days}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void OneAndSixtyWorkingDaysMayBeAsked(int days)
    {
        var assessment = SentOnMonday();

        AskForMoreTime(assessment, days, Wednesday);

        Assert.Equal(days, assessment.Question(1).RequestedExtensionDays);
    }

    [Fact]
    public void AskingForMoreTimeNeedsAReason()
    {
        var assessment = SentOnMonday();

        AssertRefused(assessment,
            () => assessment.RequestExtension(1, 5, " ", _world.As(_world.Manager), _world.MoveTo(Wednesday), _world.Rules),
            "Give the reason for asking for more time on question 1.");
    }

    [Fact]
    public void MoreTimeCannotBeAskedTwiceBeforeTheDecision()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        AssertRefused(assessment,
            () => AskForMoreTime(assessment, 10, Utc(2026, 11, 12, 9)),
            "Question 1 is awaiting a decision on more time; more time cannot be asked for on it again.");
    }

    [Fact]
    public void MoreTimeCannotBeAskedOnAnAnsweredQuestion()
    {
        var assessment = SentOnMonday();
        assessment.Answer(1, "Here it is.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)));

        AssertRefused(assessment,
            () => AskForMoreTime(assessment, 5, Wednesday),
            "Question 1 is Answered (awaiting review); more time cannot be asked for on it now.");
    }

    [Fact]
    public void AnsweringWhileTheDecisionIsPendingSettlesTheRequest()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        assessment.Answer(1, "Ready after all.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 12, 9)));

        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Answered, item.State);
        Assert.Null(item.RequestedExtensionDays);
        Assert.Null(item.StateBeforeExtension);
        Assert.Null(item.NextActionAt);
        // Nothing is left to decide.
        Assert.Throws<CoGov.Domain.Common.DomainRuleException>(() => assessment.DecideExtension(1, grant: true, null, _world.As(_world.Steward), _world.Tick(), _world.Rules));
    }

    // ---- Deciding ----

    [Fact]
    public void GrantingResumesTheClockWhereItStoodPlusTheDaysGranted()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        Decide(assessment, grant: true, Friday, comment: "  Agreed, given the audit  ");

        // Where the clock stood: Friday 13 November 09:00 + 72 working hours (15 h Friday, 24 h Monday 16, 24 h Tuesday 17,
        // 9 h Wednesday 18) = Wednesday 18 November 09:00; + 5 working days: 19, 20, 23, 24, 25 = Wednesday 25 November.
        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Sent, item.State);
        Assert.Equal(Utc(2026, 11, 25, 9), item.Deadline);
        Assert.True(item.IsClockRunning);
        Assert.Null(item.ClockStoppedWith);
        Assert.Null(item.RequestedExtensionDays);
        Assert.Null(item.StateBeforeExtension);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.ExtensionGranted, entry.Kind);
        Assert.Equal("Amara Okafor", entry.ActorName);
        Assert.Equal("5 more working days granted: Agreed, given the audit. Answer now due 2026-11-25 09:00 UTC.", entry.Text);
    }

    [Fact]
    public void RefusingKeepsTheWorkingTimeThatWasLeftSoTheDeadlineMovesByTheTimeTheDecisionTook()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        Decide(assessment, grant: false, Friday);

        // 72 working hours from Friday 13 November 09:00 = Wednesday 18 November 09:00: the deadline of Monday 16 moved by
        // the two working days the decision took.
        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Sent, item.State);
        Assert.Equal(Utc(2026, 11, 18, 9), item.Deadline);
        Assert.Null(item.ClockStoppedWith);
        Assert.Null(item.RequestedExtensionDays);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.ExtensionRefused, entry.Kind);
        Assert.Equal("More time refused. Answer now due 2026-11-18 09:00 UTC.", entry.Text);
    }

    [Theory]
    [InlineData(true, "Agreed.", "5 more working days granted: Agreed. Answer now due 2026-11-25 09:00 UTC.")]
    [InlineData(false, "Not needed for this question!", "More time refused: Not needed for this question! Answer now due 2026-11-18 09:00 UTC.")]
    public void ACommentThatEndsItsOwnSentenceIsNotGivenASecondFullStop(bool grant, string comment, string expected)
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        Decide(assessment, grant, Friday, comment);

        Assert.Equal(expected, assessment.Log[^1].Text);
    }

    [Fact]
    public void AWeekendWhileTheDecisionIsPendingDoesNotCount()
    {
        var assessment = SentOnMonday();
        // Asked on Friday 13 November 15:00: 9 h of Friday and 9 h of Monday 16 left = 18 working hours.
        AskForMoreTime(assessment, 2, Utc(2026, 11, 13, 15));
        Assert.Equal(TimeSpan.FromHours(18), assessment.Question(1).ClockStoppedWith);

        // Refused on Monday 16 November 15:00: 9 h of Monday and 9 h of Tuesday = Tuesday 17 November 09:00.
        Decide(assessment, grant: false, Utc(2026, 11, 16, 15), comment: "the audit is not needed for this question");

        Assert.Equal(Utc(2026, 11, 17, 9), assessment.Question(1).Deadline);
        Assert.Equal("More time refused: the audit is not needed for this question. Answer now due 2026-11-17 09:00 UTC.", assessment.Log[^1].Text);
    }

    [Fact]
    public void MoreTimeAskedWhenAlreadyOverdueIsCountedFromTheOverdueDeadline()
    {
        var assessment = SentOnMonday();
        // Asked on Tuesday 17 November 09:00, one working day after the deadline: -24 working hours.
        AskForMoreTime(assessment, 3, Utc(2026, 11, 17, 9));
        Assert.Equal(TimeSpan.FromHours(-24), assessment.Question(1).ClockStoppedWith);

        // Granted on Wednesday 18 November 09:00: where the clock stood is Tuesday 17 09:00; + 3 working days: 18, 19, 20.
        Decide(assessment, grant: true, Utc(2026, 11, 18, 9));

        Assert.Equal(Utc(2026, 11, 20, 9), assessment.Question(1).Deadline);
    }

    [Fact]
    public void ADecisionTakenOverTheWeekendCostsTheManagerNothing()
    {
        var assessment = SentOnMonday();
        // More time asked on Saturday 14 November 10:00, with the answer due Monday 16 November 09:00: 9 working hours left.
        AskForMoreTime(assessment, 1, Utc(2026, 11, 14, 10));
        Assert.Equal(TimeSpan.FromHours(9), assessment.Question(1).ClockStoppedWith);

        // Granted on Sunday 15 November 10:00: the clock stands at Monday 16 November 09:00; + 1 working day = Tuesday 17.
        Decide(assessment, grant: true, Utc(2026, 11, 15, 10));

        Assert.Equal(Utc(2026, 11, 17, 9), assessment.Question(1).Deadline);
    }

    [Fact]
    public void OneWorkingDayGrantedWhenTheClockStandsOnAWeekendIsAFullWorkingDay()
    {
        var assessment = SentOnMonday();
        // Asked on Saturday 14 November 10:00 with the answer due at the end of Friday 13 November (Saturday 00:00):
        // no working time has passed since, so none is left and none is overdue.
        assessment.Send(2, _world.Manager, Utc(2026, 11, 14, 0), _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 3, 9)), _world.Rules);
        assessment.RequestExtension(2, 1, Reason, _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 14, 10)), _world.Rules);
        Assert.Equal(TimeSpan.Zero, assessment.Question(2).ClockStoppedWith);

        // Granted on Sunday 15 November 10:00: the clock stands there, and one more working day must leave the manager at
        // least the whole of one working day.
        var decided = _world.MoveTo(Utc(2026, 11, 15, 10));
        assessment.DecideExtension(2, true, null, _world.As(_world.Steward), decided, _world.Rules);

        var deadline = assessment.Question(2).Deadline!.Value;
        var given = _world.Rules.Calendar.WorkingTimeBetween(decided, deadline);
        Assert.True(given >= TimeSpan.FromDays(1),
            $"1 working day granted on Sunday 15 November 10:00 made the answer due {deadline:yyyy-MM-dd HH:mm}: only {given} of working time.");
    }

    [Theory]
    // Clarification asked on Thursday 5 November 09:00 with 5 working days (6, 9, 10, 11, 12): due Thursday 12 November
    // 09:00. More time asked on Monday 9 November 09:00: 15 + 24 + 24 + 9 = 72 working hours left. Decided on Tuesday
    // 10 November 09:00: the clock stands at Friday 13 November 09:00 (15 + 24 + 24 + 9 hours on).
    [InlineData(true, 2026, 11, 17)]  // + 2 working days: 16, 17
    [InlineData(false, 2026, 11, 13)]
    public void ADecisionReturnsAQuestionBackForClarificationToClarification(bool grant, int year, int month, int day)
    {
        var assessment = SentOnMonday();
        assessment.Answer(1, "First answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)));
        assessment.RequestClarification(1, "What about night shifts?", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 5, 9)), _world.Rules);
        Assert.Equal(Utc(2026, 11, 12, 9), assessment.Question(1).Deadline);
        AskForMoreTime(assessment, 2, Utc(2026, 11, 9, 9));
        Assert.Equal(QuestionState.ClarificationRequested, assessment.Question(1).StateBeforeExtension);

        Decide(assessment, grant, Utc(2026, 11, 10, 9));

        Assert.Equal(QuestionState.ClarificationRequested, assessment.Question(1).State);
        Assert.Equal(Utc(year, month, day, 9), assessment.Question(1).Deadline);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OnlyTheWorkersSideDecidesOnMoreTime(bool grant)
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        AssertRefused(assessment,
            () => assessment.DecideExtension(1, grant, null, _world.As(_world.Manager), _world.MoveTo(Friday), _world.Rules),
            "Only the workers' side can decide on more time for question 1; Priya Nair is on the management side.");
    }

    [Fact]
    public void ThereIsNothingToDecideWhenNoMoreTimeWasAsked()
    {
        var assessment = SentOnMonday();

        AssertRefused(assessment,
            () => Decide(assessment, grant: true, Friday),
            "Question 1 is Sent (awaiting an answer); more time cannot be granted on it now.");
    }

    [Fact]
    public void AGrantedQuestionCanBeAnsweredAgainByItsManager()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);
        Decide(assessment, grant: true, Friday);

        assessment.Answer(1, "With the audit in hand: here it is.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 20, 9)));

        Assert.Equal(QuestionState.Answered, assessment.Question(1).State);
    }

    // ---- Withdrawing ----

    [Fact]
    public void TheWorkersSideCanWithdrawAQuestionAwaitingADecisionOnMoreTime()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        assessment.Withdraw(1, "The committee settled it another way.", _world.As(_world.Steward), _world.MoveTo(Friday));

        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Withdrawn, item.State);
        Assert.Null(item.RequestedExtensionDays);
        Assert.Null(item.StateBeforeExtension);
        Assert.Null(item.NextActionAt);
        Assert.Equal(LogEntryKind.Withdrawn, assessment.Log[^1].Kind);
        AssertRefused(assessment,
            () => Decide(assessment, grant: true, Utc(2026, 11, 16, 9)),
            "Question 1 is Withdrawn; more time cannot be granted on it now.");
    }

    [Fact]
    public void ManagementCannotWithdrawItsRequestByWithdrawingTheQuestion()
    {
        var assessment = SentOnMonday();
        AskForMoreTime(assessment, 5, Wednesday);

        AssertRefused(assessment,
            () => assessment.Withdraw(1, "Never mind.", _world.As(_world.Manager), _world.MoveTo(Friday)),
            "Only the workers' side can withdraw question 1; Priya Nair is on the management side.");
    }
}
