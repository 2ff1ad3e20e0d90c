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

    /// <summary>The login recorded when CoGov itself acted: the sweep, seeding, an import of past events.</summary>
    public const string CoGovLogin = "CoGov";

    /// <summary>Entries written before the acting login was recorded: their hash covers no login (decision record 19).</summary>
    public const int HashWithoutLogin = 1;

    /// <summary>Entries whose hash covers the acting login as well.</summary>
    public const int HashWithLogin = 2;

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
        string previousHash,
        string actingLogin)
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
        ActingLogin = actingLogin;
        HashVersion = HashWithLogin;
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

    /// <summary>
    /// The login that acted (a CoGov account's id, or <see cref="CoGovLogin"/>); empty for entries written before
    /// CoGov recorded it. The person is who the record says acted; the login is whose session did it.
    /// </summary>
    public string? ActingLogin { get; private set; }

    /// <summary>Which canonical form <see cref="Hash"/> was computed from, so entries written before a change still verify.</summary>
    public int HashVersion { get; private set; }

    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>
    /// The entry's content in one fixed form: a JSON array of strings in a fixed order, times in UTC to the tick.
    /// Anyone holding an export can recompute it without CoGov. Version 1 has nine strings; version 2 puts "2" first
    /// and the acting login last, so neither form can be read as the other.
    /// </summary>
    public string CanonicalContent() => HashVersion == HashWithoutLogin
        ? JsonSerializer.Serialize(Fields())
        : JsonSerializer.Serialize((string[])[HashVersion.ToString(CultureInfo.InvariantCulture), .. Fields(), ActingLogin ?? ""]);

    private string[] Fields() =>
    [
        AssessmentId.ToString("D"),
        Sequence.ToString(CultureInfo.InvariantCulture),
        At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        ActorPersonId?.ToString("D") ?? "",
        ActorName,
        Kind.ToString(),
        QuestionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
        Text,
        PreviousHash,
    ];

    /// <summary>
    /// Whether the entry is in a form CoGov writes: a version-1 entry carrying a login would have the login added
    /// after the fact, since version 1's hash cannot cover it.
    /// </summary>
    public bool HasKnownForm => HashVersion == HashWithLogin || (HashVersion == HashWithoutLogin && ActingLogin is null);

    public string ComputeHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalContent())));
}
