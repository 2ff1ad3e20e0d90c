using CoGov.Domain.Organisations;

namespace CoGov.Domain.Assessments;

/// <summary>One side's signature on a cycle: who signed, when, and the statement they signed.</summary>
public sealed class SignOff
{
    private SignOff()
    {
        PersonName = Statement = "";
    }

    internal SignOff(Guid assessmentId, Actor by, string statement, DateTimeOffset at, LogEntry signedOn)
    {
        LogLength = signedOn.Sequence;
        LogHeadHash = signedOn.Hash;
        Id = Guid.CreateVersion7();
        AssessmentId = assessmentId;
        Side = by.Side;
        PersonId = by.PersonId;
        PersonName = by.Name;
        Statement = statement;
        SignedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }
    public Side Side { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The name as it was when signed, so the record reads the same if the person is renamed later.</summary>
    public string PersonName { get; private set; }

    public string Statement { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }

    /// <summary>
    /// The length of the log with the signature's own entry, and its head hash: what was signed, kept so the log can
    /// be checked against it later. Empty for signatures made before CoGov kept them.
    /// </summary>
    public int? LogLength { get; private set; }

    /// <inheritdoc cref="LogLength"/>
    public string? LogHeadHash { get; private set; }
}
