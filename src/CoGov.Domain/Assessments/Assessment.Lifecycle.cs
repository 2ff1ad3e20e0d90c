using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using Stateless;

namespace CoGov.Domain.Assessments;

/// <summary>How a cycle opens, follows its questions through its states and is drawn for the help page.</summary>
public sealed partial class Assessment
{
    private enum CycleTrigger
    {
        QuestionsSent,
        AllAnswered,
        ReturnedToManagement,
        AllSettled,
        ManagementSignedOff,
        WorkersCountersigned,
    }

    /// <summary>Opens a cycle with every question of the template as a draft.</summary>
    /// <param name="openedBy">The steward who opened it, or null when CoGov opened it on schedule.</param>
    public static Assessment Open(
        Organisation organisation,
        AlgorithmicSystem system,
        QuestionnaireTemplate template,
        int cycle,
        Person accountableManager,
        DateTimeOffset openedAt,
        DateTimeOffset dueAt,
        Actor? openedBy)
    {
        if (system.OrganisationId != organisation.Id)
        {
            throw new DomainRuleException("{0} is not a system of {1}.", system.Name, organisation.Name);
        }
        if (system.IsRetired)
        {
            throw new DomainRuleException("{0} is retired (since {1:yyyy-MM-dd}): a retired system takes no new cycle.", system.Name, system.StatusSince);
        }
        if (cycle < 1)
        {
            throw new DomainRuleException("Cycles are numbered from 1; {0} is not a cycle number.", cycle);
        }
        if (dueAt <= openedAt)
        {
            throw new DomainRuleException("The cycle must be due after it opens ({0:yyyy-MM-dd} is not after {1:yyyy-MM-dd}).", dueAt, openedAt);
        }
        if (!template.IsAvailableTo(organisation.Id))
        {
            throw new DomainRuleException("{0} version {1} is another organisation's own questionnaire.", template.Key, template.Version);
        }
        RequireAccountableManager(organisation, accountableManager);
        if (openedBy is not null && openedBy.OrganisationId != organisation.Id)
        {
            throw new DomainRuleException("{0} is not part of {1}.", openedBy.Name, organisation.Name);
        }
        if (openedBy is not null)
        {
            EnsureMayOpen(openedBy);
        }

        var assessment = new Assessment(organisation.Id, system, template, cycle, openedAt, dueAt, accountableManager);
        assessment.Append(openedAt, openedBy, LogEntryKind.Opened, null,
            $"Cycle {cycle} of {system.Name} opened with {template.QuestionCount} questions of {template.Title} (version {template.Version}), due {Invariant(dueAt)}.");
        return assessment;
    }

    /// <summary>Whether <paramref name="by"/> may open a cycle: assessing a system is the workers' side's to start.</summary>
    public static bool MayOpen(Actor by) => by.Side == Side.Workers;

    /// <summary>
    /// Refuses anyone who may not open a cycle; a command asks it before anything else, so the refusal comes first
    /// whatever else is wrong with the request.
    /// </summary>
    public static void EnsureMayOpen(Actor by)
    {
        if (!MayOpen(by))
        {
            throw new DomainRuleException("Only the workers' side opens an assessment of a system; {0} is on the management side.", by.Name);
        }
    }

