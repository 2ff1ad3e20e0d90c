using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Members;

/// <summary>
/// An administrator sets the roles of one of the organisation's members: the roles given are the ones they hold
/// afterwards. A login's roles hold in every organisation it belongs to (see <see cref="RoleGrants"/>), and they take
/// effect when its sign-in is next refreshed.
/// </summary>
[RequiresRole(Identity.Roles.Admin)] // qualified: the record's own Roles property hides the class here
public sealed record ChangeMemberRoles(string OrganisationKey, string UserId, IReadOnlyList<string> Roles) : ICommand, IOrganisationRequest;

public sealed class ChangeMemberRolesValidator : AbstractValidator<ChangeMemberRoles>
{
    public ChangeMemberRolesValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Roles).NotNull();
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r))
            .WithPhrase("'{0}' is not a role; the roles are {1}.", (_, role) => [role, string.Join(", ", Roles.All)]);
    }
}

public sealed class ChangeMemberRolesHandler(
    CoGovDbContext db,
    UserManager<CoGovUser> users,
    RoleManager<IdentityRole> roles,
    UserContext user) : ICommandHandler<ChangeMemberRoles>
{
    public async ValueTask<Unit> Handle(ChangeMemberRoles command, CancellationToken cancellationToken)
    {
        var isMember = await (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == command.UserId && o.Key == command.OrganisationKey
                select m.Id)
            .AnyAsync(cancellationToken);
        var member = isMember ? await users.FindByIdAsync(command.UserId) : null;
        if (member is null)
        {
            // Someone else's login is as unknown here as one that does not exist.
            throw new NotFoundException($"There is no member '{command.UserId}' of '{command.OrganisationKey}'.");
        }

        var held = await users.GetRolesAsync(member);
        var wanted = Roles.All.Where(command.Roles.Contains).ToList();
        var adding = wanted.Except(held).ToList();
        var removing = held.Where(Roles.All.Contains).Except(wanted).ToList();
        if (adding.Count == 0 && removing.Count == 0)
        {
            return Unit.Value;
        }
        var who = member.Email ?? member.UserName ?? command.UserId;
        if (member.Id == user.UserId && removing.Contains(Roles.Admin))
        {
            throw new DomainRuleException("You cannot take away your own Admin role: the organisation could be left with no administrator. Ask another administrator to do it.");
        }
        if (await RoleGrants.BeyondReachAsync(db, member.Id, user.UserId, cancellationToken) is { Count: > 0 } beyond)
        {
            throw new DomainRuleException(RoleGrants.BeyondReachReason(who, beyond));
        }

        // Identity saves each change as it makes it; the transaction keeps a half-changed set of roles from standing.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await RoleGrants.EnsureExistAsync(roles);
            if (adding.Count > 0)
            {
                RoleGrants.Check(await users.AddToRolesAsync(member, adding));
            }
            if (removing.Count > 0)
            {
                RoleGrants.Check(await users.RemoveFromRolesAsync(member, removing));
            }
            await transaction.CommitAsync(token);
        }, cancellationToken);
        return Unit.Value;
    }
}
