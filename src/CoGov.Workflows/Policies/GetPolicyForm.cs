using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>What the forms that change the organisation's routing and calendar show: the policy in force and what may be chosen.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetPolicyForm(string OrganisationKey) : IQuery<PolicyForm>, IOrganisationRequest;

/// <param name="Version">The version in force, which a change is made from.</param>
/// <param name="Managers">The managers a theme may go to: every manager still here, and any the policy names who has since retired (to be replaced).</param>
/// <param name="Themes">Every theme of the questionnaires, by title.</param>
/// <param name="TimeZones">The IANA time zones this server knows, by name.</param>
public sealed record PolicyForm(
    string OrganisationKey,
    string OrganisationName,
    int Version,
    RoutingPolicySpec Spec,
    IReadOnlyList<ManagerChoice> Managers,
    IReadOnlyList<ThemeChoice> Themes,
    IReadOnlyList<string> TimeZones);

public sealed record ManagerChoice(string Key, string Name, string Title, bool IsRetired);

public sealed record ThemeChoice(string Key, string Title);

public sealed class GetPolicyFormHandler(CoGovDbContext db) : IQueryHandler<GetPolicyForm, PolicyForm>
{
    public async ValueTask<PolicyForm> Handle(GetPolicyForm query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var policy = await PolicyFormReading.PolicyAsync(db, organisation, cancellationToken);
        return new PolicyForm(
            organisation.Key,
            organisation.Name,
            policy.Number,
            policy.Spec,
            PolicyFormReading.Managers(organisation, policy),
            await PolicyFormReading.ThemesAsync(db, organisation, cancellationToken),
            PolicyFormReading.TimeZones);
    }
}

/// <summary>How the policy forms read what they offer.</summary>
internal static class PolicyFormReading
{
    /// <summary>Every IANA zone the server knows: on Linux and on Windows with ICU, the system's zones carry their IANA names.</summary>
    public static readonly IReadOnlyList<string> TimeZones = [.. TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    public static async Task<RoutingPolicy> PolicyAsync(CoGovDbContext db, Organisation organisation, CancellationToken cancellationToken) =>
        await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken)
        ?? throw new NotFoundException($"{organisation.Name} has no routing policy of its own.");

    public static IReadOnlyList<ManagerChoice> Managers(Organisation organisation, RoutingPolicy policy) =>
    [
        .. organisation.People
            .Where(p => p.Side == Side.Management && (!p.IsRetired || policy.Names(p.Key)))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new ManagerChoice(p.Key, p.Name, p.Title, p.IsRetired)),
    ];

    public static async Task<IReadOnlyList<ThemeChoice>> ThemesAsync(CoGovDbContext db, Organisation organisation, CancellationToken cancellationToken)
    {
        var titles = await PolicyTerms.ThemeTitlesAsync(db, organisation.Id, organisation.Language, cancellationToken);
        return [.. titles.Select(t => new ThemeChoice(t.Key, t.Value)).OrderBy(t => t.Title, StringComparer.CurrentCulture)];
    }
}
