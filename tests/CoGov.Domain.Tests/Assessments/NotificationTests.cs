using CoGov.Domain.Assessments;
using static CoGov.Domain.Tests.Refusals;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>Who is told about each change, and that every notification points at the log entry it tells of.</summary>
public sealed class NotificationTests
{
    private readonly World _world = new();

    /// <summary>Question 1 sent by Tomasz Nowak to Priya Nair on Monday 2 November 2026 09:00, due Monday 16 November 09:00.</summary>
    private Assessment SentByTomasz()
    {
        _world.MoveTo(Utc(2026, 11, 2, 8));
        var assessment = _world.Open(_world.Steward);
        assessment.Send(1, _world.Manager, Utc(2026, 11, 16, 9), _world.As(_world.Rep), _world.MoveTo(Utc(2026, 11, 2, 9)), _world.ClockRules);
        return assessment;
    }

    private void DelegateToDaniel(Assessment assessment) =>
        assessment.Delegate(1, _world.UnseatedManager, "Daniel runs the system.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 3, 9)));

    /// <summary>Asserts every notification is about this cycle and points at the entry just written (or the given one).</summary>
    private static void AssertAbout(Assessment assessment, IReadOnlyList<Notification> notifications, LogEntry? entry = null)
    {
        entry ??= assessment.Log[^1];
        Assert.All(notifications, n =>
        {
            Assert.Same(entry, n.Entry);
            Assert.Equal(assessment.Id, n.AssessmentId);
            Assert.Equal(entry.QuestionNumber, n.QuestionNumber);
        });
    }

    private static (NotificationKind, Guid)[] Told(IEnumerable<Notification> notifications) =>
        [.. notifications.Select(n => (n.Kind, n.RecipientPersonId))];

    [Fact]
    public void OpeningACycleTellsNoOne()
    {
        var assessment = _world.Open(_world.Steward);

        Assert.Empty(assessment.TakeNotifications());
    }

    [Fact]
    public void SendingTellsTheAssigneeTheQuestionArrived()
    {
        var assessment = SentByTomasz();

        var notifications = assessment.TakeNotifications();

        Assert.Equal([(NotificationKind.QuestionArrived, _world.Manager.Id)], Told(notifications));
        Assert.Equal(LogEntryKind.Sent, notifications[0].Entry.Kind);
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void TakingTheNotificationsEmptiesTheList()
    {
        var assessment = SentByTomasz();
        Assert.Single(assessment.TakeNotifications());

        Assert.Empty(assessment.TakeNotifications());
    }

    [Fact]
    public void NotificationsPileUpUntilTaken()
    {
        var assessment = SentByTomasz();
        var sent = assessment.Log[^1];
        DelegateToDaniel(assessment);

        var notifications = assessment.TakeNotifications();

        Assert.Equal(
            [(NotificationKind.QuestionArrived, _world.Manager.Id), (NotificationKind.QuestionArrived, _world.UnseatedManager.Id)],
            Told(notifications));
        Assert.Same(sent, notifications[0].Entry);
        Assert.Same(assessment.Log[^1], notifications[1].Entry);
    }

    [Fact]
    public void ReassigningTellsTheNewAssigneeAndTheOneItLeaves()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        assessment.Reassign(1, _world.UnseatedManager, "Daniel owns the rota.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 3, 9)));

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.QuestionArrived, _world.UnseatedManager.Id), (NotificationKind.ReassignedAway, _world.Manager.Id)], Told(notifications));
        Assert.Equal(LogEntryKind.Reassigned, notifications[0].Entry.Kind);
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void ReassigningTellsThoseItLeavesThatTheAnswerIsNoLongerTheirs()
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.TakeNotifications();

