using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Committee;

/// <summary>
/// An administrator sets when the joint committee may decide: how many must be present from each side, and whether
/// the sides must be present in equal numbers (<see cref="QuorumRule"/>).
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record ChangeQuorumRule(string OrganisationKey, int MinimumPerSide, bool SidesEqual) : ICommand, IOrganisationRequest;

public sealed class ChangeQuorumRuleValidator : AbstractValidator<ChangeQuorumRule>
{
    public ChangeQuorumRuleValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.MinimumPerSide).GreaterThanOrEqualTo(1)
            .WithPhrase("The quorum needs at least one person present from each side.");
    }
}

public sealed class ChangeQuorumRuleHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<ChangeQuorumRule>
{
    public async ValueTask<Unit> Handle(ChangeQuorumRule command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        if (organisation.ChangeQuorum(new QuorumRule(command.MinimumPerSide, command.SidesEqual)) is { } change)
        {
            await audit.RecordAsync(organisation.Id, AuditKind.CommitteeChanged, change + ".", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}
