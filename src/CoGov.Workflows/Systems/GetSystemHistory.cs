using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>Every version of a system's register entry, newest first, each with who made it, when, and how it differs from the one before.</summary>
public sealed record GetSystemHistory(string OrganisationKey, string SystemKey) : IQuery<SystemHistory>, IOrganisationRequest;

public sealed record SystemHistory(string OrganisationKey, string OrganisationName, string SystemKey, string SystemName, IReadOnlyList<SystemVersionRow> Versions);

/// <param name="Change">What changed, in the words kept with the version (English, as the audit log keeps them).</param>
/// <param name="Differences">Each field that differs from the version before, with both values; every field with a value for the first version.</param>
public sealed record SystemVersionRow(int Number, DateTimeOffset At, string By, string Change, IReadOnlyList<FieldChange> Differences);

public sealed class GetSystemHistoryHandler(CoGovDbContext db) : IQueryHandler<GetSystemHistory, SystemHistory>
{
    public async ValueTask<SystemHistory> Handle(GetSystemHistory query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var system = await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisation.Id && s.Key == query.SystemKey)
            .Select(s => new { s.Id, s.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{query.SystemKey}'.");
        var versions = await db.SystemVersions.AsNoTracking().Where(v => v.SystemId == system.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);

        var rows = new List<SystemVersionRow>(versions.Count);
        RegisterSnapshot? before = null;
        foreach (var version in versions)
        {
            var entry = version.Snapshot();
            rows.Add(new SystemVersionRow(version.Number, version.At, version.By, version.Change, entry.ChangesFrom(before)));
            before = entry;
        }
        rows.Reverse();
        return new SystemHistory(organisation.Key, organisation.Name, query.SystemKey, system.Name, rows);
    }
}
