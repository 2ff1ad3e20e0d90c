using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Policies;

/// <summary>
/// Sets one system's own routing, whole: its accountable manager, a manager for any theme, how often it is reassessed
/// (what answering questions 8 and 15 settles). An administrator, or a chair recording what the committee settled;
/// answers the version in force afterwards. Nothing named leaves the system to the organisation's routing.
/// </summary>
/// <param name="ReassessmentIntervalMonths">Null: as for the organisation.</param>
[RequiresRole(Roles.Admin, Roles.CommitteeChair)]
public sealed record ChangeSystemRouting(
    string OrganisationKey,
    string SystemKey,
    int BasedOnVersion,
    string? DefaultManagerKey,
    IReadOnlyList<ThemeManagerChoice> ManagerByTheme,
    int? ReassessmentIntervalMonths) : ICommand<int>, IOrganisationRequest;

public sealed class ChangeSystemRoutingValidator : AbstractValidator<ChangeSystemRouting>
{
    public ChangeSystemRoutingValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.SystemKey).NotEmpty();
        RuleFor(c => c.ManagerByTheme).NotNull();
    }
}

public sealed class ChangeSystemRoutingHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ChangeSystemRouting, int>
{
    public async ValueTask<int> Handle(ChangeSystemRouting command, CancellationToken cancellationToken)
    {
        var context = await PolicyChanges.LoadAsync(db, command.OrganisationKey, cancellationToken);
        if (context.Systems.All(s => s.Key != command.SystemKey))
        {
            throw new NotFoundException($"{context.Organisation.Name} has no system '{command.SystemKey}'.");
        }
        var spec = context.Policy.WithSystemRouting(command.SystemKey, new SystemRoutingSpec(
            command.DefaultManagerKey,
            command.ManagerByTheme.ToDictionary(m => m.ThemeKey, m => m.PersonKey, StringComparer.Ordinal),
            command.ReassessmentIntervalMonths));
        return await PolicyChanges.PutInForceAsync(db, audit, clock, context, spec, command.BasedOnVersion, cancellationToken);
    }
}
