using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Identity;

/// <summary>
/// Whether a login must set up a second factor before it may use an organisation: it must when its membership there
/// demands one (<see cref="Membership.MustUseSecondFactor"/>) and it has neither an authenticator app nor a passkey. A
/// passkey counts: it cannot be phished and is a second factor by itself (decision record 16).
/// </summary>
public sealed class SecondFactorDemands(CoGovDbContext db)
{
    public async Task<bool> MustEnrolAsync(string userId, string organisationKey, CancellationToken cancellationToken)
    {
        var demand = await db.Memberships.AsNoTracking()
            .Join(db.Organisations.Where(o => o.Key == organisationKey), m => m.OrganisationId, o => o.Id,
                (m, o) => new { Membership = m, o.TwoFactorRequired })
            .Where(d => d.Membership.UserId == userId)
            .SingleOrDefaultAsync(cancellationToken);
        if (demand is null || !demand.Membership.MustUseSecondFactor(demand.TwoFactorRequired))
        {
            return false;
        }
        var hasAuthenticator = await db.Users.AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, cancellationToken);
        return !hasAuthenticator && !await db.Set<IdentityUserPasskey<string>>().AnyAsync(p => p.UserId == userId, cancellationToken);
    }
}
