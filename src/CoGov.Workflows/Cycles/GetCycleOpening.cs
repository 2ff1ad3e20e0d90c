using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// What opening a system's next cycle needs (see <see cref="OpenCycle"/>): the questionnaires to choose from, the
/// accountable managers, and what the routing policy would choose.
/// </summary>
public sealed record GetCycleOpening(string OrganisationKey, string SystemKey) : IQuery<CycleOpening>, IOrganisationRequest;

/// <param name="NextCycle">The number the new cycle will have.</param>
/// <param name="MayOpen">The current person may open it now: the model lets their side, and they hold the role <see cref="OpenCycle"/> needs.</param>
/// <param name="NeedsRole">The model would let them open it now, but they do not hold the role <see cref="OpenCycle"/> needs here.</param>
/// <param name="Retired">The system is retired from the register, so no cycle of it opens again.</param>
/// <param name="CycleInProgress">The newest cycle when it is not signed off by both sides yet, which keeps the next from opening.</param>
/// <param name="Questionnaires">The version of each questionnaire the organisation has adopted.</param>
/// <param name="DefaultQuestionnaire">The questionnaire of the previous cycle (so its answers carry over), or the first.</param>
/// <param name="DefaultManagerKey">The routing policy's accountable manager for the system, if it names one.</param>
/// <param name="DefaultDueInDays">The policy's cycle length in calendar days.</param>
public sealed record CycleOpening(
    string OrganisationName,
    string SystemName,
    int NextCycle,
    bool MayOpen,
    bool Retired,
    int? CycleInProgress,
    IReadOnlyList<QuestionnaireChoice> Questionnaires,
    string? DefaultQuestionnaire,
    IReadOnlyList<ManagerChoice> Managers,
    string? DefaultManagerKey,
    int DefaultDueInDays,
    bool NeedsRole = false);

public sealed record QuestionnaireChoice(string Key, string Title, int Version, int QuestionCount);

public sealed class GetCycleOpeningHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetCycleOpening, CycleOpening>
{
    public async ValueTask<CycleOpening> Handle(GetCycleOpening query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var system = await db.ReadSystemAsync(organisation, query.SystemKey, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;

        // Only the cycle row: whether it is read-only depends on its state alone.
        var newest = await db.Assessments.AsNoTracking()
            .Where(a => a.SystemId == system.Id)
            .OrderByDescending(a => a.Cycle)
            .FirstOrDefaultAsync(cancellationToken);
        var policy = await db.RoutingPolicies.AsNoTracking().SingleAsync(p => p.OrganisationId == organisation.Id, cancellationToken);

        // The version each questionnaire's next cycle opens on: the adopted one, whatever newer versions exist.
        var templates = await db.Templates.AsNoTracking().AvailableTo(organisation.Id)
            .Where(t => db.TemplateAdoptions.Any(a => a.OrganisationId == organisation.Id && a.TemplateId == t.Id))
            .Select(t => new { t.Key, t.Version, t.Title, Questions = t.Themes.SelectMany(theme => theme.Questions).Count() })
            .ToListAsync(cancellationToken);
        var questionnaires = templates
            .Select(t => new QuestionnaireChoice(t.Key, t.Title.In(organisation.Language), t.Version, t.Questions))
            .OrderBy(q => q.Title, StringComparer.CurrentCulture)
            .ToList();
        var defaultQuestionnaire = questionnaires.FirstOrDefault(q => q.Key == newest?.TemplateKey)?.Key ?? questionnaires.FirstOrDefault()?.Key;

        var managers = ManagerChoice.Of(organisation);
        var policyManager = policy.AccountableManagerFor(system.Key);

        // Assessment.OpenNext takes only a previous cycle both sides have signed.
        var modelAllows = actor is not null && Assessment.MayOpen(actor) && !system.IsRetired && (newest is null || newest.IsReadOnly);
        var holdsRole = user.MaySend<OpenCycle>();
        return new CycleOpening(
            organisation.Name,
            system.Name,
            (newest?.Cycle ?? 0) + 1,
            MayOpen: modelAllows && holdsRole,
            Retired: system.IsRetired,
            CycleInProgress: newest is { IsReadOnly: false } ? newest.Cycle : null,
            questionnaires,
            defaultQuestionnaire,
            managers,
            managers.Any(m => m.Key == policyManager) ? policyManager : null,
            policy.Spec.CycleLengthDays,
            NeedsRole: modelAllows && !holdsRole);
    }
}
