using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using Stateless;

namespace CoGov.Domain.Assessments;

/// <summary>
/// One cycle of a questionnaire for one algorithmic system: its questions, its append-only log and its signatures.
/// Every change goes through a method here that checks who is acting and what state things are in, changes the state,
/// and appends exactly one log entry; a refused change leaves everything as it was. Once both sides have signed the
/// cycle it is read-only.
/// </summary>
public sealed class Assessment
{
    private const string CoGovActorName = "CoGov";

    private readonly List<QuestionItem> _questions = [];
    private readonly List<LogEntry> _log = [];
    private readonly List<SignOff> _signOffs = [];
    private readonly List<Notification> _notifications = [];
    private StateMachine<AssessmentState, CycleTrigger>? _machine;

    private enum CycleTrigger
    {
        QuestionsSent,
        AllAnswered,
        ReturnedToManagement,
        AllSettled,
        ManagementSignedOff,
        WorkersCountersigned,
    }

    private Assessment()
    {
        TemplateKey = "";
        LogHeadHash = LogEntry.GenesisHash;
        State = AssessmentState.Open;
    }

    private Assessment(Guid organisationId, AlgorithmicSystem system, QuestionnaireTemplate template, int cycle,
        DateTimeOffset openedAt, DateTimeOffset dueAt, Person accountableManager)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        SystemId = system.Id;
        TemplateId = template.Id;
        TemplateKey = template.Key;
        TemplateVersion = template.Version;
        Cycle = cycle;
        OpenedAt = openedAt.ToUniversalTime();
        DueAt = dueAt.ToUniversalTime();
        AccountableManagerId = accountableManager.Id;
        State = AssessmentState.Open;
        LastActivityAt = OpenedAt;
        LogHeadHash = LogEntry.GenesisHash;
        foreach (var theme in template.Themes)
        {
            _questions.AddRange(theme.Questions.Select(q => new QuestionItem(Id, q.Number, theme.Key)));
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid SystemId { get; private set; }
    public Guid TemplateId { get; private set; }
    public string TemplateKey { get; private set; }
    public int TemplateVersion { get; private set; }

    /// <summary>Which reassessment this is for the system: 1 for the first.</summary>
    public int Cycle { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>The named manager who signs the cycle off for management.</summary>
    public Guid AccountableManagerId { get; private set; }

    public AssessmentState State { get; private set; }

    /// <summary>When anything last happened in the cycle (the latest log entry's time).</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>
    /// The hash of the newest log entry and the number of entries, kept on the cycle so a removed tail shows. Both change
    /// with every change to the cycle, so the cycle's row is rewritten each time and its concurrency version moves:
    /// two people changing the same cycle at once cannot both win.
    /// </summary>
    public string LogHeadHash { get; private set; }

    public int LogLength { get; private set; }

    /// <summary>The cycle's questions by number, however they were loaded.</summary>
    public IReadOnlyList<QuestionItem> Questions => _questions.OrderBy(q => q.Number).ToList().AsReadOnly();

    /// <summary>The log in sequence order, however it was loaded.</summary>
    public IReadOnlyList<LogEntry> Log => _log.OrderBy(e => e.Sequence).ToList().AsReadOnly();
    public IReadOnlyList<SignOff> SignOffs => _signOffs.AsReadOnly();

    public bool IsReadOnly => State == AssessmentState.SignedOff;

    public SignOff? ManagementSignOff => _signOffs.FirstOrDefault(s => s.Side == Side.Management);
    public SignOff? WorkersCountersignature => _signOffs.FirstOrDefault(s => s.Side == Side.Workers);

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
            throw new DomainRuleException($"{system.Name} is not a system of {organisation.Name}.");
        }
        if (cycle < 1)
        {
            throw new DomainRuleException($"Cycles are numbered from 1; {cycle} is not a cycle number.");
        }
        if (dueAt <= openedAt)
        {
            throw new DomainRuleException($"The cycle must be due after it opens ({dueAt:yyyy-MM-dd} is not after {openedAt:yyyy-MM-dd}).");
        }
        RequireAccountableManager(organisation, accountableManager);
        if (openedBy is not null && openedBy.OrganisationId != organisation.Id)
        {
            throw new DomainRuleException($"{openedBy.Name} is not part of {organisation.Name}.");
        }

        var assessment = new Assessment(organisation.Id, system, template, cycle, openedAt, dueAt, accountableManager);
        assessment.Append(openedAt, openedBy, LogEntryKind.Opened, null,
            $"Cycle {cycle} of {system.Name} opened with {template.QuestionCount} questions of {template.Title} (version {template.Version}), due {Invariant(dueAt)}.");
        return assessment;
    }

