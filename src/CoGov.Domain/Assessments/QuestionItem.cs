using System.Linq.Expressions;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using Stateless;

namespace CoGov.Domain.Assessments;

/// <summary>
/// One question of one cycle: who must answer it, by when, and where it stands. Its lifecycle is a Stateless machine
/// whose guards say who may fire each trigger; changes go through <see cref="Assessment"/>, which writes the log entry
/// for each. The manager's clock (deadline, reminders, escalation) runs only while the question is with the manager.
/// </summary>
public sealed class QuestionItem
{
    private const string WorkersSide = "the workers' side";

    private StateMachine<QuestionState, QuestionTrigger>? _machine;
    private Dictionary<QuestionTrigger, StateMachine<QuestionState, QuestionTrigger>.TriggerWithParameters<Actor>>? _triggers;

    private QuestionItem()
    {
        ThemeKey = QuestionKey = "";
    }

    internal QuestionItem(Guid assessmentId, int number, string themeKey, string questionKey)
    {
        Id = Guid.CreateVersion7();
        AssessmentId = assessmentId;
        Number = number;
        ThemeKey = themeKey;
        QuestionKey = questionKey;
        State = QuestionState.Draft;
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }

    /// <summary>The question's number in the template (1..N).</summary>
    public int Number { get; private set; }

    public string ThemeKey { get; private set; }

    /// <summary>
    /// The template question's stable key, kept here as the theme's is: the next cycle's question with the same key takes
    /// this one's settled answer, whatever its number in the version that cycle opens on.
    /// </summary>
    public string QuestionKey { get; private set; }
    public QuestionState State { get; private set; }

    /// <summary>The named accountable manager the question is routed to.</summary>
    public Guid? AssigneeId { get; private set; }

    /// <summary>Another manager the assignee delegated the answer to; the assignee stays accountable.</summary>
    public Guid? DelegateId { get; private set; }

