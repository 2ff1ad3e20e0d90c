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
}

/// <summary>
/// Someone to tell about a change, raised by the cycle as it changes and turned into mail in the same transaction
/// (the outbox), so a change is never saved without its mail or its mail sent without the change.
/// </summary>
public sealed record Notification(NotificationKind Kind, Guid RecipientPersonId, Guid AssessmentId, int? QuestionNumber, LogEntry Entry);
