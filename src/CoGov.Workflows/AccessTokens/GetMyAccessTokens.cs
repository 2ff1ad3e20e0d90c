using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AccessTokens;

/// <summary>The signed-in user's own tokens in every organisation they belong to, for their account page. Never the secrets.</summary>
public sealed record GetMyAccessTokens : IQuery<IReadOnlyList<MyAccessToken>>;

public sealed record MyAccessToken(
    Guid Id, string OrganisationKey, string OrganisationName, string Name, TokenAccess Access,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Expired);

public sealed class GetMyAccessTokensHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetMyAccessTokens, IReadOnlyList<MyAccessToken>>
{
    public async ValueTask<IReadOnlyList<MyAccessToken>> Handle(GetMyAccessTokens query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await (
                from t in db.AccessTokens
                join o in db.Organisations on t.OrganisationId equals o.Id
                where t.UserId == user.UserId
                select new { t.Id, o.Key, OrganisationName = o.Name, t.Name, t.Access, t.CreatedAt, t.ExpiresAt, t.LastUsedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(t => t.OrganisationName, StringComparer.CurrentCulture).ThenByDescending(t => t.CreatedAt)
            .Select(t => new MyAccessToken(t.Id, t.Key, t.OrganisationName, t.Name, t.Access, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, now >= t.ExpiresAt))];
    }
}
