using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Archives;

/// <summary>
/// Writes an organisation's archive (<see cref="OrganisationArchive"/>) from the database as it stands. It reads and
/// never writes: telling the chairs and the audit log is the command's (<see cref="ExportOrganisation"/>). Everything is
/// read untracked and sorted here rather than trusted to the database's order, so the same rows always give the same
/// bytes; only <paramref name="exportedAt"/> differs between two archives of the same data.
/// </summary>
public sealed class OrganisationArchiveWriter(CoGovDbContext db)
{
    /// <summary>The CoGov build writing archives, as its assembly names itself.</summary>
    public static string CoGovVersion { get; } =
        typeof(OrganisationArchiveWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OrganisationArchiveWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public async Task<byte[]> WriteAsync(string organisationKey, DateTimeOffset exportedAt, CancellationToken cancellationToken)
    {
        var entries = await ReadEntriesAsync(organisationKey, cancellationToken);
        var organisation = entries.Organisation;
        var manifest = new ArchiveManifest(
            OrganisationArchive.FormatName,
            OrganisationArchive.FormatVersion,
            exportedAt.ToUniversalTime(),
            CoGovVersion,
            organisation.Key,
            organisation.Id,
            [.. entries.Files.Select(f => new ArchiveEntry(f.Name, f.Bytes.LongLength, Sha256(f.Bytes)))]);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, OrganisationArchive.ManifestEntry, Serialize(manifest), CompressionLevel.Optimal);
            foreach (var (name, bytes) in entries.Files)
            {
                // PDFs are compressed already: storing them keeps their bytes visible to anyone reading the zip.
                var level = name.EndsWith(".pdf", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                Add(archive, name, bytes, level);
            }
        }
        return zip.ToArray();
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = OrganisationArchive.EntryTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private sealed record Contents(OrganisationDocument Organisation, IReadOnlyList<(string Name, byte[] Bytes)> Files);

    private async Task<Contents> ReadEntriesAsync(string organisationKey, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.People)
            .Include(o => o.Committee).ThenInclude(c => c.Seats)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Key == organisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{organisationKey}'.");
        var id = organisation.Id;
        var files = new List<(string Name, byte[] Bytes)>();
        void Document<T>(string name, T document) => files.Add((name, Serialize(document)));

        var organisationDocument = new OrganisationDocument(organisation.Id, organisation.Key, organisation.Name, organisation.Sector,
            organisation.Country, organisation.Language, organisation.TwoFactorRequired, organisation.AnswerLinksNeedCode);
        Document(OrganisationArchive.OrganisationEntry, organisationDocument);

        var preferences = await db.MailPreferences.AsNoTracking().Where(p => p.OrganisationId == id).ToDictionaryAsync(p => p.PersonId, cancellationToken);
        Document(OrganisationArchive.PeopleEntry, new PeopleDocument([.. organisation.People.OrderBy(p => OrganisationArchive.Id(p.Id), StringComparer.Ordinal)
            .Select(p => new PersonDocument(p.Id, p.Key, p.Name, p.Side, p.Title, p.Email, p.Department, p.RetiredAt, p.SuperiorId, p.PrefersAnswerLinks,
                preferences.TryGetValue(p.Id, out var preference) ? new MailPreferenceDocument(preference.Delivery, preference.ChangedAt) : null))]));

        var committee = organisation.Committee;
        Document(OrganisationArchive.CommitteeEntry, new CommitteeDocument(committee.Id, committee.Name, committee.QuorumMinimumPerSide, committee.QuorumSidesEqual,
            [.. committee.Seats.OrderBy(s => OrganisationArchive.Id(s.Id), StringComparer.Ordinal).Select(s => new CommitteeSeatDocument(s.Id, s.PersonId, s.Side, s.Role))]));

        var members = await (
                from m in db.Memberships.AsNoTracking()
                where m.OrganisationId == id
                join u in db.Users on m.UserId equals u.Id
                select new { m.Id, m.UserId, u.Email, u.DisplayName, m.PersonId, m.Roles })
            .ToListAsync(cancellationToken);
        Document(OrganisationArchive.MembersEntry, new MembersDocument([.. members.OrderBy(m => OrganisationArchive.Id(m.Id), StringComparer.Ordinal)
            .Select(m => new MemberDocument(m.Id, m.UserId, m.Email, m.DisplayName, m.PersonId, [.. m.Roles]))]));

        var policy = await db.RoutingPolicies.AsNoTracking().Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken);
        Document(OrganisationArchive.RoutingPolicyEntry, new RoutingPolicyDocument(policy is null ? null : new RoutingPolicyState(policy.Id, policy.Number, policy.Spec,
            [.. policy.Versions.OrderBy(v => v.Number).Select(v => new RoutingPolicyVersionDocument(v.Id, v.Number, v.Spec, v.At, v.By, v.Change))])));

