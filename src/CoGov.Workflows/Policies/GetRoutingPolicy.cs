using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>
/// The organisation's routing policy for its administrators, readable: people and themes by name rather than key, every
/// system with what routes its questions, and the policy as a YAML file to change and upload again.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record GetRoutingPolicy(string OrganisationKey) : IQuery<RoutingPolicyView>, IOrganisationRequest;

/// <param name="IsOwn">The organisation has its own policy; otherwise this is the instance's default, which it follows.</param>
/// <param name="Version">The number of the organisation's own version in force; none while it follows the default.</param>
/// <param name="Yaml">The policy as a file <see cref="ImportRoutingPolicy"/> takes back.</param>
public sealed record RoutingPolicyView(
    string OrganisationKey,
    string OrganisationName,
    bool IsOwn,
    int? Version,
    PolicyTerms Terms,
    PersonName? DefaultManager,
    IReadOnlyList<ThemeManager> ManagersByTheme,
    IReadOnlyList<SystemRoutingView> Systems,
    string Yaml);

/// <summary>The clock's terms of a policy, with themes by their title: what the policy page and the help page both show.</summary>
/// <param name="Holidays">In date order.</param>
/// <param name="ReminderDaysBeforeDue">Earliest reminder first.</param>
public sealed record PolicyTerms(
    string TimeZone,
    IReadOnlyList<DateOnly> Holidays,
    int DefaultDeadlineDays,
    IReadOnlyList<ThemeDays> DeadlinesByTheme,
    int ClarificationDays,
    IReadOnlyList<int> ReminderDaysBeforeDue,
    IReadOnlyList<EscalationStep> Escalation,
    int EscalationIntervalDays,
    int ReassessmentIntervalMonths,
    int CycleLengthDays)
{
    /// <summary>The terms of <paramref name="spec"/>, naming themes as the newest template that has them does.</summary>
    public static PolicyTerms Of(RoutingPolicySpec spec, IReadOnlyDictionary<string, string> themeTitles) => new(
        spec.TimeZone,
        [.. spec.Holidays.Order()],
        spec.DefaultDeadlineDays,
        [.. spec.DeadlineDaysByTheme.Select(t => new ThemeDays(t.Key, themeTitles.GetValueOrDefault(t.Key, t.Key), t.Value)).OrderBy(t => t.ThemeTitle, StringComparer.CurrentCulture)],
        spec.ClarificationDeadlineDays,
        [.. spec.ReminderDaysBeforeDue.OrderDescending()],
        spec.Escalation,
        spec.EscalationIntervalDays,
        spec.ReassessmentIntervalMonths,
        spec.CycleLengthDays);

    /// <summary>Theme key → title, from the newest version of each template, in the organisation's language.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>> ThemeTitlesAsync(CoGovDbContext db, Guid? organisationId, string? language, CancellationToken cancellationToken)
    {
        var templates = await db.Templates.AsNoTracking().AvailableTo(organisationId).Include(t => t.Themes).ToListAsync(cancellationToken);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var theme in templates.OrderBy(t => t.Version).SelectMany(t => t.Themes))
        {
            titles[theme.Key] = theme.Title.In(language);
        }
        return titles;
    }
}

public sealed record ThemeDays(string ThemeKey, string ThemeTitle, int Days);

public sealed record PersonName(string Key, string Name);

public sealed record ThemeManager(string ThemeKey, string ThemeTitle, PersonName Manager);

/// <param name="DefaultManager">The system's own default accountable manager, when the policy names one.</param>
/// <param name="ReassessmentIntervalMonths">The system's own interval, when it has one.</param>
/// <param name="EffectiveReassessmentMonths">How often the system is reassessed, its own interval or the organisation's.</param>
public sealed record SystemRoutingView(
    string SystemKey,
    string SystemName,
    PersonName? DefaultManager,
    IReadOnlyList<ThemeManager> ManagersByTheme,
    int? ReassessmentIntervalMonths,
    int EffectiveReassessmentMonths);

public sealed class GetRoutingPolicyHandler(CoGovDbContext db) : IQueryHandler<GetRoutingPolicy, RoutingPolicyView>
{
    public async ValueTask<RoutingPolicyView> Handle(GetRoutingPolicy query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.People)
            .SingleOrDefaultAsync(o => o.Key == query.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var policy = await db.RoutingPolicies.AsNoTracking()
            .Where(p => p.OrganisationId == organisation.Id || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no routing policy, and there is no default one.");
        var spec = policy.Spec;
        var titles = await PolicyTerms.ThemeTitlesAsync(db, organisation.Id, organisation.Language, cancellationToken);
        var systems = await db.Systems.AsNoTracking().Where(s => s.OrganisationId == organisation.Id)
            .Select(s => new { s.Key, s.Name }).ToListAsync(cancellationToken);

        PersonName? Person(string? key) => key is null ? null : new PersonName(key, organisation.FindPerson(key)?.Name ?? key);
        List<ThemeManager> ByTheme(IReadOnlyDictionary<string, string> managers) =>
        [
            .. managers.Select(m => new ThemeManager(m.Key, titles.GetValueOrDefault(m.Key, m.Key), Person(m.Value)!))
                .OrderBy(m => m.ThemeTitle, StringComparer.CurrentCulture),
        ];

        var routing = systems
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .Select(s =>
            {
                var own = spec.Systems.GetValueOrDefault(s.Key);
                return new SystemRoutingView(
                    s.Key,
                    s.Name,
                    Person(own?.DefaultManager),
                    own is null ? [] : ByTheme(own.ManagerByTheme),
                    own?.ReassessmentIntervalMonths,
                    policy.ReassessmentMonthsFor(s.Key));
            })
            .ToList();

        return new RoutingPolicyView(
            organisation.Key,
            organisation.Name,
            policy.OrganisationId == organisation.Id,
            policy.OrganisationId == organisation.Id ? policy.Number : null,
            PolicyTerms.Of(spec, titles),
            Person(spec.DefaultManager),
            ByTheme(spec.ManagerByTheme),
            routing,
            $"# The routing policy of {organisation.Name}. Change it and upload it again to replace the policy.\n" + RoutingPolicyYaml.Write(spec));
    }
}
