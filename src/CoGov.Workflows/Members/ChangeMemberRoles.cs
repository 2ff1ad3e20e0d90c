using CoGov.Domain.Organisations;
using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Members;

/// <summary>
/// An administrator sets the roles one of the organisation's members holds in it: the roles given are the ones they hold
/// afterwards. Their roles in any other organisation stay as they are. They take effect at the member's next request.
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

public sealed class ChangeMemberRolesHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ChangeMemberRoles>
{
    public async ValueTask<Unit> Handle(ChangeMemberRoles command, CancellationToken cancellationToken)
    {
        var membership = await (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == command.UserId && o.Key == command.OrganisationKey
                select m)
            .SingleOrDefaultAsync(cancellationToken)
            // Someone else's login is as unknown here as one that does not exist.
            ?? throw new NotFoundException($"There is no member '{command.UserId}' of '{command.OrganisationKey}'.");

        // The sender is an administrator here, so refusing this alone also keeps the organisation from losing its last one.
        if (membership.UserId == user.UserId && membership.Holds(Roles.Admin) && !command.Roles.Contains(Roles.Admin))
        {
            throw new DomainRuleException("You cannot take away your own Admin role: the organisation could be left with no administrator. Ask another administrator to do it.");
        }

        // The rule above covers an administrator acting; CoGov itself (an import, a script) is held to it too.
        if (membership.Holds(Roles.Admin) && !command.Roles.Contains(Roles.Admin))
        {
            await Leaving.RefuseLeavingNoAdministratorAsync(db, membership, clock.GetUtcNow(), cancellationToken);
        }

        membership.SetRoles(command.Roles);
        var email = await db.Users.Where(u => u.Id == membership.UserId).Select(u => u.Email ?? u.UserName ?? u.Id).SingleAsync(cancellationToken);
        var roles = membership.Roles.Count == 0 ? "none" : string.Join(", ", membership.Roles);
        await audit.RecordAsync(membership.OrganisationId, AuditKind.MemberRolesChanged, $"Set the roles of {email} here to {roles}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
