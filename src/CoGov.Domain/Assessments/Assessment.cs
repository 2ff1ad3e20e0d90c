using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
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

    public QuestionItem Question(int number) =>
        _questions.FirstOrDefault(q => q.Number == number)
        ?? throw new DomainRuleException($"Cycle {Cycle} has no question {number}.");

    /// <summary>Routes a draft question to a named accountable manager of the same organisation, with a deadline.</summary>
    public void Send(int number, Person assignee, DateTimeOffset deadline, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Send, by);
        RequireSide(by, Side.Workers, "send questions");
        if (assignee.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException($"{assignee.Name} is not part of this organisation; question {number} can only go to one of its accountable managers.");
        }
        if (assignee.Side != Side.Management)
        {
            throw new DomainRuleException($"{assignee.Name} is on {assignee.Side.Describe()}; question {number} must go to a named accountable manager on the management side.");
        }
        if (deadline <= at)
        {
            throw new DomainRuleException($"The deadline for question {number} must be after the moment it is sent.");
        }

        item.Send(assignee, deadline.ToUniversalTime(), at.ToUniversalTime());
        Append(at, by, LogEntryKind.Sent, number, $"Sent to {assignee.Name}, answer due {Invariant(deadline)}.");
    }

    /// <summary>The accountable manager the question is routed to answers it.</summary>
    public void Answer(int number, string text, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Answer, by);
        if (by.PersonId != item.AssigneeId)
        {
            throw new DomainRuleException($"Question {number} is routed to someone else; only its accountable manager can answer it.");
        }
        var answer = RequireText(text, $"The answer to question {number} is empty.");
        item.Answer(answer, at.ToUniversalTime());
        Append(at, by, LogEntryKind.Answered, number, answer);
    }

    /// <summary>The workers' side accepts the answer.</summary>
    public void Accept(int number, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Accept, by);
        RequireSide(by, Side.Workers, "accept an answer");
        item.Fire(QuestionTrigger.Accept);
        Append(at, by, LogEntryKind.Accepted, number, "");
    }

    /// <summary>The workers' side sends the question back to the accountable manager, saying what is unclear.</summary>
    public void RequestClarification(int number, string whatIsUnclear, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.RequestClarification, by);
        RequireSide(by, Side.Workers, "ask for clarification");
        var text = RequireText(whatIsUnclear, $"Say what is unclear in the answer to question {number}.");
        item.Fire(QuestionTrigger.RequestClarification);
        Append(at, by, LogEntryKind.ClarificationRequested, number, text);
    }

    /// <summary>The workers' side challenges the answer (right of redress): the question goes on the committee's agenda.</summary>
    public void Challenge(int number, string grounds, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Challenge, by);
        RequireSide(by, Side.Workers, "challenge an answer");
        var text = RequireText(grounds, $"Give the grounds for challenging the answer to question {number}.");
        item.Fire(QuestionTrigger.Challenge);
        Append(at, by, LogEntryKind.Challenged, number, text);
    }

    /// <summary>A chair of the joint committee records the committee's resolution of a challenge.</summary>
    public void RecordResolution(int number, string resolution, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Resolve, by);
        if (!by.IsCommitteeChair)
        {
            throw new DomainRuleException($"Only a chair of the joint committee can record the committee's resolution of question {number}.");
        }
        var text = RequireText(resolution, $"The committee's resolution of question {number} is empty.");
        item.Fire(QuestionTrigger.Resolve);
        Append(at, by, LogEntryKind.Resolved, number, text);
    }

    /// <summary>The workers' side withdraws a question it no longer needs answered in this cycle.</summary>
    public void Withdraw(int number, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, QuestionTrigger.Withdraw, by);
        RequireSide(by, Side.Workers, "withdraw a question");
        var text = RequireText(reason, $"Give the reason for withdrawing question {number}.");
        item.Fire(QuestionTrigger.Withdraw);
        Append(at, by, LogEntryKind.Withdrawn, number, text);
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


    private QuestionItem Prepare(int number, QuestionTrigger trigger, Actor by)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        var item = Question(number);
        if (!item.CanFire(trigger))
        {
            var happenedBefore = _log.Any(e => e.QuestionNumber == number && e.Kind == KindOf(trigger));
            throw new DomainRuleException(item.Refusal(trigger, happenedBefore));
        }
        return item;
    }

    private void Append(DateTimeOffset at, Actor? by, LogEntryKind kind, int? questionNumber, string text)
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
    }

    /// <summary>Moves the cycle to where its questions now stand.</summary>
    private void FollowQuestions()
    {
        var target =
            _questions.All(q => q.State.IsSettled()) ? AssessmentState.AwaitingSignOff
            : _questions.All(q => q.SentAt is null) ? AssessmentState.Open
            : _questions.Any(q => q.State == QuestionState.Draft || q.State.IsWithManagement()) ? AssessmentState.AwaitingAnswers
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

    private static LogEntryKind KindOf(QuestionTrigger trigger) => trigger switch
    {
        QuestionTrigger.Send => LogEntryKind.Sent,
        QuestionTrigger.Answer => LogEntryKind.Answered,
        QuestionTrigger.RequestClarification => LogEntryKind.ClarificationRequested,
        QuestionTrigger.Accept => LogEntryKind.Accepted,
        QuestionTrigger.Challenge => LogEntryKind.Challenged,
        QuestionTrigger.Resolve => LogEntryKind.Resolved,
        QuestionTrigger.Withdraw => LogEntryKind.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    private static string Short(string hash) => hash[..12];
}
