using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// An administrator says whether opening an answer link also needs a code mailed to the manager
/// (<see cref="Organisation.AnswerLinksNeedCode"/>). Written to the audit log either way.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record ChangeAnswerLinkCodeRequirement(string OrganisationKey, bool Required) : ICommand, IOrganisationRequest;

public sealed class ChangeAnswerLinkCodeRequirementValidator : AbstractValidator<ChangeAnswerLinkCodeRequirement>
{
    public ChangeAnswerLinkCodeRequirementValidator() => RuleFor(c => c.OrganisationKey).NotEmpty();
}

public sealed class ChangeAnswerLinkCodeRequirementHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<ChangeAnswerLinkCodeRequirement>
{
    public async ValueTask<Unit> Handle(ChangeAnswerLinkCodeRequirement command, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Key == command.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{command.OrganisationKey}'.");
        if (organisation.ChangeAnswerLinkCodeRequirement(command.Required))
        {
            await audit.RecordAsync(organisation.Id, AuditKind.AnswerLinkCodeRequirementChanged, command.Required
                ? "Required a code mailed to the manager before an answer link opens."
                : "Stopped requiring a mailed code before an answer link opens.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}

/// <summary>Whether answer links need a mailed code, for the form that changes it.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetAnswerLinkCodeRequirement(string OrganisationKey) : IQuery<bool>, IOrganisationRequest;

public sealed class GetAnswerLinkCodeRequirementHandler(CoGovDbContext db) : IQueryHandler<GetAnswerLinkCodeRequirement, bool>
{
    public async ValueTask<bool> Handle(GetAnswerLinkCodeRequirement query, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().Where(o => o.Key == query.OrganisationKey)
            .Select(o => (bool?)o.AnswerLinksNeedCode).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
}
