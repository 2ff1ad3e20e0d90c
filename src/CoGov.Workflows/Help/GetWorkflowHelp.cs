using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Policies;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Stateless.Reflection;

namespace CoGov.Workflows.Help;

/// <summary>
/// How a question and a cycle move, for the help page: read from the machines themselves, so the page cannot drift from
/// what the engine allows, with the clock's terms from the policy of one of the user's organisations (the one asked
/// for, else their first), or the instance's default policy when they belong to none.
/// </summary>
public sealed record GetWorkflowHelp(string? OrganisationKey = null) : IQuery<WorkflowHelp>;

/// <param name="QuestionGraph">The question machine in Graphviz DOT, as in <c>docs/workflow/question-lifecycle.dot</c>.</param>
/// <param name="CycleGraph">The cycle machine in Graphviz DOT, as in <c>docs/workflow/assessment-cycle.dot</c>.</param>
/// <param name="Clock">The clock's terms; null when there is no policy at all yet.</param>
/// <param name="Organisations">The user's organisations, whose clocks the page can show instead.</param>
public sealed record WorkflowHelp(
    MachineHelp Question,
    string QuestionGraph,
    MachineHelp Cycle,
    string CycleGraph,
    ClockHelp? Clock,
    IReadOnlyList<OrganisationChoice> Organisations);

public sealed record OrganisationChoice(string Key, string Name);

/// <param name="OrganisationKey">The organisation whose policy this is; null for the instance's default.</param>
public sealed record ClockHelp(string? OrganisationKey, string? OrganisationName, PolicyTerms Terms);

/// <summary>A machine as a reader needs it: every state in the machine's order, each with the moves that leave it.</summary>
public sealed record MachineHelp(string InitialState, IReadOnlyList<StateHelp> States)
{
    /// <summary>Reads a Stateless machine's own description, states and triggers by name.</summary>
    public static MachineHelp From(StateMachineInfo info) => new(
        Name(info.InitialState.UnderlyingState),
        [.. info.States.Select(state => new StateHelp(Name(state.UnderlyingState), [.. state.Transitions.Select(t => Move(state, t))]))]);

    private static MoveHelp Move(StateInfo from, TransitionInfo transition)
    {
        var who = transition.GuardConditionsMethodDescriptions
            .Select(g => g.Description)
            // A guard given no description (an unconditional internal move is one) names no one: it is no condition a reader can act on.
            .Where(d => !string.IsNullOrWhiteSpace(d) && d != InvocationInfo.DefaultFunctionDescription)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var trigger = Name(transition.Trigger.UnderlyingTrigger);
        return transition switch
        {
            FixedTransitionInfo fixedTo => new MoveHelp(trigger, who,
                [new Destination(Name(fixedTo.DestinationState.UnderlyingState), null)],
                fixedTo.IsInternalTransition || Equals(fixedTo.DestinationState.UnderlyingState, from.UnderlyingState)),
            DynamicTransitionInfo dynamic => new MoveHelp(trigger, who,
                [.. (dynamic.PossibleDestinationStates ?? []).Select(d => new Destination(d.DestinationState, d.Criterion))],
                false),
            _ => new MoveHelp(trigger, who, [], transition.IsInternalTransition),
        };
    }

    private static string Name(object value) => value.ToString() ?? "";
}

/// <param name="IsFinal">Nothing leaves the state: the question (or cycle) is settled there.</param>
public sealed record StateHelp(string State, IReadOnlyList<MoveHelp> Moves)
{
    public bool IsFinal => Moves.Count == 0;
}

/// <param name="Who">Who may make the move, as the machine's guards say it; empty when the machine sets no condition.</param>
/// <param name="Destinations">Where the move leads; more than one when it depends on where the question stood before.</param>
/// <param name="StaysPut">The move changes something without changing the state (reassigning, delegating).</param>
public sealed record MoveHelp(string Trigger, IReadOnlyList<string> Who, IReadOnlyList<Destination> Destinations, bool StaysPut);

/// <param name="When">The condition for this destination, when the move has several.</param>
public sealed record Destination(string State, string? When);

public sealed class GetWorkflowHelpHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetWorkflowHelp, WorkflowHelp>
{
    public async ValueTask<WorkflowHelp> Handle(GetWorkflowHelp query, CancellationToken cancellationToken)
    {
        var organisations = user.UserId is { } userId
            ? await (
                    from m in db.Memberships
                    where m.UserId == userId
                    join o in db.Organisations on m.OrganisationId equals o.Id
                    select new { o.Id, o.Key, o.Name, o.Language })
                .ToListAsync(cancellationToken)
            : [];
        organisations = [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture)];
        // Only an organisation of the user's own: asking for another's gets the user's first, as if none were asked for.
        var organisation = organisations.FirstOrDefault(o => o.Key == query.OrganisationKey) ?? organisations.FirstOrDefault();

        var policy = await db.RoutingPolicies.AsNoTracking()
            .Where(p => (organisation != null && p.OrganisationId == organisation.Id) || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .FirstOrDefaultAsync(cancellationToken);
        ClockHelp? clock = null;
        if (policy is not null)
        {
            var own = organisation is not null && policy.OrganisationId == organisation.Id;
            var titles = await PolicyTerms.ThemeTitlesAsync(db, organisation?.Id, organisation?.Language, cancellationToken);
            clock = new ClockHelp(own ? organisation!.Key : null, own ? organisation!.Name : null, PolicyTerms.Of(policy.Spec, titles));
        }

        return new WorkflowHelp(
            MachineHelp.From(QuestionItem.Describe()),
            QuestionItem.DotGraph(),
            MachineHelp.From(Assessment.Describe()),
            Assessment.DotGraph(),
            clock,
            [.. organisations.Select(o => new OrganisationChoice(o.Key, o.Name))]);
    }
}
