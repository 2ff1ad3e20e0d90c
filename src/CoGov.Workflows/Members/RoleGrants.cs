using CoGov.Domain.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Members;

/// <summary>
/// The rules for giving and taking roles. A role belongs to a login, not to a membership, so it holds in every
/// organisation the login belongs to: an administrator may change the roles only of logins whose every organisation
/// they administer too, or one organisation's administrator could make someone an administrator of another.
/// </summary>
internal static class RoleGrants
{
    /// <summary>The organisations <paramref name="memberUserId"/> belongs to that <paramref name="actingUserId"/> does not.</summary>
    public static async Task<IReadOnlyList<string>> BeyondReachAsync(CoGovDbContext db, string memberUserId, string? actingUserId, CancellationToken cancellationToken)
    {
        if (actingUserId is null)
        {
            // CoGov itself (seeding) administers everything.
            return [];
        }
        return await (
                from m in db.Memberships
                where m.UserId == memberUserId
                      && !db.Memberships.Any(mine => mine.UserId == actingUserId && mine.OrganisationId == m.OrganisationId)
                join o in db.Organisations on m.OrganisationId equals o.Id
                orderby o.Name
                select o.Name)
            .ToListAsync(cancellationToken);
    }

    public static Phrase BeyondReachReason(string who, IReadOnlyList<string> organisations) =>
        organisations.Count == 1
            ? new Phrase("{0} also belongs to {1}, and roles hold in every organisation a login belongs to; only an administrator of that organisation as well can change them.", who, organisations[0])
            : new Phrase("{0} also belongs to {1}, and roles hold in every organisation a login belongs to; only an administrator of those organisations as well can change them.", who, string.Join(", ", organisations));

    /// <summary>The roles exist from the first start with the demo; a fresh instance creates them when first given.</summary>
    public static async Task EnsureExistAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Identity's refusals (an e-mail it will not take as a login name, say) as the committee's words.</summary>
    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainRuleException([.. result.Errors.Select(e => new RuleViolation("", Phrase.Verbatim(e.Description)))]);
        }
    }
}