    /// <summary>The steward who sent the question, told when it is answered or more time is asked.</summary>
    public Guid? SentById { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When the answer is due. Meaningful while the clock runs (<see cref="IsClockRunning"/>).</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>Working time that was left (negative: overdue by) when the clock stopped for an extension request.</summary>
    public TimeSpan? ClockStoppedWith { get; private set; }

    /// <summary>Where the question goes back to when an extension request is decided.</summary>
    public QuestionState? StateBeforeExtension { get; private set; }

    public int? RequestedExtensionDays { get; private set; }

    /// <summary>The most recent answer in full; earlier answers stay in the log.</summary>
    public string? LatestAnswer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The answer accepted in the previous cycle, for the manager to confirm or update.</summary>
    public string? CarriedOverAnswer { get; private set; }

    public int? CarriedOverFromCycle { get; private set; }

    /// <summary>How many of the policy's reminders for the current deadline have gone out (or had already passed).</summary>
    public int RemindersSent { get; private set; }

    public bool OverdueNotified { get; private set; }

    /// <summary>How many escalation steps have been taken for the current deadline.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>
    /// One bit per <see cref="QuestionTrigger"/> that has ever fired on the question, so a refusal can say "again"
    /// without the cycle's whole log being loaded for every change.
    /// </summary>
    public int FiredTriggers { get; private set; }

    /// <summary>
    /// When the next reminder, overdue notice or escalation falls; empty when none is pending. Indexed, so the sweep
    /// finds due questions among hundreds of thousands without looking at the rest.
    /// </summary>
    public DateTimeOffset? NextActionAt { get; private set; }

    public bool IsClockRunning => ClockRuns(State, Deadline);

    public bool IsOverdue(DateTimeOffset now) => IsOverdueAt(State, Deadline, now);

    /// <summary>The clock runs while the manager owes an answer by a deadline: asked of a question's state and deadline wherever they were read.</summary>
    public static bool ClockRuns(QuestionState state, DateTimeOffset? deadline) => state.IsWithManagement() && deadline is not null;

    /// <summary>The clock runs and its deadline has passed.</summary>
    public static bool IsOverdueAt(QuestionState state, DateTimeOffset? deadline, DateTimeOffset now) => ClockRuns(state, deadline) && now > deadline;

    /// <summary>
    /// <see cref="IsOverdueAt"/> as a query can count it in SQL: a missing deadline compares as false there, as the
    /// clock test does in memory.
    /// </summary>
    public static Expression<Func<QuestionItem, bool>> OverdueAt(DateTimeOffset now) =>
        q => QuestionStates.AwaitingManagement.Contains(q.State) && q.Deadline < now;

    public bool IsAnswerer(Guid personId) => personId == AssigneeId || personId == DelegateId;

    /// <summary>The machine's graph in DOT, from Stateless's own export, for the docs and the help page.</summary>
    public static string DotGraph() =>
        Stateless.Graph.UmlDotGraph.Format(new QuestionItem(Guid.Empty, 1, "graph", "graph").Machine.GetInfo());

    /// <summary>The machine's states, triggers and guard descriptions, for the help page to explain in words.</summary>
    public static Stateless.Reflection.StateMachineInfo Describe() => new QuestionItem(Guid.Empty, 1, "graph", "graph").Machine.GetInfo();

    /// <summary>Whether <paramref name="actor"/> may fire the trigger now: what a page asks to decide which actions to offer.</summary>
    public bool CanFire(QuestionTrigger trigger, Actor actor) => Machine.CanFire(Triggers[trigger], actor);

    /// <summary>Every trigger <paramref name="actor"/> may fire now.</summary>
    public IReadOnlyList<QuestionTrigger> PermittedTriggers(Actor actor) =>
        Enum.GetValues<QuestionTrigger>().Where(t => CanFire(t, actor)).ToList();

    public bool HasFired(QuestionTrigger trigger) => (FiredTriggers & (1 << (int)trigger)) != 0;

    /// <summary>Fires a trigger for an actor, or explains in the committee's words why it cannot be fired.</summary>
    internal void Fire(QuestionTrigger trigger, Actor actor)
    {
        var parameterised = Triggers[trigger];
        if (Machine.CanFire(parameterised, actor, out var unmetGuards))
        {
            Machine.Fire(parameterised, actor);
            FiredTriggers |= 1 << (int)trigger;
            return;
        }
        // Stateless reports unmet guards only when the state has the trigger at all; otherwise the state is the reason.
        if (unmetGuards is { Count: > 0 })
        {
            // The guards' descriptions are the machine's own words, which the help page shows too: translated as they are.
            var who = unmetGuards.Select(guard => new Phrase(guard)).Aggregate((first, next) => new Phrase("{0} or {1}", first, next));
            throw unmetGuards.SequenceEqual([WorkersSide])
                ? new DomainRuleException("Only {0} can {1} question {2}; {3} is on {4}.", who, Action(trigger), Number, actor.Name, actor.Side.Describe())
                : new DomainRuleException("Only {0} can {1} question {2}; {3} is not.", who, Action(trigger), Number, actor.Name);
        }
        throw HasFired(trigger)
            ? new DomainRuleException("Question {0} is {1}; {2} again.", Number, Describe(State), Cannot(trigger))
            : new DomainRuleException("Question {0} is {1}; {2} now.", Number, Describe(State), Cannot(trigger));
    }

    internal void CarryOver(string answer, int fromCycle)
    {
        CarriedOverAnswer = answer;
        CarriedOverFromCycle = fromCycle;
    }

    internal void Route(Person assignee, Guid sentById, DateTimeOffset at)
    {
        AssigneeId = assignee.Id;
        DelegateId = null;
        SentById = sentById;
        SentAt = at;
    }

    internal void Reassign(Person assignee)
    {
        AssigneeId = assignee.Id;
        DelegateId = null;
    }

    internal void DelegateTo(Person person) => DelegateId = person.Id;

    internal void RecordAnswer(string text, DateTimeOffset at)
    {
        LatestAnswer = text;
        AnsweredAt = at;
    }

    internal void RecordExtensionRequest(int workingDays, QuestionState returnTo)
    {
        RequestedExtensionDays = workingDays;
        StateBeforeExtension = returnTo;
    }

    internal void ClearExtensionRequest()
    {
        RequestedExtensionDays = null;
        StateBeforeExtension = null;
    }

    /// <summary>Starts the clock on a fresh deadline: reminders already in the past for it are not sent late.</summary>
    internal void StartClock(DateTimeOffset deadline, DeadlineRules rules, DateTimeOffset now)
    {
        Deadline = deadline;
        ClockStoppedWith = null;
        RemindersSent = Enumerable.Range(0, rules.ReminderDaysBeforeDue.Count).Count(i => rules.ReminderAt(deadline, i) <= now);
        OverdueNotified = false;
        EscalationLevel = 0;
        Reschedule(rules);
    }

    /// <summary>Stops the clock, keeping the working time left so it can resume where it stood.</summary>
    internal void StopClock(DeadlineRules rules, DateTimeOffset now)
    {
        if (Deadline is { } deadline && ClockStoppedWith is null)
        {
            ClockStoppedWith = rules.Calendar.WorkingTimeBetween(now, deadline);
        }
        NextActionAt = null;
    }

    /// <summary>Resumes a stopped clock, with <paramref name="extraWorkingDays"/> more when an extension was granted.</summary>
    internal void ResumeClock(DeadlineRules rules, DateTimeOffset now, int extraWorkingDays)
    {
        var remaining = ClockStoppedWith ?? TimeSpan.Zero;
        var deadline = rules.Calendar.AddWorkingTime(now, remaining);
        if (extraWorkingDays > 0)
        {
            StartClock(rules.Calendar.AddWorkingDays(deadline, extraWorkingDays), rules, now);
            return;
        }
        // Refused: the same deadline in working time, and what was already sent for it is not sent again.
        Deadline = deadline;
        ClockStoppedWith = null;
        Reschedule(rules);
    }

    /// <summary>Freezes everything the clock would do: the question is answered, settled or withdrawn.</summary>
    internal void ClearSchedule() => NextActionAt = null;

    /// <summary>What the clock does next, if anything.</summary>
    internal ScheduledAction? NextAction(DeadlineRules rules)
    {
        if (!IsClockRunning || Deadline is not { } deadline)
        {
            return null;
        }
        if (RemindersSent < rules.ReminderDaysBeforeDue.Count)
        {
            return new ScheduledAction(ScheduledActionKind.Reminder, rules.ReminderAt(deadline, RemindersSent), RemindersSent + 1, null);
        }
        if (!OverdueNotified)
        {
            return new ScheduledAction(ScheduledActionKind.Overdue, deadline, 0, null);
        }
        if (EscalationLevel < rules.Escalation.Count)
        {
            var level = EscalationLevel + 1;
            return new ScheduledAction(ScheduledActionKind.Escalation, rules.EscalationAt(deadline, level), level, rules.Escalation[level - 1]);
        }
        return null;
    }

    internal void EscalatedByHand(DeadlineRules rules)
    {
        EscalationLevel++;
        Reschedule(rules);
    }

    internal void MarkDone(ScheduledAction action, DeadlineRules rules)
    {
        switch (action.Kind)
        {
            case ScheduledActionKind.Reminder: RemindersSent++; break;
            case ScheduledActionKind.Overdue: OverdueNotified = true; break;
            case ScheduledActionKind.Escalation: EscalationLevel = action.Step; break;
        }
        Reschedule(rules);
    }

    internal void RefreshSchedule(DeadlineRules rules) => Reschedule(rules);

    private void Reschedule(DeadlineRules rules) => NextActionAt = NextAction(rules)?.At;

    private Dictionary<QuestionTrigger, StateMachine<QuestionState, QuestionTrigger>.TriggerWithParameters<Actor>> Triggers
    {
        get
        {
            _ = Machine;
            return _triggers!;
        }
    }

    private StateMachine<QuestionState, QuestionTrigger> Machine => _machine ??= Configure();

    private StateMachine<QuestionState, QuestionTrigger> Configure()
    {
        var machine = new StateMachine<QuestionState, QuestionTrigger>(() => State, s => State = s);
        _triggers = Enum.GetValues<QuestionTrigger>().ToDictionary(t => t, machine.SetTriggerParameters<Actor>);
        var t = _triggers;

        // Guard descriptions are read in refusals ("can be answered only by ...") and shown on the exported graph.
        const string workers = WorkersSide;
        const string answerer = "its accountable manager or their delegate";
        const string assignee = "its accountable manager";
        const string chair = "a chair of the joint committee";
        bool IsWorkers(Actor actor) => actor.Side == Side.Workers;
        bool IsAnswerer(Actor actor) => actor.PersonId == AssigneeId || actor.PersonId == DelegateId;
        bool IsAssignee(Actor actor) => actor.PersonId == AssigneeId;
        bool IsChair(Actor actor) => actor.IsCommitteeChair;

        machine.Configure(QuestionState.Draft)
            .PermitIf(t[QuestionTrigger.Send], QuestionState.Sent, IsWorkers, workers)
            .PermitIf(t[QuestionTrigger.Withdraw], QuestionState.Withdrawn, IsWorkers, workers);

        foreach (var withManager in new[] { QuestionState.Sent, QuestionState.ClarificationRequested })
        {
            machine.Configure(withManager)
                .PermitIf(t[QuestionTrigger.Answer], QuestionState.Answered, IsAnswerer, answerer)
                .PermitIf(t[QuestionTrigger.RequestExtension], QuestionState.ExtensionRequested, IsAnswerer, answerer)
                .InternalTransitionIf(t[QuestionTrigger.Reassign], IsWorkers, (_, _) => { }, workers)
                .InternalTransitionIf(t[QuestionTrigger.Delegate], IsAssignee, (_, _) => { }, assignee)
                .PermitIf(t[QuestionTrigger.Withdraw], QuestionState.Withdrawn, IsWorkers, workers);
        }

        // A decided request returns the question to where it stood: sent, or back for clarification.
        var backToManager = new Stateless.Reflection.DynamicStateInfos
        {
            { QuestionState.Sent, "it was sent" },
            { QuestionState.ClarificationRequested, "it was back for clarification" },
        };
        machine.Configure(QuestionState.ExtensionRequested)
            // Answering is the best outcome of asking for more time: it settles the request.
            .PermitIf(t[QuestionTrigger.Answer], QuestionState.Answered, IsAnswerer, answerer)
            .PermitDynamicIf(t[QuestionTrigger.GrantExtension], _ => StateBeforeExtension ?? QuestionState.Sent, IsWorkers, workers, backToManager)
            .PermitDynamicIf(t[QuestionTrigger.RefuseExtension], _ => StateBeforeExtension ?? QuestionState.Sent, IsWorkers, workers, backToManager)
            .PermitIf(t[QuestionTrigger.Withdraw], QuestionState.Withdrawn, IsWorkers, workers);

        machine.Configure(QuestionState.Answered)
            .PermitIf(t[QuestionTrigger.Accept], QuestionState.Accepted, IsWorkers, workers)
            .PermitIf(t[QuestionTrigger.RequestClarification], QuestionState.ClarificationRequested, IsWorkers, workers)
            .PermitIf(t[QuestionTrigger.Challenge], QuestionState.Challenged, IsWorkers, workers);

        machine.Configure(QuestionState.Challenged)
            .PermitIf(t[QuestionTrigger.Resolve], QuestionState.Resolved, IsChair, chair);

        // Accepted, Resolved and Withdrawn are final for the cycle; the next cycle carries accepted answers over.
        return machine;
    }

    private static Phrase Describe(QuestionState state) => state switch
    {
        QuestionState.Draft => new Phrase("a draft (not sent yet)"),
        QuestionState.Sent => new Phrase("Sent (awaiting an answer)"),
        QuestionState.Answered => new Phrase("Answered (awaiting review)"),
        QuestionState.ClarificationRequested => new Phrase("awaiting clarification"),
        QuestionState.Challenged => new Phrase("Challenged (on the committee's agenda)"),
        QuestionState.Accepted => new Phrase("Accepted"),
        QuestionState.Resolved => new Phrase("Resolved by the committee"),
        QuestionState.Withdrawn => new Phrase("Withdrawn"),
        QuestionState.ExtensionRequested => new Phrase("awaiting a decision on more time"),
        _ => Phrase.Verbatim(state.ToString()),
    };

    private static Phrase Action(QuestionTrigger trigger) => trigger switch
    {
        QuestionTrigger.Send => new Phrase("send"),
        QuestionTrigger.Answer => new Phrase("answer"),
        QuestionTrigger.RequestClarification => new Phrase("ask for clarification on"),
        QuestionTrigger.Accept => new Phrase("accept the answer to"),
        QuestionTrigger.Challenge => new Phrase("challenge the answer to"),
        QuestionTrigger.Resolve => new Phrase("record the committee's resolution of"),
        QuestionTrigger.Withdraw => new Phrase("withdraw"),
        QuestionTrigger.Reassign => new Phrase("reassign"),
        QuestionTrigger.Delegate => new Phrase("delegate"),
        QuestionTrigger.RequestExtension => new Phrase("ask for more time on"),
        QuestionTrigger.GrantExtension or QuestionTrigger.RefuseExtension => new Phrase("decide on more time for"),
        _ => Phrase.Verbatim(trigger.ToString()),
    };

    /// <summary>What cannot happen, as a clause: "it cannot be answered", "more time cannot be asked for on it".</summary>
    private static Phrase Cannot(QuestionTrigger trigger) => trigger switch
    {
        QuestionTrigger.Send => new Phrase("it cannot be sent"),
        QuestionTrigger.Answer => new Phrase("it cannot be answered"),
        QuestionTrigger.RequestClarification => new Phrase("it cannot be sent back for clarification"),
        QuestionTrigger.Accept => new Phrase("it cannot be accepted"),
        QuestionTrigger.Challenge => new Phrase("it cannot be challenged"),
        QuestionTrigger.Resolve => new Phrase("it cannot be resolved"),
        QuestionTrigger.Withdraw => new Phrase("it cannot be withdrawn"),
        QuestionTrigger.Reassign => new Phrase("it cannot be reassigned"),
        QuestionTrigger.Delegate => new Phrase("it cannot be delegated"),
        QuestionTrigger.RequestExtension => new Phrase("more time cannot be asked for on it"),
        QuestionTrigger.GrantExtension => new Phrase("more time cannot be granted on it"),
        QuestionTrigger.RefuseExtension => new Phrase("a request for more time on it cannot be refused"),
        _ => new Phrase("{0} is not possible", trigger.ToString()),
    };
}

public enum ScheduledActionKind
{
    Reminder,
    Overdue,
    Escalation,
}

/// <param name="Step">The reminder's number (from 1) or the escalation level (from 1).</param>
/// <param name="EscalateTo">For an escalation: who it goes to.</param>
public sealed record ScheduledAction(ScheduledActionKind Kind, DateTimeOffset At, int Step, EscalationStep? EscalateTo);
