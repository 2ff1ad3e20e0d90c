using System.Security.Claims;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AccessTokens;

/// <summary>What a verified token lets its request do: act as its login, in its organisation, with its access.</summary>
public sealed record AccessTokenGrant(Guid Id, string OrganisationKey, TokenAccess Access)
{
    public const string IdClaim = "cogov:token";
    public const string OrganisationClaim = "cogov:token-organisation";
    public const string AccessClaim = "cogov:token-access";

    /// <summary>The claims a bearer-authenticated principal carries beside the login's id, read back by <see cref="From"/>.</summary>
    public IEnumerable<Claim> Claims() =>
    [
        new(IdClaim, Id.ToString()),
        new(OrganisationClaim, OrganisationKey),
        new(AccessClaim, Access.ToString()),
    ];

    /// <summary>The grant a principal was authenticated with, or null for a cookie's principal (which carries none).</summary>
    public static AccessTokenGrant? From(ClaimsPrincipal principal) =>
        principal.FindFirstValue(IdClaim) is { } id && Guid.TryParse(id, out var tokenId)
        && principal.FindFirstValue(OrganisationClaim) is { } organisation
        && Enum.TryParse<TokenAccess>(principal.FindFirstValue(AccessClaim), out var access)
            ? new AccessTokenGrant(tokenId, organisation, access)
            : null;
}

/// <summary>The login a presented token acts as, and what it may do.</summary>
public sealed record AccessTokenHolder(string UserId, AccessTokenGrant Grant, DateTimeOffset ExpiresAt);

/// <summary>
/// Finds the token a request presents. Not a request through the pipeline: it decides who is asking, which the
/// pipeline then authorises as for a page. A token is refused when unknown, revoked (its row is gone), expired, when
/// its member was removed (the row went with the membership) or its login is locked.
/// </summary>
public sealed class AccessTokenReader(CoGovDbContext db, TimeProvider clock)
{
    /// <summary>Last use is kept to the minute: a busy program would otherwise write a row on every request.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<AccessTokenHolder?> FindAsync(string? secret, CancellationToken cancellationToken)
    {
        // A token is its prefix and 43 characters; anything else is not one, and is not hashed or looked up.
        if (string.IsNullOrEmpty(secret) || secret.Length > 100 || !secret.StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = PersonalAccessToken.Hash(secret);
        var row = await (
                from t in db.AccessTokens
                join m in db.Memberships on t.MembershipId equals m.Id
                join o in db.Organisations on t.OrganisationId equals o.Id
                join u in db.Users on t.UserId equals u.Id
                where t.TokenHash == hash && m.UserId == t.UserId && m.OrganisationId == o.Id
                select new { t.Id, t.UserId, o.Key, t.Access, t.ExpiresAt, t.LastUsedAt, u.LockoutEnd })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (row is null || now >= row.ExpiresAt || row.LockoutEnd > now)
        {
            return null;
        }
        if (row.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % LastUseResolution.Ticks, TimeSpan.Zero);
            await db.AccessTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, minute), cancellationToken);
        }
        return new AccessTokenHolder(row.UserId, new AccessTokenGrant(row.Id, row.Key, row.Access), row.ExpiresAt);
    }
}
