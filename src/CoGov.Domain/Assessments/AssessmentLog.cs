namespace CoGov.Domain.Assessments;

/// <summary>The result of walking an assessment's hash chain.</summary>
/// <param name="HeadHash">The hash of the last entry: what a printed record quotes so a committee can check it later.</param>
/// <param name="FirstBrokenSequence">The position of the first entry that was edited, removed or moved.</param>
public sealed record LogVerification(bool IsIntact, int EntryCount, string HeadHash, int? FirstBrokenSequence, string? Problem);

public static class AssessmentLog
{
    /// <summary>Walks the chain in sequence order and names the first entry that does not fit.</summary>
    /// <param name="assessmentId">When given, every entry must belong to this cycle.</param>
    public static LogVerification Verify(IEnumerable<LogEntry> entries, Guid? assessmentId = null)
    {
        var ordered = entries.OrderBy(e => e.Sequence).ToList();
        var previousHash = LogEntry.GenesisHash;
        for (var i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            var expectedSequence = i + 1;
            string? problem = null;
            if (assessmentId is { } id && entry.AssessmentId != id)
            {
                problem = $"entry {entry.Sequence} belongs to another cycle.";
            }
            else if (entry.Sequence > expectedSequence)
            {
                problem = $"entry {expectedSequence} is missing: the log jumps to entry {entry.Sequence}.";
            }
            else if (entry.Sequence < expectedSequence)
            {
                return new LogVerification(false, ordered.Count, ordered[^1].Hash, entry.Sequence, $"entry {entry.Sequence} appears more than once.");
            }
            else if (!entry.HasKnownForm || entry.Hash != entry.ComputeHash())
            {
                problem = $"entry {entry.Sequence} ({entry.Kind}, {entry.At:u}) was changed after it was written.";
            }
            else if (entry.PreviousHash != previousHash)
            {
                // The entry itself is intact, so what differs is the one before it: it was rewritten
                // (hash and all) or put in the place of the original.
                var culprit = Math.Max(1, entry.Sequence - 1);
                problem = entry.Sequence == 1
                    ? "entry 1 does not start the chain: entries before it were removed."
                    : $"entry {culprit} was changed, replaced or moved: entry {entry.Sequence} recorded a different entry before it.";
                return new LogVerification(false, ordered.Count, ordered[^1].Hash, culprit, problem);
            }
            if (problem is not null)
            {
                return new LogVerification(false, ordered.Count, ordered[^1].Hash, expectedSequence, problem);
            }
            previousHash = entry.Hash;
        }
        return new LogVerification(true, ordered.Count, previousHash, null, null);
    }
}
