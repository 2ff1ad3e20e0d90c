using System.Globalization;
using System.Security.Cryptography;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Archives;

/// <summary>
/// An administrator (or the operator, from the command line, as CoGov itself) exports the whole organisation as one
/// archive (decision record 26). The export is written in the audit log and both chairs are told by mail, with the
/// file's SHA-256: the file holds everything the committee recorded, so it never leaves unseen by either side.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record ExportOrganisation(string OrganisationKey) : ICommand<OrganisationExport>, IOrganisationRequest;

/// <param name="FileName">What to call the file: the organisation's key and the export's time.</param>
/// <param name="Sha256">The whole file's SHA-256, as the audit log and the chairs' mail quote it.</param>
/// <param name="ChairsTold">The chairs the mail was handed to the mail server for.</param>
/// <param name="ChairsNotTold">The chairs who could not be told, each with why.</param>
public sealed record OrganisationExport(
    string FileName,
    byte[] Content,
    string Sha256,
    DateTimeOffset ExportedAt,
    IReadOnlyList<string> ChairsTold,
    IReadOnlyList<string> ChairsNotTold);

public sealed class ExportOrganisationValidator : AbstractValidator<ExportOrganisation>
{
    public ExportOrganisationValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
    }
}

public sealed partial class ExportOrganisationHandler(
    CoGovDbContext db,
    UserContext user,
    OrganisationAudit audit,
    IMailTransport transport,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<ExportOrganisationHandler> logger) : ICommandHandler<ExportOrganisation, OrganisationExport>
{
    public async ValueTask<OrganisationExport> Handle(ExportOrganisation command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == command.OrganisationKey)
            .Select(o => new { o.Id, o.Key, o.Name, CommitteeName = o.Committee.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{command.OrganisationKey}'.");

        // Written before the audit entry is added, so the archive never holds its own export and two exports of the
        // same data (or an import exported again) give the same documents.
        var content = await new OrganisationArchiveWriter(db).WriteAsync(organisation.Key, now, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var fileName = $"{organisation.Key}-export-{now.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.zip";
        var cycles = await db.Assessments.CountAsync(a => a.OrganisationId == organisation.Id, cancellationToken);
        var records = await db.StoredRecords.CountAsync(r => r.OrganisationId == organisation.Id, cancellationToken);

        await audit.RecordAsync(organisation.Id, AuditKind.OrganisationExported, string.Create(CultureInfo.InvariantCulture,
            $"Exported the organisation to {fileName} ({cycles} cycles, {records} kept records, {content.Length} bytes, SHA-256 {sha256})."), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // After the save: a chair is never told of an export the audit log does not hold.
        // CoGov itself exports only for the operator's command line: the chairs are told who that is, not "CoGov".
        var who = user.IsSystem ? "The operator of this CoGov instance" : await audit.WhoAsync(cancellationToken);
        var zone = await TimeZoneOfAsync(organisation.Id, cancellationToken);
        var chairs = await (
                from seat in db.Set<CommitteeSeat>()
                where seat.Role == CommitteeRole.Chair
                join person in db.People on seat.PersonId equals person.Id
                where person.OrganisationId == organisation.Id
                orderby seat.Side
                select new { person.Name, person.Email })
            .ToListAsync(cancellationToken);
        var told = new List<string>();
        var notTold = new List<string>();
        foreach (var chair in chairs)
        {
            if (string.IsNullOrWhiteSpace(chair.Email))
            {
                notTold.Add($"{chair.Name}: no e-mail address in CoGov");
                continue;
            }
            var facts = new ExportMail.Facts(chair.Name, chair.Email.Trim(), organisation.Name, organisation.CommitteeName, who, now, zone,
                fileName, sha256, cycles, records);
            if (await ExportMail.TrySendAsync(transport, mailOptions.Value, facts, cancellationToken) is { } problem)
            {
                LogMailFailed(problem, organisation.Key, chair.Name);
                notTold.Add($"{chair.Name}: {problem.Message}");
            }
            else
            {
                told.Add($"{chair.Name} <{chair.Email.Trim()}>");
            }
        }
        return new OrganisationExport(fileName, content, sha256, now, told, notTold);
    }

    /// <summary>The organisation's own policy, else the instance's default: its time zone is the one the committee reads times in.</summary>
    private async Task<TimeZoneInfo> TimeZoneOfAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var spec = await db.RoutingPolicies.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .Select(p => p.Spec)
            .FirstOrDefaultAsync(cancellationToken);
        return spec is not null && TimeZoneInfo.TryFindSystemTimeZoneById(spec.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Organisation} was exported, but the mail telling its chair {Chair} could not be sent.")]
    private partial void LogMailFailed(Exception exception, string organisation, string chair);
}
