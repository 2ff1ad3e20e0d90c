using CoGov.Domain.Organisations;

namespace CoGov.Domain.Assessments;

/// <summary>The append-only, hash-chained log every change writes to, and its verification.</summary>
public sealed partial class Assessment
{
    private const string CoGovActorName = "CoGov";

    /// <summary>Walks the log's hash chain and checks it ends where this cycle says it does.</summary>
    public LogVerification VerifyLog()
    {
        var result = AssessmentLog.Verify(_log, Id);
        if (!result.IsIntact)
        {
            return result;
        }
        if (result.EntryCount == LogLength && result.HeadHash != LogHeadHash)
        {
            return result with
            {
                IsIntact = false,
                FirstBrokenSequence = LogLength,
                Problem = $"entry {LogLength} was changed after it was written: its hash is not the one the cycle recorded.",
            };
        }
        if (result.EntryCount != LogLength)
        {
            return result with
            {
                IsIntact = false,
                FirstBrokenSequence = Math.Min(result.EntryCount, LogLength) + 1,
                Problem = $"the log holds {result.EntryCount} entries ending in {Short(result.HeadHash)}, but the cycle recorded {LogLength} ending in {Short(LogHeadHash)}: entries after {Math.Min(result.EntryCount, LogLength)} were removed or added.",
            };
        }
        return result;
    }

    private LogEntry Append(DateTimeOffset at, Actor? by, LogEntryKind kind, int? questionNumber, string text)
    {
        var entry = new LogEntry(Id, LogLength + 1, at, by?.PersonId, by?.Name ?? CoGovActorName, kind, questionNumber, text, LogHeadHash,
            by?.Login ?? LogEntry.CoGovLogin);
        _log.Add(entry);
        LogLength = entry.Sequence;
        LogHeadHash = entry.Hash;
        if (entry.At > LastActivityAt)
        {
            LastActivityAt = entry.At;
        }
        if (questionNumber is not null)
        {
            FollowQuestions();
        }
        return entry;
    }

    /// <summary>Times written into the log: UTC, one fixed format whatever the server's culture, since the log is hashed.</summary>
    private static string Invariant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(string hash) => hash[..12];
}
