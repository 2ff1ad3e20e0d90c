using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// The organisation's audit log, newest first: every administrative change to its people and committee. For its
/// administrators and for both chairs of the joint committee, whose work it is to hold the administration to account.
/// </summary>
public sealed record GetAuditLog(string OrganisationKey) : IQuery<AuditLog>, IOrganisationRequest;

/// <param name="IsAdministrator">The reader administers the organisation (the page then shows its administration's links).</param>
public sealed record AuditLog(string OrganisationKey, string OrganisationName, IReadOnlyList<AuditLine> Entries, bool IsAdministrator);

/// <param name="Id">The entry's identity, so a reader paging through the log can tell entries made at the same moment apart.</param>
public sealed record AuditLine(DateTimeOffset At, string By, AuditKind Kind, string Text, Guid Id);

public sealed class GetAuditLogHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetAuditLog, AuditLog>
{
    public async ValueTask<AuditLog> Handle(GetAuditLog query, CancellationToken cancellationToken)
    {
        // A chair is who sits in the chair, not who holds a role: the seat is the committee's own record of it.
        var isAdministrator = user.IsInRole(Roles.Admin);
        if (!isAdministrator && user.Actor?.IsCommitteeChair != true)
        {
            throw new ForbiddenException("The audit log is for the organisation's administrators and the committee's chairs.");
        }
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Key, o.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.OrganisationId == organisation.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new AuditLine(e.At, e.By, e.Kind, e.Text, e.Id))
            .ToListAsync(cancellationToken);
        return new AuditLog(organisation.Key, organisation.Name, entries, isAdministrator);
    }
}
