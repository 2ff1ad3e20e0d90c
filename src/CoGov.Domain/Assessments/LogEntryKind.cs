namespace CoGov.Domain.Assessments;

/// <summary>What a log entry records. Stored by name, so new kinds can be added without renumbering.</summary>
public enum LogEntryKind
{
    Opened,
    Sent,
    Answered,
    ClarificationRequested,
    Accepted,
    Challenged,
    Resolved,
    Withdrawn,
    SignedOff,
    Countersigned,
    Reassigned,
    Delegated,
    ExtensionRequested,
    ExtensionGranted,
    ExtensionRefused,
    Reminded,
    Overdue,
    Escalated,
}
