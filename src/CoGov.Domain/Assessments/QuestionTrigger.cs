namespace CoGov.Domain.Assessments;

/// <summary>What can happen to a question. Each is allowed only in some states and only to some people.</summary>
public enum QuestionTrigger
{
    Send,
    Answer,
    RequestClarification,
    Accept,
    Challenge,
    Resolve,
    Withdraw,
    Reassign,
    Delegate,
    RequestExtension,
    GrantExtension,
    RefuseExtension,
}
