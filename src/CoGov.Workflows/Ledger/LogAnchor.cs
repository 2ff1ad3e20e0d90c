namespace CoGov.Workflows.Ledger;

/// <summary>Why CoGov sent a cycle's log head out of the database.</summary>
public enum AnchorReason
{
    /// <summary>Management signed the cycle off.</summary>
    SignedOff = 1,

    /// <summary>The workers' side countersigned it.</summary>
    Countersigned = 2,

    /// <summary>Someone generated and kept the cycle's record.</summary>
    RecordStored = 3,
}

/// <summary>
/// A cycle's log head as CoGov sent it to both chairs (decision record 19): the length of the log, the hash of its last
/// entry, when, why and to whom. Append-only: the database refuses to change or delete a row. The rows are only as
/// safe as the database; the copies in the chairs' mailboxes and in the anchor file are what a rewrite cannot reach.
/// </summary>
public sealed class LogAnchor
{
    private LogAnchor()
    {
        LogHeadHash = SentTo = "";
    }

    public LogAnchor(Guid organisationId, Guid systemId, Guid assessmentId, int cycle, int logLength, string logHeadHash, DateTimeOffset at, AnchorReason reason, string sentTo)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        SystemId = systemId;
        AssessmentId = assessmentId;
        Cycle = cycle;
        LogLength = logLength;
        LogHeadHash = logHeadHash;
        At = at.ToUniversalTime();
        Reason = reason;
        SentTo = sentTo;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid SystemId { get; private set; }
    public Guid AssessmentId { get; private set; }
    public int Cycle { get; private set; }

    /// <summary>How many entries the log held: the entry whose hash is <see cref="LogHeadHash"/>.</summary>
    public int LogLength { get; private set; }

    public string LogHeadHash { get; private set; }
    public DateTimeOffset At { get; private set; }
    public AnchorReason Reason { get; private set; }

    /// <summary>The chairs it was mailed to, as "Name &lt;address&gt;", separated by "; ".</summary>
    public string SentTo { get; private set; }
}
