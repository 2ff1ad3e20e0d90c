using CoGov.Domain.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Archives;

/// <summary>
/// What of an archive this instance has already: an organisation of the same key, or any row with one of the archive's
/// identifiers. An import never merges into or overwrites what is here (decision record 27): an organisation is
/// imported whole into an instance without it, or not at all.
/// </summary>
internal static class ArchiveConflicts
{
    public static async Task<IReadOnlyList<ImportError>> FindAsync(CoGovDbContext db, ReadArchive archive, CancellationToken cancellationToken)
    {
        var found = new List<ImportError>();
        var organisation = archive.Organisation;
        if (await db.Organisations.AnyAsync(o => o.Key == organisation.Key, cancellationToken))
        {
            found.Add(new ImportError(OrganisationArchive.OrganisationEntry, 0, 0, "$.key",
                new Phrase("This instance has an organisation with the key '{0}' already; an archive is imported only where its organisation is not.", organisation.Key)));
            return found;
        }

        async Task Ids(string entry, string what, IReadOnlyCollection<Guid> ids, Func<List<Guid>, IQueryable<Guid>> existing)
        {
            if (ids.Count == 0)
            {
                return;
            }
            var taken = await existing(ids.ToList()).Take(1).ToListAsync(cancellationToken);
            if (taken is [var id])
            {
                found.Add(new ImportError(entry, 0, 0, "",
                    new Phrase("This instance has {0} with the identifier {1} already: the archive was imported here before, or was made from this instance's data.", what, OrganisationArchive.Id(id))));
            }
        }

        var cycles = archive.Cycles.Select(c => c.Cycle).ToList();
        var ownTemplates = archive.Templates.Templates.Where(t => t.OwnerId is not null).ToList();
        await Ids(OrganisationArchive.OrganisationEntry, "an organisation", [organisation.Id], ids => db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Id));
        await Ids(OrganisationArchive.PeopleEntry, "a person", [.. archive.People.People.Select(p => p.Id)], ids => db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Id));
        await Ids(OrganisationArchive.CommitteeEntry, "a committee", [archive.Committee.Id], ids => db.Committees.Where(c => ids.Contains(c.Id)).Select(c => c.Id));
        await Ids(OrganisationArchive.CommitteeEntry, "a committee seat", [.. archive.Committee.Seats.Select(s => s.Id)],
            ids => db.Set<Domain.Organisations.CommitteeSeat>().Where(s => ids.Contains(s.Id)).Select(s => s.Id));
        await Ids(OrganisationArchive.MembersEntry, "a membership", [.. archive.Members.Members.Select(m => m.Id)], ids => db.Memberships.Where(m => ids.Contains(m.Id)).Select(m => m.Id));
        if (archive.RoutingPolicy.Policy is { } policy)
        {
            await Ids(OrganisationArchive.RoutingPolicyEntry, "a routing policy", [policy.Id], ids => db.RoutingPolicies.Where(p => ids.Contains(p.Id)).Select(p => p.Id));
            await Ids(OrganisationArchive.RoutingPolicyEntry, "a routing policy's version", [.. policy.Versions.Select(v => v.Id)],
                ids => db.PolicyVersions.Where(v => ids.Contains(v.Id)).Select(v => v.Id));
        }
        await Ids(OrganisationArchive.TemplatesEntry, "a template", [.. ownTemplates.Select(t => t.Id)], ids => db.Templates.Where(t => ids.Contains(t.Id)).Select(t => t.Id));
        await Ids(OrganisationArchive.TemplatesEntry, "a template adoption", [.. archive.Templates.Adoptions.Select(a => a.Id)],
            ids => db.TemplateAdoptions.Where(a => ids.Contains(a.Id)).Select(a => a.Id));
        await Ids(OrganisationArchive.SystemsEntry, "a system", [.. archive.Systems.Systems.Select(s => s.Id)], ids => db.Systems.Where(s => ids.Contains(s.Id)).Select(s => s.Id));
        await Ids(OrganisationArchive.SystemsEntry, "a version of a register entry", [.. archive.Systems.Systems.SelectMany(s => s.Versions).Select(v => v.Id)],
            ids => db.SystemVersions.Where(v => ids.Contains(v.Id)).Select(v => v.Id));
        foreach (var (entry, cycle) in archive.Cycles)
        {
            await Ids(entry, "a cycle", [cycle.Id], ids => db.Assessments.Where(a => ids.Contains(a.Id)).Select(a => a.Id));
            await Ids(entry, "a cycle's question", [.. cycle.Questions.Select(q => q.Id)], ids => db.QuestionItems.Where(q => ids.Contains(q.Id)).Select(q => q.Id));
            await Ids(entry, "a log entry", [.. cycle.Log.Select(e => e.Id)], ids => db.LogEntries.Where(e => ids.Contains(e.Id)).Select(e => e.Id));
            await Ids(entry, "a signature", [.. cycle.SignOffs.Select(s => s.Id)], ids => db.SignOffs.Where(s => ids.Contains(s.Id)).Select(s => s.Id));
            await Ids(entry, "an anchor", [.. cycle.Anchors.Select(a => a.Id)], ids => db.LogAnchors.Where(a => ids.Contains(a.Id)).Select(a => a.Id));
        }
        await Ids(OrganisationArchive.RecordsEntry, "a kept record", [.. archive.Records.Records.Select(r => r.Id)], ids => db.StoredRecords.Where(r => ids.Contains(r.Id)).Select(r => r.Id));
        await Ids(OrganisationArchive.AuditLogEntry, "an audit entry", [.. archive.AuditLog.Entries.Select(e => e.Id)], ids => db.AuditEntries.Where(e => ids.Contains(e.Id)).Select(e => e.Id));
        return found;
    }
}
