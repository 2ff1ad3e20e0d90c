using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// Writes an administrative change to the organisation's audit log, in the same save as the change itself, so no
/// change is kept without its entry.
/// </summary>
public sealed class OrganisationAudit(CoGovDbContext db, UserContext user, TimeProvider clock)
{
    public async Task RecordAsync(Guid organisationId, AuditKind kind, string text, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry(organisationId, clock.GetUtcNow(), await WhoAsync(cancellationToken), kind, text));
    }

    /// <summary>The person the sender is here, else their login's name or address (an administrator need not be one of the people).</summary>
    public async Task<string> WhoAsync(CancellationToken cancellationToken)
    {
        if (user.Actor is { } actor)
        {
            return actor.Name;
        }
        if (user.IsSystem || user.UserId is null)
        {
            return "CoGov";
        }
        var login = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId)
            .Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken);
        return login switch
        {
            { DisplayName: { Length: > 0 } name } => name,
            { Email: { } email } => email,
            _ => user.UserId,
        };
    }
}
