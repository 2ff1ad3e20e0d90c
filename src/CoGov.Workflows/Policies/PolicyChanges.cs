using CoGov.Workflows.Templates;
using System.Text.RegularExpressions;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>
/// What every change of an organisation's policy made in a form shares: the policy with what its rules check it against,
/// and putting a new version in force with its audit entry, in one save. The rules themselves are
/// <see cref="RoutingPolicy.Check"/>, the same ones a YAML import is held to.
/// </summary>
internal static partial class PolicyChanges
{
    public sealed record Context(Organisation Organisation, IReadOnlyList<AlgorithmicSystem> Systems, IReadOnlyList<QuestionnaireTemplate> Templates, RoutingPolicy Policy);

    public static async Task<Context> LoadAsync(CoGovDbContext db, string organisationKey, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.Include(o => o.People)
            .SingleOrDefaultAsync(o => o.Key == organisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{organisationKey}'.");
        var policy = await db.RoutingPolicies.SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no routing policy of its own.");
        var systems = await db.Systems.Where(s => s.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        return new Context(organisation, systems, await ThemesAsync(db, organisation.Id, cancellationToken), policy);
    }

    /// <summary>The questionnaires whose themes a policy may name: the library's and the organisation's own.</summary>
    public static async Task<List<QuestionnaireTemplate>> ThemesAsync(CoGovDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        await db.Templates.AvailableTo(organisationId).Include(t => t.Themes).ToListAsync(cancellationToken);

    /// <summary>
    /// Puts <paramref name="spec"/> in force as the version after <paramref name="basedOn"/>; answers the version in force
    /// afterwards (the same one when nothing differs). A broken rule comes back at the form field it concerns: its path
    /// in the policy (<c>managers.default</c>, <c>deadlines.themes.x</c>; a list's items at the list, <c>reminders</c>).
    /// </summary>
    public static async Task<int> PutInForceAsync(
        CoGovDbContext db, OrganisationAudit audit, TimeProvider clock, Context context, RoutingPolicySpec spec, int basedOn, CancellationToken cancellationToken)
    {
        RoutingPolicyVersion? version;
        try
        {
            version = context.Policy.Change(context.Organisation, context.Systems, context.Templates, spec, basedOn,
                new PolicyEdit(clock.GetUtcNow(), await audit.WhoAsync(cancellationToken)));
        }
        catch (DomainRuleException rule) when (rule.Violations.All(v => v.Path.Length > 0))
        {
            throw new InputRejectedException(rule.Violations
                .GroupBy(v => Item().Replace(v.Path, ""), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(v => v.Text).ToArray(), StringComparer.Ordinal));
        }
        if (version is not null)
        {
            await RecordAsync(audit, context.Organisation, version, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return context.Policy.Number;
    }

    public static Task RecordAsync(OrganisationAudit audit, Organisation organisation, RoutingPolicyVersion version, CancellationToken cancellationToken) =>
        audit.RecordAsync(organisation.Id, AuditKind.PolicyChanged, $"Routing policy version {version.Number}: {version.Change}", cancellationToken);

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex Item();
}
