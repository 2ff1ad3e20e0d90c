using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// An administrator says whether the organisation's administrators and committee chairs must sign in with a second
/// factor (<see cref="Membership.MustUseSecondFactor"/>). Turning it off is written to the audit log, where both
/// chairs read it, so it is never done unseen.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record ChangeTwoFactorRequirement(string OrganisationKey, bool Required) : ICommand, IOrganisationRequest;

public sealed class ChangeTwoFactorRequirementValidator : AbstractValidator<ChangeTwoFactorRequirement>
{
    public ChangeTwoFactorRequirementValidator() => RuleFor(c => c.OrganisationKey).NotEmpty();
}

public sealed class ChangeTwoFactorRequirementHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<ChangeTwoFactorRequirement>
{
    public async ValueTask<Unit> Handle(ChangeTwoFactorRequirement command, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Key == command.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{command.OrganisationKey}'.");
        if (organisation.ChangeTwoFactorRequirement(command.Required))
        {
            await audit.RecordAsync(organisation.Id, AuditKind.TwoFactorRequirementChanged, command.Required
                ? "Required a second factor (an authenticator app or a passkey) of administrators and committee chairs."
                : "Stopped requiring a second factor of administrators and committee chairs.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}
