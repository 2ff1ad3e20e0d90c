using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Ledger;

/// <summary>
/// Verifies the logs of an organisation's cycles (all, one system's, or one cycle) and compares each with every anchor
/// CoGov knows: the signatures' and kept records' heads, the anchors it mailed, the anchor file, and the anchors the
/// caller supplies (decision record 19). Any member may ask: both sides rely on the log.
/// </summary>
/// <param name="Supplied">Anchors the caller holds, as the lines of an anchor file; empty for none.</param>
/// <param name="SuppliedName">What to call them in the result (a file's name).</param>
public sealed record VerifyCycleLogs(string OrganisationKey, string? SystemKey = null, int? Cycle = null, string? Supplied = null, string? SuppliedName = null)
    : IQuery<LogVerificationReport>, IOrganisationRequest;

/// <param name="UnreadLines">Lines of the anchor file or of the supplied anchors that are not anchors, with why.</param>
public sealed record LogVerificationReport(IReadOnlyList<CycleLogCheck> Cycles, IReadOnlyList<string> UnreadLines)
{
    public bool Holds => Cycles.All(c => c.Holds) && UnreadLines.Count == 0;
}

public sealed class VerifyCycleLogsValidator : AbstractValidator<VerifyCycleLogs>
{
    public VerifyCycleLogsValidator()
    {
        RuleFor(q => q.Cycle).GreaterThan(0).When(q => q.Cycle is not null);
        RuleFor(q => q.Supplied).MaximumLength(10_000_000);
    }
}

public sealed class VerifyCycleLogsHandler(CoGovDbContext db, LogAnchors anchors) : IQueryHandler<VerifyCycleLogs, LogVerificationReport>
{
    public async ValueTask<LogVerificationReport> Handle(VerifyCycleLogs query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Key })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var cycles = await (
                from a in db.Assessments
                where a.OrganisationId == organisation.Id
                join s in db.Systems on a.SystemId equals s.Id
                where query.SystemKey == null || s.Key == query.SystemKey
                where query.Cycle == null || a.Cycle == query.Cycle
                orderby s.Key, a.Cycle
                select new { a.Id, SystemKey = s.Key, SystemName = s.Name })
            .ToListAsync(cancellationToken);
        if (cycles.Count == 0 && (query.SystemKey is not null || query.Cycle is not null))
        {
            throw new NotFoundException($"There is no cycle {query.Cycle} of a system '{query.SystemKey}'.");
        }

        var fileLines = await anchors.ReadFileAsync(cancellationToken);
        var supplied = query.Supplied is null ? [] : AnchorLine.ReadAll(query.Supplied);
        var fileName = anchors.FilePath is { } path ? $"the anchor file {path}" : null;
        var results = new List<CycleLogCheck>();
        foreach (var cycle in cycles)
        {
            // One cycle at a time, untracked: a large organisation's logs are never all in memory at once.
            var assessment = await db.Assessments.AsNoTracking()
                .Include(a => a.Log)
                .Include(a => a.SignOffs)
                .AsSplitQuery()
                .SingleAsync(a => a.Id == cycle.Id, cancellationToken);
            results.Add(await CycleLogChecks.CheckAsync(db, assessment, organisation.Key, cycle.SystemKey, cycle.SystemName,
                fileLines, fileName, supplied, query.SuppliedName, cancellationToken));
        }

        var unread = fileLines.Where(l => l.Problem is not null).Select(l => $"line {l.Line} of {fileName}: {l.Problem}")
            .Concat(supplied.Where(l => l.Problem is not null).Select(l => $"line {l.Line} of {query.SuppliedName ?? "the anchors supplied"}: {l.Problem}"))
            .ToList();
        return new LogVerificationReport(results, unread);
    }
}
