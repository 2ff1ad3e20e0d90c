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

public static class QuestionStates
{
    /// <summary>Nothing more is owed on the question in this cycle.</summary>
    public static bool IsSettled(this QuestionState state) =>
        state is QuestionState.Accepted or QuestionState.Resolved or QuestionState.Withdrawn;

    /// <summary>The accountable manager owes an answer and the clock runs.</summary>
    public static bool IsWithManagement(this QuestionState state) =>
        state is QuestionState.Sent or QuestionState.ClarificationRequested;

    /// <summary>The workers' side (or the committee) has to act next.</summary>
    public static bool IsWithWorkers(this QuestionState state) =>
        state is QuestionState.Answered or QuestionState.ExtensionRequested or QuestionState.Challenged;
}