        assessment.Reassign(1, _world.Director, "The director signed the rota contract.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 4, 9)));

        var notifications = assessment.TakeNotifications();
        Assert.Equal(
            [(NotificationKind.QuestionArrived, _world.Director.Id), (NotificationKind.ReassignedAway, _world.Manager.Id), (NotificationKind.ReassignedAway, _world.UnseatedManager.Id)],
            Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void DelegatingTellsTheDelegate()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        DelegateToDaniel(assessment);

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.QuestionArrived, _world.UnseatedManager.Id)], Told(notifications));
        Assert.Equal(LogEntryKind.Delegated, notifications[0].Entry.Kind);
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void AnsweringTellsTheStewardWhoSentTheQuestion()
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.TakeNotifications();

        assessment.Answer(1, "The answer.", _world.As(_world.UnseatedManager), _world.MoveTo(Utc(2026, 11, 4, 9)));

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.Answered, _world.Rep.Id)], Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void AskingForMoreTimeTellsTheStewardWhoSentTheQuestion()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)), _world.ClockRules);

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.ExtensionRequested, _world.Rep.Id)], Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Theory]
    [InlineData(true, LogEntryKind.ExtensionGranted)]
    [InlineData(false, LogEntryKind.ExtensionRefused)]
    public void ADecisionOnMoreTimeTellsTheAssigneeAndTheDelegate(bool grant, LogEntryKind kind)
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.UnseatedManager), _world.MoveTo(Utc(2026, 11, 4, 9)), _world.ClockRules);
        assessment.TakeNotifications();

        assessment.DecideExtension(1, grant, null, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 5, 9)), _world.ClockRules);

        var notifications = assessment.TakeNotifications();
        Assert.Equal(
            [(NotificationKind.ExtensionDecided, _world.Manager.Id), (NotificationKind.ExtensionDecided, _world.UnseatedManager.Id)],
            Told(notifications));
        Assert.Equal(kind, notifications[0].Entry.Kind);
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void AClarificationRequestTellsTheAssigneeAndTheDelegate()
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.Answer(1, "The answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)));
        assessment.TakeNotifications();

        assessment.RequestClarification(1, "Say more.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 5, 9)), _world.ClockRules);

        var notifications = assessment.TakeNotifications();
        Assert.Equal(
            [(NotificationKind.ClarificationRequested, _world.Manager.Id), (NotificationKind.ClarificationRequested, _world.UnseatedManager.Id)],
            Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void RemindersAndTheOverdueNoticeTellTheAssigneeAndTheDelegate()
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.TakeNotifications();

        // At the deadline, Monday 16 November 09:00: reminder 1, reminder 2 and the overdue notice.
        Assert.Equal(3, assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 16, 9))));

        var notifications = assessment.TakeNotifications();
        var (priya, daniel) = (_world.Manager.Id, _world.UnseatedManager.Id);
        Assert.Equal(
            [(NotificationKind.Reminder, priya), (NotificationKind.Reminder, daniel),
             (NotificationKind.Reminder, priya), (NotificationKind.Reminder, daniel),
             (NotificationKind.Overdue, priya), (NotificationKind.Overdue, daniel)],
            Told(notifications));
        var entries = assessment.Log.TakeLast(3).ToList();
        AssertAbout(assessment, notifications.Take(2).ToList(), entries[0]);
        AssertAbout(assessment, notifications.Skip(2).Take(2).ToList(), entries[1]);
        AssertAbout(assessment, notifications.Skip(4).ToList(), entries[2]);
    }

    [Fact]
    public void AReminderSentAtOnceTellsTheAssignee()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        assessment.RemindNow(1, _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 4, 9)));

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.Reminder, _world.Manager.Id)], Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void EscalationTellsTheSuperiorThenTheChairsAndTheAssigneeEachTime()
    {
        var assessment = SentByTomasz();
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 16, 9)));
        assessment.TakeNotifications();
        var (priya, helen, amara) = (_world.Manager.Id, _world.Director.Id, _world.Steward.Id);

        // Step 1 on Thursday 19 November: Helen Marsh, Priya Nair's superior.
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 19, 9)));
        var first = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.Escalation, helen), (NotificationKind.Escalation, priya)], Told(first));
        AssertAbout(assessment, first);

        // Step 2 on Tuesday 24 November: both chairs, Amara Okafor and Helen Marsh.
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 24, 9)));
        var second = assessment.TakeNotifications();
        Assert.Equal(
            [(NotificationKind.Escalation, amara), (NotificationKind.Escalation, helen), (NotificationKind.Escalation, priya)],
            Told(second));
        AssertAbout(assessment, second);
    }

    [Fact]
    public void EscalationForAManagerWithNoSuperiorTellsTheChairsAtStepOne()
    {
        _world.MoveTo(Utc(2026, 11, 2, 8));
        var assessment = _world.Open(_world.Steward);
        assessment.Send(1, _world.UnseatedManager, Utc(2026, 11, 16, 9), _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 2, 9)), _world.ClockRules);
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 16, 9)));
        assessment.TakeNotifications();

        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 19, 9)));

        Assert.Equal(
            [(NotificationKind.Escalation, _world.Steward.Id), (NotificationKind.Escalation, _world.Director.Id),
             (NotificationKind.Escalation, _world.UnseatedManager.Id)],
            Told(assessment.TakeNotifications()));
    }

    [Fact]
    public void AChallengeTellsBothChairs()
    {
        var assessment = SentByTomasz();
        assessment.Answer(1, "The answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)));
        assessment.TakeNotifications();

        assessment.Challenge(1, "It does not say who can override the rota.", _world.As(_world.Rep), _world.MoveTo(Utc(2026, 11, 5, 9)), _world.Organisation);

        var notifications = assessment.TakeNotifications();
        Assert.Equal(
            [(NotificationKind.Challenged, _world.Steward.Id), (NotificationKind.Challenged, _world.Director.Id)],
            Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void AChairWhoChallengesIsNotToldOfTheirOwnChallengeAndTheOtherChairIs()
    {
        var assessment = SentByTomasz();
        assessment.Answer(1, "The answer.", _world.As(_world.Manager), _world.MoveTo(Utc(2026, 11, 4, 9)));
        assessment.TakeNotifications();

        assessment.Challenge(1, "It does not say who can override the rota.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 5, 9)), _world.Organisation);

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.Challenged, _world.Director.Id)], Told(notifications));
        AssertAbout(assessment, notifications);
    }

    [Fact]
    public void ARefusedChangeTellsNoOne()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        AssertRefused(assessment,
            () => assessment.Answer(1, "I can answer that.", _world.As(_world.Director), _world.MoveTo(Utc(2026, 11, 4, 9))));
        AssertRefused(assessment,
            () => assessment.Reassign(1, _world.Rep, "Tomasz knows.", _world.As(_world.Steward), _world.MoveTo(Utc(2026, 11, 4, 10))));

        Assert.Empty(assessment.TakeNotifications());
    }

    [Fact]
    public void ASweepWithNothingDueTellsNoOne()
    {
        var assessment = SentByTomasz();
        assessment.TakeNotifications();

        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 6, 9)));

        Assert.Empty(assessment.TakeNotifications());
    }

    [Fact]
    public void NotificationsGoToPeopleOfTheOrganisation()
    {
        var assessment = SentByTomasz();
        DelegateToDaniel(assessment);
        assessment.PerformDueActions(_world.Organisation, _world.ClockRules, _world.MoveTo(Utc(2026, 11, 24, 9)));

        var notifications = assessment.TakeNotifications();

        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Equal(_world.Organisation.Id, _world.Organisation.FindPerson(n.RecipientPersonId)?.OrganisationId));
    }

    [Fact]
    public void AcceptingTheLastOpenAnswerTellsTheAccountableManagerOnceThatTheCycleIsReadyToSignOff()
    {
        var assessment = _world.Open(_world.Steward);
        var all = World.AllNumbers(assessment);
        _world.Send(assessment, all);
        _world.Answer(assessment, all);
        _world.Accept(assessment, all[..^1]);
        Assert.DoesNotContain(assessment.TakeNotifications(), n => n.Kind == NotificationKind.SignOffDue);

        _world.Accept(assessment, all[^1]);

        var notifications = assessment.TakeNotifications();
        Assert.Equal([(NotificationKind.SignOffDue, _world.Manager.Id)], Told(notifications));
        AssertAbout(assessment, notifications);
        Assert.True(assessment.CanSignOff(_world.As(_world.Manager)));
    }

    [Fact]
    public void WithdrawingOrResolvingTheLastOpenQuestionAlsoTellsTheAccountableManagerToSignOff()
    {
        var assessment = _world.Open(_world.Steward);
        var all = World.AllNumbers(assessment);
        _world.Send(assessment, all);
        _world.Answer(assessment, [all[0], .. all[2..]]);
        _world.Accept(assessment, all[2..]);
        _world.Challenge(assessment, all[0]);
        _world.Withdraw(assessment, all[1]);
        Assert.DoesNotContain(assessment.TakeNotifications(), n => n.Kind == NotificationKind.SignOffDue);

        _world.Resolve(assessment, all[0]);

        Assert.Equal([(NotificationKind.SignOffDue, _world.Manager.Id)], Told(assessment.TakeNotifications()));
    }

    [Fact]
    public void WithdrawingEveryQuestionBeforeSendingTellsTheAccountableManagerToSignOffOnce()
    {
        var assessment = _world.Open(_world.Steward);
        var all = World.AllNumbers(assessment);

        _world.Withdraw(assessment, all);

        Assert.Equal([(NotificationKind.SignOffDue, _world.Manager.Id)], Told(assessment.TakeNotifications()));
    }
}
