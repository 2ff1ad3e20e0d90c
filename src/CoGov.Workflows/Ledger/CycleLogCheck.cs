using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Ledger;

/// <summary>Where an anchor of a cycle's log was found.</summary>
public enum AnchorSource
{
    /// <summary>Management's sign-off, which keeps the head it was made on.</summary>
    SignOff = 1,

    /// <summary>The workers' side's countersignature.</summary>
    Countersignature = 2,

    /// <summary>A kept record, which keeps the head it printed.</summary>
    StoredRecord = 3,

    /// <summary>An anchor CoGov mailed to the chairs, as its table remembers it.</summary>
    Mailed = 4,

    /// <summary>A line of the anchor file outside the database.</summary>
    AnchorFile = 5,

    /// <summary>An anchor the one checking supplied: a chair's kept mail, a printed record, minutes.</summary>
    Supplied = 6,
}

/// <summary>One anchor compared with the log.</summary>
/// <param name="Detail">What the anchor is, in English: whose signature, which record, which line of which file.</param>
/// <param name="Entries">How many entries the log held when anchored; empty for records kept before CoGov counted them.</param>
/// <param name="Disagreement">Why it disagrees, naming the entry; empty when it agrees.</param>
public sealed record AnchorCheck(AnchorSource Source, string Detail, int? Entries, string Head, DateTimeOffset? At, string? Disagreement)
{
    public bool Agrees => Disagreement is null;
}

/// <summary>A cycle's log verified on its own and against every anchor CoGov knows of it.</summary>
public sealed record CycleLogCheck(string SystemKey, string SystemName, int Cycle, LogVerification Log, IReadOnlyList<AnchorCheck> Anchors)
{
    /// <summary>The chain is whole and no anchor says otherwise.</summary>
    public bool Holds => Log.IsIntact && Anchors.All(a => a.Agrees);
}

/// <summary>
/// Compares a cycle's log with its anchors. The chain's own verification finds any change that left the rest alone; an
/// anchor finds the change that did not: a log rewritten from an entry onward, every later hash recomputed and the
/// cycle's head updated, no longer has the anchored hash at the anchored position.
/// </summary>
public static class CycleLogChecks
{
    /// <param name="assessment">The cycle with its whole log and its signatures loaded.</param>
    /// <param name="fileLines">The anchor file's lines (all cycles'; this cycle's are picked out).</param>
    /// <param name="supplied">Anchors the caller holds (all cycles'; this cycle's are picked out).</param>
    public static async Task<CycleLogCheck> CheckAsync(
        CoGovDbContext db,
        Assessment assessment,
        string organisationKey,
        string systemKey,
        string systemName,
        IReadOnlyList<(int Line, AnchorLine? Anchor, string? Problem)> fileLines,
        string? fileName,
        IReadOnlyList<(int Line, AnchorLine? Anchor, string? Problem)> supplied,
        string? suppliedName,
        CancellationToken cancellationToken)
    {
        var bySequence = assessment.Log.GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.First());
        var checks = new List<AnchorCheck>();

        foreach (var signature in assessment.SignOffs.Where(s => s.LogHeadHash is not null).OrderBy(s => s.SignedAt))
        {
            var source = signature.Side == Domain.Organisations.Side.Management ? AnchorSource.SignOff : AnchorSource.Countersignature;
            var what = source == AnchorSource.SignOff ? "management's sign-off" : "the workers' countersignature";
            checks.Add(Compare(source, $"{what} by {signature.PersonName}", signature.LogLength, signature.LogHeadHash!, signature.SignedAt, bySequence));
        }

        var records = await db.StoredRecords.AsNoTracking()
            .Where(r => r.AssessmentId == assessment.Id && r.LogHeadHash != null)
            .OrderBy(r => r.GeneratedAt)
            .Select(r => new { r.FileName, r.GeneratedByName, r.GeneratedAt, r.LogLength, r.LogHeadHash })
            .ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            checks.Add(Compare(AnchorSource.StoredRecord, $"the record {record.FileName} kept by {record.GeneratedByName}",
                record.LogLength, record.LogHeadHash!, record.GeneratedAt, bySequence));
        }

        var mailed = await db.Set<LogAnchor>().AsNoTracking()
            .Where(a => a.AssessmentId == assessment.Id)
            .OrderBy(a => a.At)
            .ToListAsync(cancellationToken);
        foreach (var anchor in mailed)
        {
            checks.Add(Compare(AnchorSource.Mailed, $"the anchor mailed to {anchor.SentTo} ({anchor.Reason})", anchor.LogLength, anchor.LogHeadHash, anchor.At, bySequence));
        }

        AddLines(AnchorSource.AnchorFile, fileLines, fileName ?? "the anchor file");
        AddLines(AnchorSource.Supplied, supplied, suppliedName ?? "the anchors supplied");

        return new CycleLogCheck(systemKey, systemName, assessment.Cycle, assessment.VerifyLog(), checks);

        void AddLines(AnchorSource source, IReadOnlyList<(int Line, AnchorLine? Anchor, string? Problem)> lines, string name)
        {
            foreach (var (line, anchor, _) in lines)
            {
                if (anchor is null)
                {
                    // Not this cycle's to judge: the query reports unreadable lines once, for the whole file.
                    continue;
                }
                var isThisCycle = anchor.Assessment is { } id
                    ? id == assessment.Id
                    : anchor.Organisation == organisationKey && anchor.System == systemKey && anchor.Cycle == assessment.Cycle;
                if (isThisCycle)
                {
                    checks.Add(Compare(source, $"line {line} of {name}", anchor.Entries, anchor.Head, anchor.At, bySequence));
                }
            }
        }
    }

    private static AnchorCheck Compare(AnchorSource source, string detail, int? entries, string head, DateTimeOffset? at, Dictionary<int, LogEntry> bySequence)
    {
        string? disagreement;
        if (entries is not { } length)
        {
            // Records kept before CoGov counted entries name only the hash: some entry must still carry it.
            disagreement = bySequence.Values.Any(e => e.Hash == head)
                ? null
                : $"no entry of the log carries the head {LogAnchors.Short(head)} it names: the log was rewritten up to it.";
        }
        else if (!bySequence.TryGetValue(length, out var entry))
        {
            var count = bySequence.Count == 0 ? 0 : bySequence.Keys.Max();
            disagreement = $"it counted {length} entries, but the log now ends at entry {count}: entries were removed.";
        }
        else if (entry.Hash != head)
        {
            disagreement = $"entry {length} of the log has the hash {LogAnchors.Short(entry.Hash)}, not the {LogAnchors.Short(head)} anchored: the log up to entry {length} was rewritten.";
        }
        else
        {
            disagreement = null;
        }
        return new AnchorCheck(source, detail, entries, head, at, disagreement);
    }
}
