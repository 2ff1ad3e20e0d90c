using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Members;

/// <summary>
/// The organisation's members for its administrators: each login, the person it is, its roles in this organisation and
/// whether it has accepted its invitation; and the people who could still be invited.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record GetMembers(string OrganisationKey) : IQuery<MembersOverview>, IOrganisationRequest;

/// <param name="Invitable">The organisation's people who have no login in it yet, for the invitation form.</param>
/// <param name="AllRoles">Every role there is, in the order to offer them.</param>
public sealed record MembersOverview(
    string OrganisationKey,
    string OrganisationName,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<InvitablePerson> Invitable,
    IReadOnlyList<string> AllRoles);

/// <param name="EmailConfirmed">The login has proved its address (by accepting its invitation, or confirming it).</param>
/// <param name="InvitationExpires">While an invitation is waiting to be accepted: when its link runs out.</param>
/// <param name="InvitationRunOut">The invitation's link has run out unaccepted: invite them again.</param>
/// <param name="IsYou">The login is the administrator's own.</param>
public sealed record MemberRow(
    string UserId,
    string Email,
    string DisplayName,
    string? PersonKey,
    string? PersonName,
    Side? Side,
    IReadOnlyList<string> Roles,
    bool EmailConfirmed,
    bool HasPassword,
    DateTimeOffset? InvitationExpires,
    bool InvitationRunOut,
    bool IsYou)
{
    /// <summary>Invited and not yet accepted: the login cannot sign in until it chooses a password.</summary>
    public bool IsInvitationPending => !HasPassword;
}

public sealed record InvitablePerson(string Key, string Name, Side Side, string Title, string Email);

public sealed class GetMembersHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetMembers, MembersOverview>
{
    public async ValueTask<MembersOverview> Handle(GetMembers query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.People)
            .SingleOrDefaultAsync(o => o.Key == query.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");

        var logins = await (
                from m in db.Memberships
                where m.OrganisationId == organisation.Id
                join u in db.Users on m.UserId equals u.Id
                select new { u.Id, u.Email, u.UserName, u.DisplayName, u.EmailConfirmed, HasPassword = u.PasswordHash != null, m.PersonId, m.Roles })
            .ToListAsync(cancellationToken);
        var ids = logins.Select(l => l.Id).ToList();
        var invitations = (await db.UserTokens
                .Where(t => ids.Contains(t.UserId))
                .Select(t => new { t.UserId, t.LoginProvider, t.Name, t.Value })
                .ToListAsync(cancellationToken))
            .Where(t => InvitationTokens.IsInvitationToken(t.LoginProvider, t.Name))
            .ToDictionary(t => t.UserId, t => InvitationTokens.ExpiryOf(t.Value));

        var now = clock.GetUtcNow();
        var members = logins
            .Select(l =>
            {
                var person = l.PersonId is { } id ? organisation.FindPerson(id) : null;
                var email = l.Email ?? l.UserName ?? l.Id;
                var expires = l.HasPassword ? null : invitations.GetValueOrDefault(l.Id);
                return new MemberRow(
                    l.Id,
                    email,
                    string.IsNullOrWhiteSpace(l.DisplayName) ? email : l.DisplayName,
                    person?.Key,
                    person?.Name,
                    person?.Side,
                    l.Roles,
                    l.EmailConfirmed,
                    l.HasPassword,
                    expires,
                    !l.HasPassword && !(expires > now),
                    l.Id == user.UserId);
            })
            .OrderBy(m => m.PersonName is null)
            .ThenBy(m => m.PersonName ?? m.Email, StringComparer.CurrentCulture)
            .ToList();

        var linked = logins.Select(l => l.PersonId).OfType<Guid>().ToHashSet();
        var invitable = organisation.People
            .Where(p => !linked.Contains(p.Id))
            .OrderBy(p => p.Side).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new InvitablePerson(p.Key, p.Name, p.Side, p.Title, p.Email))
            .ToList();

        return new MembersOverview(organisation.Key, organisation.Name, members, invitable, Roles.All);
    }
}
