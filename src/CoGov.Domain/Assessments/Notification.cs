namespace CoGov.Domain.Assessments;

/// <summary>Why someone is told about a change.</summary>
public enum NotificationKind
{
    QuestionArrived,
    Reminder,
    Overdue,
    Escalation,
    Answered,
    ClarificationRequested,
    ExtensionRequested,
    ExtensionDecided,
    Challenged,

    /// <summary>To the manager (and delegate) a question was reassigned away from: they no longer owe its answer.</summary>
    ReassignedAway,

    /// <summary>
    /// To each chair: the cycle's log head at a sign-off, countersignature or kept record, a copy of it outside the
    /// database (decision record 19). Raised by CoGov's workflows, not the cycle.
    /// </summary>
    LogAnchored,

    /// <summary>
    /// To the cycle's accountable manager, when the last of its questions is settled: the cycle waits on their sign-off
    /// and nothing else, so nobody would otherwise know to open it.
    /// </summary>
    SignOffDue,
}

/// <summary>
/// Someone to tell about a change, raised by the cycle as it changes and turned into mail in the same transaction
/// (the outbox), so a change is never saved without its mail or its mail sent without the change.
/// </summary>
public sealed record Notification(NotificationKind Kind, Guid RecipientPersonId, Guid AssessmentId, int? QuestionNumber, LogEntry Entry);
