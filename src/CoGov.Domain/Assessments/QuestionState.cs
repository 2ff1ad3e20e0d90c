namespace CoGov.Domain.Assessments;

/// <summary>Where one question of one cycle stands.</summary>
public enum QuestionState
{
    /// <summary>Prepared by the workers' side, not yet sent.</summary>
    Draft = 1,

    /// <summary>With the named accountable manager, who owes an answer; the clock runs.</summary>
    Sent = 2,

    /// <summary>Answered; the workers' side has to review the answer. The manager's clock is stopped.</summary>
    Answered = 3,

    /// <summary>Back with the accountable manager, who owes a clearer answer by a fresh deadline.</summary>
    ClarificationRequested = 4,

    /// <summary>The workers' side challenged the answer (right of redress): on the joint committee's agenda.</summary>
    Challenged = 5,

    /// <summary>The workers' side accepted the answer.</summary>
    Accepted = 6,

    /// <summary>The joint committee recorded a resolution of a challenge.</summary>
    Resolved = 7,

    /// <summary>The workers' side withdrew the question for this cycle.</summary>
    Withdrawn = 8,

    /// <summary>The manager asked for more time; the workers' side decides. The clock is stopped meanwhile.</summary>
    ExtensionRequested = 9,
}

/// <summary>
/// Which states mean what, said once. The sets are read-only lists EF translates, so a query asks <c>QuestionStates.Open.Contains(q.State)</c>
/// and have it counted in SQL exactly as the model counts it in memory.
/// </summary>
public static class QuestionStates
{
    /// <summary>Nothing more is owed on the question in this cycle.</summary>
    public static readonly IReadOnlyList<QuestionState> Settled = [QuestionState.Accepted, QuestionState.Resolved, QuestionState.Withdrawn];

    /// <summary>The accountable manager owes an answer and the clock runs.</summary>
    public static readonly IReadOnlyList<QuestionState> AwaitingManagement = [QuestionState.Sent, QuestionState.ClarificationRequested];

    /// <summary>The workers' side has an answer to review or a request for more time to decide.</summary>
    public static readonly IReadOnlyList<QuestionState> AwaitingReview = [QuestionState.Answered, QuestionState.ExtensionRequested];

    /// <summary>The workers' side (or, for a challenge, the committee) has to act next; the manager's clock is stopped.</summary>
    public static readonly IReadOnlyList<QuestionState> AwaitingWorkers = [.. AwaitingReview, QuestionState.Challenged];

    /// <summary>
    /// Sent and not settled. A request for more time stops the clock but leaves the question open: it is still owed an
    /// answer, and the workers' side has a decision to make on it.
    /// </summary>
    public static readonly IReadOnlyList<QuestionState> Open = [.. AwaitingManagement, .. AwaitingWorkers];

    public static bool IsSettled(this QuestionState state) => Settled.Contains(state);

    public static bool IsWithManagement(this QuestionState state) => AwaitingManagement.Contains(state);

    public static bool IsWithWorkers(this QuestionState state) => AwaitingWorkers.Contains(state);

    public static bool IsOpen(this QuestionState state) => Open.Contains(state);
}