    /// <summary>
    /// Opens the reassessment that follows a signed-off cycle. Every question starts as a draft pre-filled with the
    /// answer the previous cycle accepted (or the committee resolved), for its manager to confirm or update. Answers go by
    /// question key, not number, so a newer version that renumbers its questions still gives each the answer it had.
    /// </summary>
    /// <param name="openedBy">The steward who opened it, or null when CoGov opened it on schedule.</param>
    public static Assessment OpenNext(
        Organisation organisation,
        AlgorithmicSystem system,
        QuestionnaireTemplate template,
        Assessment previous,
        Person accountableManager,
        DateTimeOffset openedAt,
        DateTimeOffset dueAt,
        Actor? openedBy = null)
    {
        if (previous.SystemId != system.Id)
        {
            throw new DomainRuleException("Cycle {0} is not a cycle of {1}.", previous.Cycle, system.Name);
        }
        if (!previous.IsReadOnly)
        {
            throw new DomainRuleException("Cycle {0} of {1} is not signed off by both sides yet; the next cycle opens after that.", previous.Cycle, system.Name);
        }
        var carried = previous.TemplateKey == template.Key
            ? previous._questions
                .Where(q => q.State is QuestionState.Accepted or QuestionState.Resolved && q.LatestAnswer is not null)
                .ToDictionary(q => q.QuestionKey, q => q.LatestAnswer!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var next = Open(organisation, system, template, previous.Cycle + 1, accountableManager, openedAt, dueAt, openedBy);
        foreach (var item in next._questions)
        {
            if (carried.TryGetValue(item.QuestionKey, out var answer))
            {
                item.CarryOver(answer, previous.Cycle);
            }
        }
        return next;
    }

    /// <summary>The cycle machine's graph in DOT, from Stateless's own export.</summary>
    public static string DotGraph() => Stateless.Graph.UmlDotGraph.Format(new Assessment().Machine.GetInfo());

    /// <summary>The cycle machine's states and triggers, for the help page to explain in words.</summary>
    public static Stateless.Reflection.StateMachineInfo Describe() => new Assessment().Machine.GetInfo();

    /// <summary>Moves the cycle to where its questions now stand.</summary>
    private void FollowQuestions()
    {
        var target =
            _questions.All(q => q.State.IsSettled()) ? AssessmentState.AwaitingSignOff
            : _questions.All(q => q.SentAt is null) ? AssessmentState.Open
            : _questions.Any(q => q.State is QuestionState.Draft or QuestionState.ExtensionRequested || q.State.IsWithManagement()) ? AssessmentState.AwaitingAnswers
            : AssessmentState.InReview;
        if (target == State)
        {
            return;
        }
        var trigger = target switch
        {
            AssessmentState.AwaitingAnswers when State == AssessmentState.Open => CycleTrigger.QuestionsSent,
            AssessmentState.AwaitingAnswers => CycleTrigger.ReturnedToManagement,
            AssessmentState.InReview => CycleTrigger.AllAnswered,
            _ => CycleTrigger.AllSettled,
        };
        Machine.Fire(trigger);
    }

    private StateMachine<AssessmentState, CycleTrigger> Machine => _machine ??= ConfigureMachine();

    private StateMachine<AssessmentState, CycleTrigger> ConfigureMachine()
    {
        var machine = new StateMachine<AssessmentState, CycleTrigger>(() => State, s => State = s);
        machine.Configure(AssessmentState.Open)
            .Permit(CycleTrigger.QuestionsSent, AssessmentState.AwaitingAnswers)
            .Permit(CycleTrigger.AllSettled, AssessmentState.AwaitingSignOff);
        machine.Configure(AssessmentState.AwaitingAnswers)
            .Permit(CycleTrigger.AllAnswered, AssessmentState.InReview)
            .Permit(CycleTrigger.AllSettled, AssessmentState.AwaitingSignOff);
        machine.Configure(AssessmentState.InReview)
            .Permit(CycleTrigger.ReturnedToManagement, AssessmentState.AwaitingAnswers)
            .Permit(CycleTrigger.AllSettled, AssessmentState.AwaitingSignOff);
        machine.Configure(AssessmentState.AwaitingSignOff)
            .InternalTransition(CycleTrigger.ManagementSignedOff, () => { })
            .Permit(CycleTrigger.WorkersCountersigned, AssessmentState.SignedOff);
        return machine;
    }

    private static void RequireAccountableManager(Organisation organisation, Person person)
    {
        if (person.OrganisationId != organisation.Id || person.Side != Side.Management)
        {
            throw new DomainRuleException("{0} cannot be the cycle's accountable manager: that must be a manager of {1}.", person.Name, organisation.Name);
        }
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is retired and cannot be the cycle's accountable manager.", person.Name);
        }
    }
}
