namespace CoGov.Domain.Assessments;

/// <summary>Where one cycle of an assessment stands, derived from its questions and signatures.</summary>
public enum AssessmentState
{
    /// <summary>Opened; no question sent yet.</summary>
    Open = 1,

    /// <summary>At least one question is with management, or still to be sent.</summary>
    AwaitingAnswers = 2,

    /// <summary>Every open question has an answer; the workers' side or the committee has to act.</summary>
    InReview = 3,

    /// <summary>Every question is settled; management signs off, then the workers' side countersigns.</summary>
    AwaitingSignOff = 4,

    /// <summary>Signed by both sides. The cycle is read-only from here on.</summary>
    SignedOff = 5,
}
