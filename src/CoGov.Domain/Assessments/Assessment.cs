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
public sealed partial class Assessment
{
    private readonly List<QuestionItem> _questions = [];

    private readonly List<LogEntry> _log = [];

    private readonly List<SignOff> _signOffs = [];

    private readonly List<Notification> _notifications = [];

    private StateMachine<AssessmentState, CycleTrigger>? _machine;

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
            _questions.AddRange(theme.Questions.Select(q => new QuestionItem(Id, q.Number, theme.Key, q.Key)));
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

    private void EnsureWritable()
    {
        if (IsReadOnly)
        {
            var signed = WorkersCountersignature?.SignedAt ?? ManagementSignOff?.SignedAt;
            throw signed is { } s
                ? new DomainRuleException("Cycle {0} was signed off by both sides on {1:yyyy-MM-dd}; it is read-only.", Cycle, s)
                : new DomainRuleException("Cycle {0} was signed off by both sides; it is read-only.", Cycle);
        }
    }

    private void EnsureSameOrganisation(Actor by)
    {
        if (by.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException("{0} is not part of the organisation this cycle belongs to.", by.Name);
        }
    }

    private static string RequireText(string? text, Phrase whenEmpty) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainRuleException(whenEmpty) : text.Trim();
}
