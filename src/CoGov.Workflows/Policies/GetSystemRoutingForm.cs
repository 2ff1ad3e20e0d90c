using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;

namespace CoGov.Workflows.Policies;

/// <summary>What the form that sets one system's own routing shows.</summary>
[RequiresRole(Roles.Admin, Roles.CommitteeChair)]
public sealed record GetSystemRoutingForm(string OrganisationKey, string SystemKey) : IQuery<SystemRoutingForm>, IOrganisationRequest;

/// <param name="DefaultManagerKey">The system's own accountable manager, when it has one.</param>
/// <param name="OrganisationDefaultManager">Who its questions go to without one: the organisation's default manager's name, if any.</param>
/// <param name="ReassessmentIntervalMonths">The system's own interval, when it has one.</param>
public sealed record SystemRoutingForm(
    string OrganisationKey,
    string OrganisationName,
    string SystemKey,
    string SystemName,
    int Version,
    string? DefaultManagerKey,
    IReadOnlyDictionary<string, string> ManagerByTheme,
    int? ReassessmentIntervalMonths,
    string? OrganisationDefaultManager,
    int OrganisationReassessmentMonths,
    IReadOnlyList<ManagerChoice> Managers,
    IReadOnlyList<ThemeChoice> Themes);

public sealed class GetSystemRoutingFormHandler(CoGovDbContext db) : IQueryHandler<GetSystemRoutingForm, SystemRoutingForm>
{
    public async ValueTask<SystemRoutingForm> Handle(GetSystemRoutingForm query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var system = await db.ReadSystemAsync(organisation, query.SystemKey, cancellationToken);
        var policy = await PolicyFormReading.PolicyAsync(db, organisation, cancellationToken);
        var own = policy.Spec.Systems.GetValueOrDefault(system.Key);
        return new SystemRoutingForm(
            organisation.Key,
            organisation.Name,
            system.Key,
            system.Name,
            policy.Number,
            own?.DefaultManager,
            own?.ManagerByTheme ?? new Dictionary<string, string>(),
            own?.ReassessmentIntervalMonths,
            policy.Spec.DefaultManager is { } key ? organisation.FindPerson(key)?.Name ?? key : null,
            policy.Spec.ReassessmentIntervalMonths,
            PolicyFormReading.Managers(organisation, policy),
            await PolicyFormReading.ThemesAsync(db, organisation, cancellationToken));
    }
}
