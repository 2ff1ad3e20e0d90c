using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CoGov.Domain.Assessments;

/// <summary>
/// One thing that happened in a cycle: who, when, what. Append-only: an entry has no setters and nothing in the model
/// edits or removes one. Each entry carries the SHA-256 of its own canonical content and of the entry before it, so an
/// edit, removal or reordering anywhere breaks the chain (see <see cref="AssessmentLog.Verify"/>).
/// </summary>
public sealed class LogEntry
{
    /// <summary>The previous-hash of an assessment's first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private LogEntry()
    {
        ActorName = Text = Hash = PreviousHash = "";
    }

    internal LogEntry(
        Guid assessmentId,
        int sequence,
        DateTimeOffset at,
        Guid? actorPersonId,
        string actorName,
        LogEntryKind kind,
        int? questionNumber,
        string text,
        string previousHash)
    {
        Id = Guid.CreateVersion7();
        AssessmentId = assessmentId;
        Sequence = sequence;
        At = at.ToUniversalTime();
        ActorPersonId = actorPersonId;
        ActorName = actorName;
        Kind = kind;
        QuestionNumber = questionNumber;
        Text = text;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }

    /// <summary>Position in the assessment's log, from 1, with no gaps.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who acted; empty when CoGov itself acted (a reminder, an escalation, a new cycle opening).</summary>
    public Guid? ActorPersonId { get; private set; }

    /// <summary>The name as it was at the time, so the record reads the same later.</summary>
    public string ActorName { get; private set; }

    public LogEntryKind Kind { get; private set; }

    /// <summary>The question the entry is about; empty for entries about the whole cycle.</summary>
    public int? QuestionNumber { get; private set; }

    /// <summary>The answer, grounds, reason or statement, in full.</summary>
    public string Text { get; private set; }

    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>
    /// The entry's content in one fixed form: a JSON array of strings in a fixed order, times in UTC to the tick.
    /// Anyone holding an export can recompute it without CoGov.
    /// </summary>
    public string CanonicalContent() => JsonSerializer.Serialize(new[]
    {
        AssessmentId.ToString("D"),
        Sequence.ToString(CultureInfo.InvariantCulture),
        At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        ActorPersonId?.ToString("D") ?? "",
        ActorName,
        Kind.ToString(),
        QuestionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
        Text,
        PreviousHash,
    });

    public string ComputeHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalContent())));
}
