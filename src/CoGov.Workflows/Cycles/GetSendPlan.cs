using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// What sending a cycle's questions needs (see <see cref="SendQuestions"/>): its draft questions by theme, each with the
/// accountable manager and the working days the routing policy would give it, for the steward to confirm or change.
/// </summary>
public sealed record GetSendPlan(string OrganisationKey, string SystemKey, int Cycle) : IQuery<SendPlan>, ICycleRequest;

/// <param name="MaySend">The current person may send the drafts (the model's <see cref="QuestionTrigger.Send"/>) and holds the role <see cref="SendQuestions"/> needs.</param>
/// <param name="Themes">The themes with draft questions, in the questionnaire's order.</param>
/// <param name="NeedsRole">The model would let them send the drafts, but they do not hold the role <see cref="SendQuestions"/> needs here.</param>
public sealed record SendPlan(
    string OrganisationName,
    string SystemName,
    int Cycle,
    string TemplateTitle,
    bool MaySend,
    IReadOnlyList<ManagerChoice> Managers,
    IReadOnlyList<SendPlanTheme> Themes,
    bool NeedsRole = false);

public sealed record SendPlanTheme(string Key, string Title, IReadOnlyList<SendPlanQuestion> Questions);

/// <param name="AssigneeKey">The policy's accountable manager for the question (<c>RoutingPolicy.ManagerFor</c>), if it names one.</param>
/// <param name="WorkingDays">The policy's working days to answer (<c>RoutingPolicy.DeadlineDaysFor</c>).</param>
/// <param name="CarriedOverAnswer">The answer settled in an earlier cycle, for the manager to confirm or update.</param>
public sealed record SendPlanQuestion(int Number, string Text, string? AssigneeKey, int WorkingDays, string? CarriedOverAnswer, int? CarriedOverFromCycle);

public sealed class GetSendPlanHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetSendPlan, SendPlan>
{
    public async ValueTask<SendPlan> Handle(GetSendPlan query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var (system, assessment) = await db.ReadCycleAsync(organisation, query.SystemKey, query.Cycle, cycles => cycles.Include(a => a.Questions), cancellationToken);
        var template = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Id == assessment.TemplateId, cancellationToken);
        var policy = await db.RoutingPolicies.AsNoTracking().SingleAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;

        var managers = ManagerChoice.Of(organisation);
        var drafts = assessment.Questions.Where(q => q.State == QuestionState.Draft).ToDictionary(q => q.Number);
        var language = organisation.Language;
        var themes = template.Themes
            .Select(theme =>
            {
                // A policy naming someone who is no longer a manager here would fail on sending: offer no one instead.
                var policyManager = policy.ManagerFor(system.Key, theme.Key);
                var assignee = managers.Any(m => m.Key == policyManager) ? policyManager : null;
                var days = policy.DeadlineDaysFor(theme.Key);
                var questions = theme.Questions
                    .Where(q => drafts.ContainsKey(q.Number))
                    .Select(q => new SendPlanQuestion(q.Number, q.Text.In(language), assignee, days,
                        drafts[q.Number].CarriedOverAnswer, drafts[q.Number].CarriedOverFromCycle))
                    .ToList();
                return new SendPlanTheme(theme.Key, theme.Title.In(language), questions);
            })
            .Where(theme => theme.Questions.Count > 0)
            .ToList();

        var modelAllows = actor is not null && drafts.Values.Any(q => q.CanFire(QuestionTrigger.Send, actor));
        var holdsRole = user.MaySend<SendQuestions>();
        return new SendPlan(
            organisation.Name,
            system.Name,
            assessment.Cycle,
            template.Title.In(language),
            MaySend: modelAllows && holdsRole,
            managers,
            themes,
            NeedsRole: modelAllows && !holdsRole);
    }
}