        var adoptions = await db.TemplateAdoptions.AsNoTracking().Where(a => a.OrganisationId == id).ToListAsync(cancellationToken);
        var adoptedIds = adoptions.Select(a => a.TemplateId).ToList();
        var cycleTemplateIds = await db.Assessments.Where(a => a.OrganisationId == id).Select(a => a.TemplateId).Distinct().ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .Where(t => t.OwnerId == id || adoptedIds.Contains(t.Id) || cycleTemplateIds.Contains(t.Id))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        Document(OrganisationArchive.TemplatesEntry, new TemplatesDocument(
            [.. templates.OrderBy(t => OrganisationArchive.Id(t.Id), StringComparer.Ordinal).Select(t => new TemplateDocument(
                t.Id, t.OwnerId, t.Key, t.Version, [.. t.Languages], t.Title.Texts, t.Source?.Texts,
                [.. t.Themes.OrderBy(h => h.Order).Select(h => new ThemeDocument(h.Id, h.Order, h.Key, h.Title.Texts, h.Rationale.Texts,
                    [.. h.Questions.OrderBy(q => q.Number).Select(q => new TemplateQuestionDocument(q.Id, q.Number, q.Key, q.Text.Texts))]))]))],
            [.. adoptions.OrderBy(a => a.TemplateKey, StringComparer.Ordinal).Select(a => new TemplateAdoptionDocument(
                a.Id, a.TemplateKey, a.TemplateId, a.TemplateVersion, a.AdoptedAt, a.AdoptedBy))]));