    /// <summary>
    /// Opens the reassessment that follows a signed-off cycle. Every question starts as a draft pre-filled with the
    /// answer the previous cycle accepted (or the committee resolved), for its manager to confirm or update.
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
            throw new DomainRuleException($"Cycle {previous.Cycle} is not a cycle of {system.Name}.");
        }
        if (!previous.IsReadOnly)
        {
            throw new DomainRuleException($"Cycle {previous.Cycle} of {system.Name} is not signed off by both sides yet; the next cycle opens after that.");
        }
        var carried = previous.TemplateKey == template.Key
            ? previous._questions
                .Where(q => q.State is QuestionState.Accepted or QuestionState.Resolved && q.LatestAnswer is not null)
                .ToDictionary(q => q.Number, q => q.LatestAnswer!)
            : new Dictionary<int, string>();
        var next = Open(organisation, system, template, previous.Cycle + 1, accountableManager, openedAt, dueAt, openedBy);
        foreach (var item in next._questions)
        {
            if (carried.TryGetValue(item.Number, out var answer))
            {
                item.CarryOver(answer, previous.Cycle);
            }
        }
        return next;
    }

    public QuestionItem Question(int number) =>
        _questions.FirstOrDefault(q => q.Number == number)
        ?? throw new DomainRuleException($"Cycle {Cycle} has no question {number}.");

    /// <summary>Routes a draft question to a named accountable manager of the same organisation and starts their clock.</summary>
    public void Send(int number, Person assignee, DateTimeOffset deadline, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, assignee);
        if (deadline <= at)
        {
            throw new DomainRuleException($"The deadline for question {number} must be after the moment it is sent.");
        }
        Fire(item, QuestionTrigger.Send, by);
        item.Route(assignee, by.PersonId, at.ToUniversalTime());
        item.StartClock(deadline.ToUniversalTime(), rules, at);
        var carried = item.CarriedOverAnswer is null ? "" : $" Carried over from cycle {item.CarriedOverFromCycle}: confirm or update the answer settled then.";
        var entry = Append(at, by, LogEntryKind.Sent, number, $"Sent to {assignee.Name}, answer due {Invariant(deadline)}.{carried}");
        Notify(NotificationKind.QuestionArrived, assignee.Id, entry);
    }

    /// <summary>The accountable manager the question is routed to, or their delegate, answers it; their clock stops.</summary>
    public void Answer(int number, string text, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var answer = RequireText(text, $"The answer to question {number} is empty.");
        Fire(item, QuestionTrigger.Answer, by);
        item.RecordAnswer(answer, at.ToUniversalTime());
        item.ClearSchedule();
        item.ClearExtensionRequest();
        var entry = Append(at, by, LogEntryKind.Answered, number, answer);
        NotifySender(NotificationKind.Answered, item, entry);
    }

    /// <summary>The workers' side accepts the answer.</summary>
    public void Accept(int number, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        Fire(item, QuestionTrigger.Accept, by);
        Append(at, by, LogEntryKind.Accepted, number, "");
    }

    /// <summary>The workers' side sends the question back, saying what is unclear; the manager gets a fresh, shorter deadline.</summary>
    public void RequestClarification(int number, string whatIsUnclear, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        var text = RequireText(whatIsUnclear, $"Say what is unclear in the answer to question {number}.");
        Fire(item, QuestionTrigger.RequestClarification, by);
        var deadline = rules.Calendar.AddWorkingDays(at, rules.ClarificationDays);
        item.StartClock(deadline, rules, at);
        var entry = Append(at, by, LogEntryKind.ClarificationRequested, number, text);
        NotifyAnswerers(NotificationKind.ClarificationRequested, item, entry);
    }

    /// <summary>The workers' side challenges the answer (right of redress): the question goes on the committee's agenda.</summary>
    public void Challenge(int number, string grounds, Actor by, DateTimeOffset at, Organisation organisation)
    {
        var item = Prepare(number, by);
        var text = RequireText(grounds, $"Give the grounds for challenging the answer to question {number}.");
        Fire(item, QuestionTrigger.Challenge, by);
        var entry = Append(at, by, LogEntryKind.Challenged, number, text);
        foreach (var chair in Chairs(organisation))
        {
            Notify(NotificationKind.Challenged, chair, entry);
        }
    }

    /// <summary>A chair of the joint committee records the committee's resolution of a challenge.</summary>
    public void RecordResolution(int number, string resolution, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var text = RequireText(resolution, $"The committee's resolution of question {number} is empty.");
        Fire(item, QuestionTrigger.Resolve, by);
        Append(at, by, LogEntryKind.Resolved, number, text);
    }

    /// <summary>The workers' side withdraws a question it no longer needs answered in this cycle.</summary>
    public void Withdraw(int number, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var text = RequireText(reason, $"Give the reason for withdrawing question {number}.");
        Fire(item, QuestionTrigger.Withdraw, by);
        item.ClearSchedule();
        item.ClearExtensionRequest();
        Append(at, by, LogEntryKind.Withdrawn, number, text);
    }

    /// <summary>The workers' side routes a question to another named accountable manager; the deadline stands.</summary>
    public void Reassign(int number, Person to, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, to);
        var text = RequireText(reason, $"Give the reason for reassigning question {number}.");
        if (item.AssigneeId == to.Id)
        {
            throw new DomainRuleException($"Question {number} is already routed to {to.Name}.");
        }
        Fire(item, QuestionTrigger.Reassign, by);
        // Those it leaves are told too: otherwise a manager keeps working on, or being chased in their head for, an
        // answer that is no longer theirs to give.
        var leaving = new[] { item.AssigneeId, item.DelegateId }.OfType<Guid>().Where(id => id != to.Id).Distinct().ToList();
        item.Reassign(to);
        var entry = Append(at, by, LogEntryKind.Reassigned, number, $"Reassigned to {to.Name}: {text}");
        Notify(NotificationKind.QuestionArrived, to.Id, entry);
        foreach (var person in leaving)
        {
            Notify(NotificationKind.ReassignedAway, person, entry);
        }
    }

    /// <summary>The accountable manager delegates the answer to another manager, with a reason, and stays accountable.</summary>
    public void Delegate(int number, Person to, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, to);
        var text = RequireText(reason, $"Give the reason for delegating question {number}.");
        if (item.AssigneeId == to.Id || item.DelegateId == to.Id)
        {
            throw new DomainRuleException($"{to.Name} can already answer question {number}.");
        }
        Fire(item, QuestionTrigger.Delegate, by);
        item.DelegateTo(to);
        var entry = Append(at, by, LogEntryKind.Delegated, number, $"Delegated to {to.Name}: {text}");
        Notify(NotificationKind.QuestionArrived, to.Id, entry);
    }

    /// <summary>The manager asks for more time; their clock stops until the workers' side decides.</summary>
    public void RequestExtension(int number, int workingDays, string reason, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        if (workingDays is < 1 or > 60)
        {
            throw new DomainRuleException($"Ask for between 1 and 60 working days more for question {number}, not {workingDays}.");
        }
        var text = RequireText(reason, $"Give the reason for asking for more time on question {number}.");
        var returnTo = item.State;
        Fire(item, QuestionTrigger.RequestExtension, by);
        item.RecordExtensionRequest(workingDays, returnTo);
        item.StopClock(rules, at);
        var entry = Append(at, by, LogEntryKind.ExtensionRequested, number, $"{workingDays} more working day{(workingDays == 1 ? "" : "s")} asked: {text}");
        NotifySender(NotificationKind.ExtensionRequested, item, entry);
    }

    /// <summary>The workers' side grants or refuses more time; the manager's clock resumes where it stood, plus the time granted.</summary>
    public void DecideExtension(int number, bool grant, string? comment, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        var days = item.RequestedExtensionDays ?? 0;
        Fire(item, grant ? QuestionTrigger.GrantExtension : QuestionTrigger.RefuseExtension, by);
        item.ResumeClock(rules, at, grant ? days : 0);
        item.ClearExtensionRequest();
        var decision = grant ? $"{days} more working day{(days == 1 ? "" : "s")} granted" : "More time refused";
        // The steward's words are kept as written; a full stop is added only where their sentence has none.
        var note = comment?.Trim() is { Length: > 0 } said ? $": {said}{(said[^1] is '.' or '!' or '?' ? "" : ".")}" : ".";
        var entry = Append(at, by, grant ? LogEntryKind.ExtensionGranted : LogEntryKind.ExtensionRefused, number,
            $"{decision}{note} Answer now due {Invariant(item.Deadline!.Value)}.");
        NotifyAnswerers(NotificationKind.ExtensionDecided, item, entry);
    }

    /// <summary>A steward reminds the manager at once, outside the policy's schedule (which is left as it is).</summary>
    public void RemindNow(int number, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        if (by.Side != Side.Workers)
        {
            throw new DomainRuleException($"Only the workers' side can send a reminder about question {number}; {by.Name} cannot.");
        }
        if (!item.IsClockRunning)
        {
            throw new DomainRuleException($"Question {number} is not waiting on an answer from management; there is nothing to remind them of.");
        }
        var entry = Append(at, by, LogEntryKind.Reminded, number, $"Reminder sent by {by.Name}: the answer is due {Invariant(item.Deadline!.Value)}.");
        NotifyAnswerers(NotificationKind.Reminder, item, entry);
    }

    /// <summary>
    /// A steward escalates at once, without waiting for the policy's next step: to the manager's named superior first,
    /// then to the committee chairs. It counts as a step of the escalation chain.
    /// </summary>
    public void EscalateNow(int number, Actor by, DateTimeOffset at, Organisation organisation, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        if (by.Side != Side.Workers)
        {
            throw new DomainRuleException($"Only the workers' side can escalate question {number}; {by.Name} is on {by.Side.Describe()}.");
        }
        if (!item.IsClockRunning)
        {
            throw new DomainRuleException($"Question {number} is not waiting on an answer from management; there is nothing to escalate.");
        }
        var assignee = organisation.FindPerson(item.AssigneeId!.Value)!;
        // A step taken by hand counts as a step of the chain: the policy's schedule goes on from the next one.
        var superior = item.EscalationLevel == 0 ? organisation.SuperiorOf(assignee) : null;
        var recipients = superior is not null ? [superior.Id] : Chairs(organisation).ToList();
        var to = superior is not null ? $"{superior.Name}, {assignee.Name}'s superior" : "the committee chairs";
        var entry = Append(at, by, LogEntryKind.Escalated, number, $"Escalated by {by.Name} to {to}: the answer is due {Invariant(item.Deadline!.Value)}.");
        item.EscalatedByHand(rules);
        foreach (var recipient in recipients)
        {
            Notify(NotificationKind.Escalation, recipient, entry);
        }
        NotifyAnswerers(NotificationKind.Escalation, item, entry);
    }

    /// <summary>Whether <paramref name="by"/> may sign the cycle off for management now (what a page asks before offering it).</summary>
    public bool CanSignOff(Actor by) =>
        !IsReadOnly && by.OrganisationId == OrganisationId && by.PersonId == AccountableManagerId
        && ManagementSignOff is null && _questions.All(q => q.State.IsSettled());

    /// <summary>Whether <paramref name="by"/> may countersign the cycle now.</summary>
    public bool CanCountersign(Actor by) =>
        !IsReadOnly && by.OrganisationId == OrganisationId && by.Side == Side.Workers && by.IsCommitteeMember
        && ManagementSignOff is not null;

    /// <summary>Whether <paramref name="by"/> may remind or escalate question <paramref name="number"/> at once.</summary>
    public bool CanChase(int number, Actor by) =>
        !IsReadOnly && by.OrganisationId == OrganisationId && by.Side == Side.Workers && Question(number).IsClockRunning;

    /// <summary>
    /// Does what the clock says is due by <paramref name="now"/>: reminders, the overdue notice and escalation steps,
    /// each exactly once and in order, each with its log entry and mail. Returns how many were done.
    /// </summary>
    public int PerformDueActions(Organisation organisation, DeadlineRules rules, DateTimeOffset now)
    {
        if (organisation.Id != OrganisationId)
        {
            throw new DomainRuleException($"Cycle {Cycle} does not belong to {organisation.Name}.");
        }
        if (IsReadOnly)
        {
            return 0;
        }
        var done = 0;
        foreach (var item in _questions.Where(q => q.NextActionAt <= now).OrderBy(q => q.Number))
        {
            while (item.NextAction(rules) is { } action && action.At <= now)
            {
                Perform(item, action, organisation, now);
                item.MarkDone(action, rules);
                done++;
            }
            // The policy may have changed since the time was set; the sweep must never find the same question due forever.
            item.RefreshSchedule(rules);
        }
        return done;
    }

    private void Perform(QuestionItem item, ScheduledAction action, Organisation organisation, DateTimeOffset now)
    {
        var due = Invariant(item.Deadline!.Value);
        switch (action.Kind)
        {
            case ScheduledActionKind.Reminder:
                NotifyAnswerers(NotificationKind.Reminder, item,
                    Append(now, null, LogEntryKind.Reminded, item.Number, $"Reminder {action.Step}: the answer is due {due}."));
                break;
            case ScheduledActionKind.Overdue:
                NotifyAnswerers(NotificationKind.Overdue, item,
                    Append(now, null, LogEntryKind.Overdue, item.Number, $"The answer was due {due} and has not been given."));
                break;
            case ScheduledActionKind.Escalation:
                var assignee = organisation.FindPerson(item.AssigneeId!.Value)!;
                var superior = action.EscalateTo == EscalationStep.Superior ? organisation.SuperiorOf(assignee) : null;
                var recipients = superior is not null ? [superior.Id] : Chairs(organisation).ToList();
                var to = superior is not null
                    ? $"{superior.Name}, {assignee.Name}'s superior"
                    : action.EscalateTo == EscalationStep.Superior
                        ? $"the committee chairs ({assignee.Name} has no named superior)"
                        : "the committee chairs";
                var entry = Append(now, null, LogEntryKind.Escalated, item.Number, $"Escalation step {action.Step} to {to}: the answer was due {due}.");
                foreach (var recipient in recipients)
                {
                    Notify(NotificationKind.Escalation, recipient, entry);
                }
                NotifyAnswerers(NotificationKind.Escalation, item, entry);
                break;
        }
    }

    /// <summary>The notifications raised since the last call, to be written to the outbox with the change.</summary>
    public IReadOnlyList<Notification> TakeNotifications()
    {
        var taken = _notifications.ToList();
        _notifications.Clear();
        return taken;
    }

    /// <summary>The named accountable manager signs the cycle off for management once every question is settled.</summary>
    public void SignOff(string statement, Actor by, DateTimeOffset at)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        if (by.PersonId != AccountableManagerId)
        {
            throw new DomainRuleException($"Only the cycle's named accountable manager can sign it off for management; {by.Name} is not.");
        }
        if (ManagementSignOff is not null)
        {
            throw new DomainRuleException($"Cycle {Cycle} was already signed off for management by {ManagementSignOff.PersonName}.");
        }
        var unsettled = _questions.Where(q => !q.State.IsSettled()).Select(q => q.Number).ToList();
        if (unsettled.Count > 0)
        {
            throw new DomainRuleException(
                $"Cycle {Cycle} cannot be signed off yet: question{(unsettled.Count == 1 ? "" : "s")} {string.Join(", ", unsettled)} {(unsettled.Count == 1 ? "is" : "are")} neither accepted, resolved by the committee nor withdrawn.");
        }
        var text = RequireText(statement, "The sign-off statement is empty.");
        _signOffs.Add(new SignOff(Id, by, text, at.ToUniversalTime()));
        Machine.Fire(CycleTrigger.ManagementSignedOff);
        Append(at, by, LogEntryKind.SignedOff, null, text);
    }

    /// <summary>A workers'-side committee member countersigns after management has signed off; the cycle becomes read-only.</summary>
    public void Countersign(string statement, Actor by, DateTimeOffset at)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        if (by.Side != Side.Workers || !by.IsCommitteeMember)
        {
            throw new DomainRuleException("Only a workers'-side member of the joint committee can countersign a cycle.");
        }
        if (ManagementSignOff is null)
        {
            throw new DomainRuleException($"Cycle {Cycle} has not been signed off for management yet; it can be countersigned after that.");
        }
        var text = RequireText(statement, "The countersignature statement is empty.");
        _signOffs.Add(new SignOff(Id, by, text, at.ToUniversalTime()));
        Append(at, by, LogEntryKind.Countersigned, null, text);
        Machine.Fire(CycleTrigger.WorkersCountersigned);
    }

    /// <summary>Walks the log's hash chain and checks it ends where this cycle says it does.</summary>
    public LogVerification VerifyLog()
    {
        var result = AssessmentLog.Verify(_log, Id);
        if (!result.IsIntact)
        {
            return result;
        }
        if (result.EntryCount == LogLength && result.HeadHash != LogHeadHash)
        {
            return result with
            {
                IsIntact = false,
                FirstBrokenSequence = LogLength,
                Problem = $"entry {LogLength} was changed after it was written: its hash is not the one the cycle recorded.",
            };
        }
        if (result.EntryCount != LogLength)
        {
            return result with
            {
                IsIntact = false,
                FirstBrokenSequence = Math.Min(result.EntryCount, LogLength) + 1,
                Problem = $"the log holds {result.EntryCount} entries ending in {Short(result.HeadHash)}, but the cycle recorded {LogLength} ending in {Short(LogHeadHash)}: entries after {Math.Min(result.EntryCount, LogLength)} were removed or added.",
            };
        }
        return result;
    }

    /// <summary>The cycle machine's graph in DOT, from Stateless's own export.</summary>
    public static string DotGraph() => Stateless.Graph.UmlDotGraph.Format(new Assessment().Machine.GetInfo());

    /// <summary>The cycle machine's states and triggers, for the help page to explain in words.</summary>
    public static Stateless.Reflection.StateMachineInfo Describe() => new Assessment().Machine.GetInfo();


    private QuestionItem Prepare(int number, Actor by)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        return Question(number);
    }

    private static void Fire(QuestionItem item, QuestionTrigger trigger, Actor by) => item.Fire(trigger, by);

    private void Notify(NotificationKind kind, Guid recipient, LogEntry entry) =>
        _notifications.Add(new Notification(kind, recipient, Id, entry.QuestionNumber, entry));

    private void NotifyAnswerers(NotificationKind kind, QuestionItem item, LogEntry entry)
    {
        foreach (var person in new[] { item.AssigneeId, item.DelegateId }.OfType<Guid>())
        {
            Notify(kind, person, entry);
        }
    }

    private void NotifySender(NotificationKind kind, QuestionItem item, LogEntry entry)
    {
        if (item.SentById is { } steward)
        {
            Notify(kind, steward, entry);
        }
    }

    private static IEnumerable<Guid> Chairs(Organisation organisation) =>
        organisation.Committee.Seats.Where(s => s.Role == CommitteeRole.Chair).Select(s => s.PersonId);

    private void RequireAccountableManager(int number, Person person)
    {
        if (person.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException($"{person.Name} is not part of this organisation; question {number} can only go to one of its accountable managers.");
        }
        if (person.Side != Side.Management)
        {
            throw new DomainRuleException($"{person.Name} is on {person.Side.Describe()}; question {number} must go to a named accountable manager on the management side.");
        }
    }

    private LogEntry Append(DateTimeOffset at, Actor? by, LogEntryKind kind, int? questionNumber, string text)
    {
        var entry = new LogEntry(Id, LogLength + 1, at, by?.PersonId, by?.Name ?? CoGovActorName, kind, questionNumber, text, LogHeadHash);
        _log.Add(entry);
        LogLength = entry.Sequence;
        LogHeadHash = entry.Hash;
        if (entry.At > LastActivityAt)
        {
            LastActivityAt = entry.At;
        }
        if (questionNumber is not null)
        {
            FollowQuestions();
        }
        return entry;
    }

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

    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            var signed = WorkersCountersignature?.SignedAt ?? ManagementSignOff?.SignedAt;
            throw new DomainRuleException($"Cycle {Cycle} was signed off by both sides{(signed is { } s ? $" on {s:yyyy-MM-dd}" : "")}; it is read-only.");
        }
    }

    private void EnsureSameOrganisation(Actor by)
    {
        if (by.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException($"{by.Name} is not part of the organisation this cycle belongs to.");
        }
    }

    private static void RequireAccountableManager(Organisation organisation, Person person)
    {
        if (person.OrganisationId != organisation.Id || person.Side != Side.Management)
        {
            throw new DomainRuleException($"{person.Name} cannot be the cycle's accountable manager: that must be a manager of {organisation.Name}.");
        }
    }

    private static void RequireSide(Actor by, Side side, string action)
    {
        if (by.Side != side)
        {
            throw new DomainRuleException($"Only {side.Describe()} can {action}; {by.Name} is on {by.Side.Describe()}.");
        }
    }

    private static string RequireText(string? text, string whenEmpty) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainRuleException(whenEmpty) : text.Trim();

    /// <summary>Times written into the log: UTC, one fixed format whatever the server's culture, since the log is hashed.</summary>
    private static string Invariant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(string hash) => hash[..12];
}
