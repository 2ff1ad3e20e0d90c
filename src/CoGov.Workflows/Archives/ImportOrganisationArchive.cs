using System.Data;
using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Members;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Archives;

/// <summary>
/// Imports an organisation's archive (decision records 26 and 27) into this instance as it was: the same identifiers,
/// times and hashes. An instance-level act, sent by an operator of the receiving instance or its command line: the
/// organisation has no administrator here yet. All or nothing: a damaged or tampered archive, an organisation or an
/// identifier this instance has already, a log that does not verify or a PDF whose SHA-256 differs changes nothing, and
/// the result says what and where.
/// </summary>
/// <param name="FileName">The archive's file name, as the operator named it, for the messages.</param>
/// <param name="AcceptAddress">
/// The absolute address of the page that accepts an invitation: each member whose login is made here is mailed an
/// invitation to choose a password, once the import is committed. Without it nobody is mailed.
/// </param>
[RequiresOperator] // a new organisation belongs to no organisation's administrator yet
public sealed record ImportOrganisationArchive(string FileName, byte[] Content, string? AcceptAddress = null) : ICommand<ImportResult>;

public sealed class ImportOrganisationArchiveValidator : AbstractValidator<ImportOrganisationArchive>
{
    public ImportOrganisationArchiveValidator()
    {
        RuleFor(c => c.FileName).NotEmpty();
        RuleFor(c => c.Content).NotEmpty().WithPhrase("The file is empty.");
        RuleFor(c => c.Content.LongLength).LessThanOrEqualTo(ArchiveReader.MaxBytes)
            .WithPhrase("An organisation's archive is at most {0} MB.", (_, _) => [ArchiveReader.MaxBytes / 1_000_000]);
        RuleFor(c => c.AcceptAddress)
            .Must(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .When(c => c.AcceptAddress is not null)
            .WithPhrase("The address of the page that accepts invitations must be an absolute web address.");
    }
}

public sealed partial class ImportOrganisationArchiveHandler(
    CoGovDbContext db,
    UserManager<CoGovUser> users,
    OrganisationAudit audit,
    LogAnchors anchors,
    IMailTransport transport,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<ImportOrganisationArchiveHandler> logger) : ICommandHandler<ImportOrganisationArchive, ImportResult>
{
    /// <summary>The invitations to mail once the import is committed, gathered while the logins are made.</summary>
    private readonly List<InvitationMail.Facts> _invitations = [];

    public async ValueTask<ImportResult> Handle(ImportOrganisationArchive command, CancellationToken cancellationToken)
    {
        var read = ArchiveReader.Read(command.FileName, command.Content);
        if (read.Archive is not { } archive)
        {
            return ImportResult.Rejected(read.Refusals);
        }
        // Serializable, as creating an organisation is: the checks that nothing of the archive is here yet and the
        // inserts cannot interleave with another import of the same archive.
        var imported = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            _invitations.Clear();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, token);
                var refusals = await ImportAsync(command, archive, token);
                if (refusals.Count > 0)
                {
                    // Disposing the transaction uncommitted takes back the logins and rows already written.
                    return ImportResult.Rejected(refusals);
                }
                await transaction.CommitAsync(token);
                return ImportResult.Imported(archive.Organisation.Key);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }, cancellationToken);
        if (imported.Succeeded)
        {
            await InviteAsync(cancellationToken);
        }
        return imported;
    }

    /// <summary>
    /// Mails each member whose login was made here an invitation to choose a password, after the commit, as an
    /// administrator's invitation goes (decision record 15): a link must never reach someone for a login that was then
    /// rolled back. A mail that cannot go is logged; the member is invited again from the members page.
    /// </summary>
    private async Task InviteAsync(CancellationToken cancellationToken)
    {
        foreach (var facts in _invitations)
        {
            if (await InvitationMail.TrySendAsync(transport, mailOptions.Value, clock.GetUtcNow(), facts, cancellationToken) is { } problem)
            {
                LogMailFailed(problem, facts.OrganisationName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An imported member of {Organisation} could not be mailed their invitation; an administrator invites them again.")]
    private partial void LogMailFailed(Exception exception, string organisation);

    private async Task<IReadOnlyList<ImportError>> ImportAsync(ImportOrganisationArchive command, ReadArchive archive, CancellationToken cancellationToken)
    {
        var conflicts = await ArchiveConflicts.FindAsync(db, archive, cancellationToken);
        if (conflicts.Count > 0)
        {
            return conflicts;
        }
        var (templateIds, templateRefusals) = await LibraryTemplatesAsync(archive, cancellationToken);
        if (templateRefusals.Count > 0)
        {
            return templateRefusals;
        }
        // Identity's store saves as it goes, so the logins go first, before any other row is tracked.
        var (logins, loginRefusals) = await LoginsAsync(archive, command.AcceptAddress, cancellationToken);
        if (loginRefusals.Count > 0)
        {
            return loginRefusals;
        }

        var rows = new ImportedRows(db);
        AddOrganisation(rows, archive, logins);
        AddTemplates(rows, archive, templateIds);
        AddSystems(rows, archive);
        var cycles = AddCycles(rows, archive, templateIds);
        AddRecords(rows, archive);

        // Before anything is saved: each chain as the domain verifies it, and each entry's hash over the very string the
        // archive says it covers.
        var broken = cycles.SelectMany(c => LogProblems(c.Entry, c.Document, c.Assessment)).ToList();
        if (broken.Count > 0)
        {
            return broken;
        }

        var organisation = archive.Organisation;
        await audit.RecordAsync(organisation.Id, AuditKind.OrganisationImported,
            $"Imported the organisation {organisation.Name} ({organisation.Key}) from its archive {command.FileName}, exported on {archive.Manifest.ExportedAt:yyyy-MM-dd HH:mm} UTC by CoGov {archive.Manifest.CoGovVersion}: {archive.People.People.Count} people, {archive.Systems.Systems.Count} systems, {archive.Cycles.Count} cycles, {archive.Records.Records.Count} kept records, {archive.Members.Members.Count} members.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // Read back from the database inside the transaction: what would be committed is what is checked.
        return await StoredProblemsAsync(archive, cancellationToken);
    }

    private void AddOrganisation(ImportedRows rows, ReadArchive archive, IReadOnlyDictionary<Guid, string> logins)
    {
        var o = archive.Organisation;
        rows.Add<Organisation>(new { o.Id, o.Key, o.Name, o.Sector, o.Country, o.Language, o.TwoFactorRequired, o.AnswerLinksNeedCode });
        var c = archive.Committee;
        rows.Add<JointCommittee>(new { c.Id, OrganisationId = o.Id, c.Name, c.QuorumMinimumPerSide, c.QuorumSidesEqual });
        foreach (var s in c.Seats)
        {
            rows.Add<CommitteeSeat>(new { s.Id, CommitteeId = c.Id, s.PersonId, s.Side, s.Role });
        }
        foreach (var p in archive.People.People)
        {
            rows.Add<Person>(new { p.Id, OrganisationId = o.Id, p.Key, p.Name, p.Side, p.Title, p.Email, p.Department, p.RetiredAt, p.SuperiorId, p.PrefersAnswerLinks });
            if (p.MailPreference is { } preference)
            {
                rows.Add<MailPreference>(new { PersonId = p.Id, OrganisationId = o.Id, preference.Delivery, preference.ChangedAt });
            }
        }
        foreach (var m in archive.Members.Members)
        {
            rows.Add<Membership>(new { m.Id, UserId = logins[m.Id], OrganisationId = o.Id, m.PersonId, Roles = (IReadOnlyList<string>)[.. m.Roles] });
        }
        if (archive.RoutingPolicy.Policy is { } policy)
        {
            rows.Add<RoutingPolicy>(new { policy.Id, OrganisationId = (Guid?)o.Id, policy.Spec, Number = policy.CurrentVersion });
            foreach (var v in policy.Versions)
            {
                rows.Add<RoutingPolicyVersion>(new { v.Id, PolicyId = policy.Id, v.Number, v.Spec, v.At, v.By, v.Change });
            }
        }
        foreach (var a in archive.AuditLog.Entries)
        {
            rows.Add<AuditEntry>(new { a.Id, OrganisationId = o.Id, a.At, a.By, a.Kind, a.Text });
        }
    }

    /// <param name="templateIds">The row each archived template is in this instance: itself, or the library's own copy.</param>
    private static void AddTemplates(ImportedRows rows, ReadArchive archive, IReadOnlyDictionary<Guid, Guid> templateIds)
    {
        foreach (var t in archive.Templates.Templates.Where(t => templateIds[t.Id] == t.Id))
        {
            rows.Add<QuestionnaireTemplate>(new
            {
                t.Id, t.OwnerId, t.Key, t.Version, Title = Text(t.Title), Source = t.Source is null ? null : Text(t.Source),
                _languages = t.Languages.ToList(),
            });
            foreach (var h in t.Themes)
            {
                rows.Add<Theme>(new { h.Id, TemplateId = t.Id, h.Order, h.Key, Title = Text(h.Title), Rationale = Text(h.Rationale) });
                foreach (var q in h.Questions)
                {
                    rows.Add<Question>(new { q.Id, ThemeId = h.Id, q.Number, q.Key, Text = Text(q.Text) });
                }
            }
        }
        foreach (var a in archive.Templates.Adoptions)
        {
            rows.Add<TemplateAdoption>(new { a.Id, OrganisationId = archive.Organisation.Id, a.TemplateKey, TemplateId = templateIds[a.TemplateId], a.TemplateVersion, a.AdoptedAt, a.AdoptedBy });
        }

        static LocalizedText Text(IReadOnlyDictionary<string, string> texts) => new(texts);
    }

    private static void AddSystems(ImportedRows rows, ReadArchive archive)
    {
        foreach (var s in archive.Systems.Systems)
        {
            rows.Add<AlgorithmicSystem>(new
            {
                s.Id, OrganisationId = archive.Organisation.Id, s.Key, s.Name, s.Purpose, s.Vendor, s.Sourcing, s.ContractNotes,
                _personalData = s.PersonalData.ToList(), s.Department, s.Status, _statusHistory = s.StatusHistory.ToList(), s.OwnerId, s.Contact,
                s.DecisionsSupported, s.HumanOversight, s.DataSources, s.StorageJurisdiction, s.Retention, s.WorkersAffected,
                s.WorkersAffectedCount, _impactAssessments = s.ImpactAssessments.ToList(), s.RegisterVersion, s.NextCycleOpensAt,
            });
            foreach (var v in s.Versions)
            {
                rows.Add<SystemVersion>(new { v.Id, SystemId = s.Id, v.Number, v.At, v.By, v.ByPersonId, v.Change, v.Entry });
            }
        }
    }

    private static List<(string Entry, CycleDocument Document, Assessment Assessment)> AddCycles(
        ImportedRows rows, ReadArchive archive, IReadOnlyDictionary<Guid, Guid> templateIds)
    {
        var organisationId = archive.Organisation.Id;
        var added = new List<(string, CycleDocument, Assessment)>();
        foreach (var (entry, c) in archive.Cycles)
        {
            var assessment = rows.Add<Assessment>(new
            {
                c.Id, OrganisationId = organisationId, c.SystemId, TemplateId = templateIds[c.TemplateId], c.TemplateKey, c.TemplateVersion, c.Cycle,
                c.OpenedAt, c.DueAt, c.AccountableManagerId, c.State, c.LastActivityAt, c.LogHeadHash, c.LogLength,
            });
            foreach (var q in c.Questions)
            {
                rows.Add<QuestionItem>(new
                {
                    q.Id, AssessmentId = c.Id, q.Number, q.ThemeKey, q.QuestionKey, q.State, q.AssigneeId, q.DelegateId, q.SentById, q.SentAt,
                    q.Deadline, q.ClockStoppedWith, q.StateBeforeExtension, q.RequestedExtensionDays, q.LatestAnswer, q.AnsweredAt,
                    q.CarriedOverAnswer, q.CarriedOverFromCycle, q.RemindersSent, q.OverdueNotified, q.EscalationLevel, q.FiredTriggers, q.NextActionAt,
                });
            }
            foreach (var e in c.Log)
            {
                rows.Add<LogEntry>(new
                {
                    e.Id, AssessmentId = c.Id, e.Sequence, e.At, e.ActorPersonId, e.ActorName, e.Kind, e.QuestionNumber, e.Text, e.ActingLogin,
                    e.HashVersion, e.PreviousHash, e.Hash,
                });
            }
            foreach (var s in c.SignOffs)
            {
                rows.Add<SignOff>(new { s.Id, AssessmentId = c.Id, s.Side, s.PersonId, s.PersonName, s.Statement, s.SignedAt, s.LogLength, s.LogHeadHash });
            }
            foreach (var a in c.Anchors)
            {
                rows.Add<LogAnchor>(new { a.Id, OrganisationId = organisationId, c.SystemId, AssessmentId = c.Id, c.Cycle, a.LogLength, a.LogHeadHash, a.At, a.Reason, a.SentTo });
            }
            added.Add((entry, c, assessment));
        }
        return added;
    }

    private static void AddRecords(ImportedRows rows, ReadArchive archive)
    {
        foreach (var r in archive.Records.Records)
        {
            rows.Add<StoredRecord>(new
            {
                r.Id, r.Kind, OrganisationId = archive.Organisation.Id, r.SystemId, r.AssessmentId, r.Cycle, r.MeetingDate, r.FileName,
                Content = archive.RecordFiles[r.File], r.Length, r.Sha256, r.GeneratedByPersonId, r.GeneratedByName, r.GeneratedAt, r.LogHeadHash, r.LogLength,
            });
        }
    }

    /// <summary>What the domain finds wrong with a cycle's log as the archive gives it, at the entry it names.</summary>
    private static IEnumerable<ImportError> LogProblems(string entry, CycleDocument document, Assessment assessment)
    {
        var verification = assessment.VerifyLog();
        if (!verification.IsIntact)
        {
            yield return new ImportError(entry, 0, 0, $"log entry {verification.FirstBrokenSequence}",
                new Phrase("The cycle's log does not verify: {0}", verification.Problem));
            yield break;
        }
        var canonical = document.Log.ToDictionary(e => e.Id, e => e.Canonical);
        foreach (var logEntry in assessment.Log.Where(e => e.CanonicalContent() != canonical[e.Id]))
        {
            yield return new ImportError(entry, 0, 0, $"log entry {logEntry.Sequence}",
                new Phrase("The entry's canonical string is not the one its fields give, so its hash cannot be checked from it."));
        }
    }

    /// <summary>
    /// The organisation as the database now holds it, inside the uncommitted transaction: every cycle's log verified
    /// and compared with every anchor by the same query the question page and <c>verify-log</c> use, and every kept
    /// record's bytes against its SHA-256.
    /// </summary>
    private async Task<IReadOnlyList<ImportError>> StoredProblemsAsync(ReadArchive archive, CancellationToken cancellationToken)
    {
        var refusals = new List<ImportError>();
        var entries = archive.Cycles.ToDictionary(c => (c.Cycle.SystemKey, c.Cycle.Cycle), c => c.Entry);
        var report = await new VerifyCycleLogsHandler(db, anchors).Handle(new VerifyCycleLogs(archive.Organisation.Key), cancellationToken);
        foreach (var check in report.Cycles.Where(c => !c.Holds))
        {
            var entry = entries[(check.SystemKey, check.Cycle)];
            if (!check.Log.IsIntact)
            {
                refusals.Add(new ImportError(entry, 0, 0, $"log entry {check.Log.FirstBrokenSequence}", new Phrase("The cycle's log does not verify: {0}", check.Log.Problem)));
            }
            foreach (var anchor in check.Anchors.Where(a => !a.Agrees))
            {
                refusals.Add(new ImportError(entry, 0, 0, anchor.Detail, new Phrase("The log disagrees with an anchor of it: {0}", anchor.Disagreement)));
            }
        }
        var kept = await db.StoredRecords.AsNoTracking().Where(r => r.OrganisationId == archive.Organisation.Id)
            .Select(r => new { r.Id, r.FileName, r.Sha256, r.Content }).ToListAsync(cancellationToken);
        foreach (var record in kept.Where(r => ArchiveReader.Sha256(r.Content) != r.Sha256))
        {
            refusals.Add(new ImportError(OrganisationArchive.RecordFileEntry(record.Id), 0, 0, "",
                new Phrase("The kept record {0} does not have the SHA-256 it records.", record.FileName)));
        }
        return refusals;
    }

    /// <summary>
    /// The library's templates the archive carries (the questionnaires the organisation adopted or answered) are the
    /// library's here too when this instance has the same version of the same questionnaire: the organisation then uses
    /// this instance's row. Otherwise the archived one joins the library with its own identifiers. The same key and
    /// version with other questions is refused: the cycles' answers would sit under questions they did not answer.
    /// </summary>
    private async Task<(IReadOnlyDictionary<Guid, Guid>, IReadOnlyList<ImportError>)> LibraryTemplatesAsync(ReadArchive archive, CancellationToken cancellationToken)
    {
        var ids = archive.Templates.Templates.ToDictionary(t => t.Id, t => t.Id);
        var refusals = new List<ImportError>();
        var libraryKeys = archive.Templates.Templates.Where(t => t.OwnerId is null).Select(t => t.Key).Distinct().ToList();
        var library = await db.Templates.AsNoTracking().Where(t => t.OwnerId == null && libraryKeys.Contains(t.Key))
            .Include(t => t.Themes).ThenInclude(h => h.Questions).AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var (template, i) in archive.Templates.Templates.Select((t, i) => (t, i)).Where(p => p.t.OwnerId is null))
        {
            if (library.FirstOrDefault(t => t.Key == template.Key && t.Version == template.Version) is not { } here)
            {
                continue;
            }
            var archived = template.Themes.SelectMany(h => h.Questions.Select(q => (h.Key, q.Number, q.Key, Text: string.Join("|", q.Text.OrderBy(t => t.Key, StringComparer.Ordinal)))));
            var local = here.Themes.OrderBy(h => h.Order).SelectMany(h => h.Questions.OrderBy(q => q.Number)
                .Select(q => (h.Key, q.Number, q.Key, Text: string.Join("|", q.Text.Texts.OrderBy(t => t.Key, StringComparer.Ordinal)))));
            if (!archived.SequenceEqual(local))
            {
                refusals.Add(new ImportError(OrganisationArchive.TemplatesEntry, 0, 0, $"$.templates[{i}]",
                    new Phrase("This instance's library has version {0} of '{1}' with other questions than the archive's; the organisation's answers would not match them.", template.Version, template.Key)));
                continue;
            }
            ids[template.Id] = here.Id;
        }
        return (ids, refusals);
    }

    /// <summary>
    /// The login each member signs in with here, by membership (decision record 27). A login of this instance with the
    /// member's address, confirmed, is theirs: it gains the membership. Otherwise the member's login is made as an
    /// invitation makes one, under its archived identifier (which the log's entries name as the acting login): no
    /// password and the address unconfirmed, with an invitation's secret when there is a page to accept it at.
    /// </summary>
    private async Task<(IReadOnlyDictionary<Guid, string>, IReadOnlyList<ImportError>)> LoginsAsync(
        ReadArchive archive, string? acceptAddress, CancellationToken cancellationToken)
    {
        var logins = new Dictionary<Guid, string>();
        var refusals = new List<ImportError>();
        var inviter = await audit.WhoAsync(cancellationToken);
        var zone = archive.RoutingPolicy.Policy is { } policy && TimeZoneInfo.TryFindSystemTimeZoneById(policy.Spec.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        foreach (var (member, i) in archive.Members.Members.Select((m, i) => (m, i)))
        {
            var where = $"$.members[{i}]";
            var sameId = await users.FindByIdAsync(member.UserId);
            var sameAddress = member.Email is { Length: > 0 } email ? await users.FindByEmailAsync(email) : null;
            if (sameId is not null && sameId.Id != sameAddress?.Id)
            {
                refusals.Add(new ImportError(OrganisationArchive.MembersEntry, 0, 0, where + ".userId",
                    new Phrase("This instance has a login {0} already, with another address.", member.UserId)));
                continue;
            }
            if (sameAddress is not null)
            {
                if (!sameAddress.EmailConfirmed)
                {
                    refusals.Add(new ImportError(OrganisationArchive.MembersEntry, 0, 0, where + ".email",
                        new Phrase("This instance has a login for {0} whose address was never confirmed; it cannot be taken as theirs.", member.Email)));
                    continue;
                }
                logins[member.Id] = sameAddress.Id;
                continue;
            }
            var login = new CoGovUser
            {
                Id = member.UserId,
                UserName = member.Email is { Length: > 0 } address ? address : member.UserId,
                Email = member.Email,
                EmailConfirmed = false,
                DisplayName = member.DisplayName,
            };
            var created = await users.CreateAsync(login);
            if (!created.Succeeded)
            {
                refusals.AddRange(created.Errors.Select(e => new ImportError(OrganisationArchive.MembersEntry, 0, 0, where, Phrase.Verbatim(e.Description))));
                continue;
            }
            logins[member.Id] = login.Id;
            if (acceptAddress is not null && login.Email is { } to)
            {
                var expires = clock.GetUtcNow() + InvitationTokens.Lifetime;
                var person = member.PersonId is { } personId ? archive.People.People.FirstOrDefault(p => p.Id == personId) : null;
                _invitations.Add(new InvitationMail.Facts(
                    person?.Name ?? member.DisplayName, to, archive.Organisation.Name, archive.Committee.Name, inviter, person?.Name, member.Roles,
                    InvitationTokens.Link(acceptAddress, login.Id, await InvitationTokens.IssueAsync(users, login, expires)), expires, zone));
            }
        }
        return (logins, refusals);
    }
}