        var systems = await db.Systems.AsNoTracking().Where(s => s.OrganisationId == id).ToListAsync(cancellationToken);
        var systemIds = systems.Select(s => s.Id).ToList();
        var versions = (await db.SystemVersions.AsNoTracking().Where(v => systemIds.Contains(v.SystemId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.SystemId);
        Document(OrganisationArchive.SystemsEntry, new SystemsDocument([.. systems.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SystemDocument(
            s.Id, s.Key, s.Name, s.Purpose, s.Vendor, s.Sourcing, s.ContractNotes, [.. s.PersonalData], s.Department, s.Status, [.. s.StatusHistory],
            s.OwnerId, s.Contact, s.DecisionsSupported, s.HumanOversight, s.DataSources, s.StorageJurisdiction, s.Retention, s.WorkersAffected,
            s.WorkersAffectedCount, [.. s.ImpactAssessments], s.RegisterVersion, s.NextCycleOpensAt,
            [.. versions[s.Id].OrderBy(v => v.Number).Select(v => new SystemVersionDocument(v.Id, v.Number, v.At, v.By, v.ByPersonId, v.Change, v.Entry))]))]));

        var systemKeys = systems.ToDictionary(s => s.Id, s => s.Key);
        var cycleIds = await db.Assessments.Where(a => a.OrganisationId == id).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var cycleId in cycleIds.OrderBy(OrganisationArchive.Id, StringComparer.Ordinal))
        {
            // One cycle at a time: a large organisation's logs are never all in memory as entities at once.
            var cycle = await db.Assessments.AsNoTracking()
                .Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs)
                .AsSplitQuery()
                .SingleAsync(a => a.Id == cycleId, cancellationToken);
            var anchors = await db.LogAnchors.AsNoTracking().Where(a => a.AssessmentId == cycleId).ToListAsync(cancellationToken);
            Document(OrganisationArchive.CycleEntry(cycleId), Cycle(cycle, systemKeys[cycle.SystemId], anchors));
        }

        var records = await db.StoredRecords.AsNoTracking().Where(r => r.OrganisationId == id)
            .Select(r => new StoredRecordDocument(r.Id, r.Kind, r.SystemId, r.AssessmentId, r.Cycle, r.MeetingDate, r.FileName, "",
                r.Length, r.Sha256, r.GeneratedByPersonId, r.GeneratedByName, r.GeneratedAt, r.LogHeadHash, r.LogLength))
            .ToListAsync(cancellationToken);
        records = [.. records.OrderBy(r => OrganisationArchive.Id(r.Id), StringComparer.Ordinal)
            .Select(r => r with { File = OrganisationArchive.RecordFileEntry(r.Id) })];
        Document(OrganisationArchive.RecordsEntry, new RecordsDocument(records));
        foreach (var record in records)
        {
            var content = await db.StoredRecords.AsNoTracking().Where(r => r.Id == record.Id).Select(r => r.Content).SingleAsync(cancellationToken);
            files.Add((record.File, content));
        }

        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.OrganisationId == id).ToListAsync(cancellationToken);
        Document(OrganisationArchive.AuditLogEntry, new AuditLogDocument([.. audit.OrderBy(e => e.At).ThenBy(e => OrganisationArchive.Id(e.Id), StringComparer.Ordinal)
            .Select(e => new AuditEntryDocument(e.Id, e.At, e.By, e.Kind, e.Text))]));

        return new Contents(organisationDocument, files);
    }

    private static CycleDocument Cycle(Assessment cycle, string systemKey, IReadOnlyList<LogAnchor> anchors) => new(
        cycle.Id, cycle.SystemId, systemKey, cycle.Cycle, cycle.TemplateId, cycle.TemplateKey, cycle.TemplateVersion,
        cycle.OpenedAt, cycle.DueAt, cycle.AccountableManagerId, cycle.State, cycle.LastActivityAt, cycle.LogLength, cycle.LogHeadHash,
        [.. cycle.Questions.OrderBy(q => q.Number).Select(q => new CycleQuestionDocument(
            q.Id, q.Number, q.ThemeKey, q.QuestionKey, q.State, q.AssigneeId, q.DelegateId, q.SentById, q.SentAt, q.Deadline, q.ClockStoppedWith,
            q.StateBeforeExtension, q.RequestedExtensionDays, q.LatestAnswer, q.AnsweredAt, q.CarriedOverAnswer, q.CarriedOverFromCycle,
            q.RemindersSent, q.OverdueNotified, q.EscalationLevel, q.FiredTriggers, q.NextActionAt))],
        [.. cycle.Log.OrderBy(e => e.Sequence).ThenBy(e => OrganisationArchive.Id(e.Id), StringComparer.Ordinal).Select(e => new LogEntryDocument(
            e.Id, e.Sequence, e.At, e.ActorPersonId, e.ActorName, e.Kind, e.QuestionNumber, e.Text, e.ActingLogin, e.HashVersion,
            e.PreviousHash, e.Hash, e.CanonicalContent()))],
        [.. cycle.SignOffs.OrderBy(s => s.SignedAt).ThenBy(s => OrganisationArchive.Id(s.Id), StringComparer.Ordinal).Select(s => new SignOffDocument(
            s.Id, s.Side, s.PersonId, s.PersonName, s.Statement, s.SignedAt, s.LogLength, s.LogHeadHash))],
        [.. anchors.OrderBy(a => a.At).ThenBy(a => OrganisationArchive.Id(a.Id), StringComparer.Ordinal).Select(a => new LogAnchorDocument(
            a.Id, a.LogLength, a.LogHeadHash, a.At, a.Reason, a.SentTo))]);

    private static byte[] Serialize<T>(T document) => JsonSerializer.SerializeToUtf8Bytes(document, OrganisationArchive.Json);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
