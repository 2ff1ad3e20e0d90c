using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Systems;

/// <summary>
/// An algorithmic system used on workers (rostering, monitoring, hiring filters), described with the fields of public
/// algorithm registers such as the UK Algorithmic Transparency Recording Standard.
/// </summary>
public sealed class AlgorithmicSystem
{
    public const int MaxTextLength = 4_000;
    public const int MaxShortTextLength = 200;
    public const int MaxImpactAssessments = 20;

    private List<string> _personalData = [];
    private List<StatusPeriod> _statusHistory = [];
    private List<ImpactAssessmentLink> _impactAssessments = [];

    private AlgorithmicSystem()
    {
        Key = Name = Purpose = Vendor = Department = ContractNotes = "";
        Contact = DecisionsSupported = HumanOversight = DataSources = StorageJurisdiction = Retention = WorkersAffected = "";
    }

    public AlgorithmicSystem(
        Guid organisationId,
        string key,
        string name,
        string purpose,
        string vendor,
        Sourcing sourcing,
        string? contractNotes,
        IEnumerable<string> personalData,
        string department,
        SystemStatus status = SystemStatus.InUse,
        DateOnly? statusSince = null)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Key = Keys.Require(key, KeyOf.System);
        Name = Require(name, "name", new Phrase("The system's name is empty."));
        Purpose = Require(purpose, "purpose", new Phrase("The system's purpose is empty."));
        Vendor = Require(vendor, "developer or vendor", new Phrase("The system's developer or vendor is empty."));
        Sourcing = sourcing;
        ContractNotes = contractNotes?.Trim() ?? "";
        _personalData = personalData.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        Department = Require(department, "department", new Phrase("The system's department is empty."));
        if (!Enum.IsDefined(status))
        {
            throw new DomainRuleException("{0} is not a status a system can have.", status);
        }
        if (status == SystemStatus.Retired)
        {
            throw new DomainRuleException("A system is registered as proposed, pilot or in use; retiring it is a change of status with its reason, made afterwards.");
        }
        Contact = DecisionsSupported = HumanOversight = DataSources = StorageJurisdiction = Retention = WorkersAffected = "";
        Status = status;
        _statusHistory = [new StatusPeriod(status, statusSince, "")];
        RegisterVersion = 1;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Key { get; private set; }
    public string Name { get; private set; }
    public string Purpose { get; private set; }

    /// <summary>Who designed and owns it: the developer or vendor (question 2).</summary>
    public string Vendor { get; private set; }

    public Sourcing Sourcing { get; private set; }

    /// <summary>What the contract says about data access and control, monitoring, maintenance and redesign (question 3).</summary>
    public string ContractNotes { get; private set; }

    /// <summary>The kinds of workers' personal data the system processes (questions 10 to 12).</summary>
    public IReadOnlyList<string> PersonalData => _personalData;

    /// <summary>The department that runs the system day to day.</summary>
    public string Department { get; private set; }

    /// <summary>Where the system stands in its life; <see cref="StatusHistory"/> says since when.</summary>
    public SystemStatus Status { get; private set; }

    public bool IsRetired => Status == SystemStatus.Retired;

    /// <summary>Every status the system has held, oldest first, each with the day it began; the last is the current one.</summary>
    public IReadOnlyList<StatusPeriod> StatusHistory => _statusHistory;

    /// <summary>The day the current status began, when known.</summary>
    public DateOnly? StatusSince => _statusHistory.Count > 0 ? _statusHistory[^1].Since : null;

    /// <summary>The person of the organisation who answers for the system, if named.</summary>
    public Guid? OwnerId { get; private set; }

    /// <inheritdoc cref="RegisterDetails.Contact"/>
    public string Contact { get; private set; }

    /// <inheritdoc cref="RegisterDetails.DecisionsSupported"/>
    public string DecisionsSupported { get; private set; }

    /// <inheritdoc cref="RegisterDetails.HumanOversight"/>
    public string HumanOversight { get; private set; }

    /// <inheritdoc cref="RegisterDetails.DataSources"/>
    public string DataSources { get; private set; }

    /// <inheritdoc cref="RegisterDetails.StorageJurisdiction"/>
    public string StorageJurisdiction { get; private set; }

    /// <inheritdoc cref="RegisterDetails.Retention"/>
    public string Retention { get; private set; }

    /// <inheritdoc cref="RegisterDetails.WorkersAffected"/>
    public string WorkersAffected { get; private set; }

    /// <inheritdoc cref="RegisterDetails.WorkersAffectedCount"/>
    public int? WorkersAffectedCount { get; private set; }

    public IReadOnlyList<ImpactAssessmentLink> ImpactAssessments => _impactAssessments;

    /// <summary>The number of the register entry's current version (<see cref="SystemVersion"/>): 1 at registration, one more for each change.</summary>
    public int RegisterVersion { get; private set; }

    /// <summary>
    /// Who may keep the register (register, edit, change the status of or retire a system): the workers' side, whose
    /// instrument of oversight it is, or an administrator. Management does not retire a system out of the committee's
    /// view; it tells the stewards, who record it (decision record 13).
    /// </summary>
    /// <param name="actor">The person the user is in the organisation, or null when they are not one of its people.</param>
    public static bool MayKeepRegister(Actor? actor, bool isAdministrator) => isAdministrator || actor?.Side == Side.Workers;

    /// <summary>Sets the register's descriptive fields; the owner, when named, must be one of the organisation's people and not retired.</summary>
    public void Describe(RegisterDetails details, Person? owner)
    {
        if (owner is not null && owner.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException([new RuleViolation("owner", new Phrase("{0} is not one of the organisation's people.", owner.Name))]);
        }
        if (owner is { IsRetired: true } && owner.Id != OwnerId)
        {
            throw new DomainRuleException([new RuleViolation("owner", new Phrase("{0} is retired and cannot be made a system's owner.", owner.Name))]);
        }
        if (details.WorkersAffectedCount is < 0)
        {
            throw new DomainRuleException([new RuleViolation("workers affected", new Phrase("The number of workers affected cannot be negative ({0}).", details.WorkersAffectedCount))]);
        }
        var links = details.ImpactAssessments ?? [];
        if (links.Count > MaxImpactAssessments)
        {
            throw new DomainRuleException([new RuleViolation("impact assessments", new Phrase("Link at most {0} impact assessments.", MaxImpactAssessments))]);
        }
        var checkedLinks = links.Select(l => ImpactAssessmentLink.Create(l.Title, l.Url)).ToList();
        if (checkedLinks.GroupBy(l => l.Url, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException([new RuleViolation("impact assessments", new Phrase("{0} is linked twice.", twice.Key))]);
        }
        OwnerId = owner?.Id;
        Contact = details.Contact?.Trim() ?? "";
        DecisionsSupported = details.DecisionsSupported?.Trim() ?? "";
        HumanOversight = details.HumanOversight?.Trim() ?? "";
        DataSources = details.DataSources?.Trim() ?? "";
        StorageJurisdiction = details.StorageJurisdiction?.Trim() ?? "";
        Retention = details.Retention?.Trim() ?? "";
        WorkersAffected = details.WorkersAffected?.Trim() ?? "";
        WorkersAffectedCount = details.WorkersAffectedCount;
        _impactAssessments = checkedLinks;
    }

    /// <summary>
    /// Corrects the register entry: everything but the key (in every address and file) and the status (which changes
    /// only through <see cref="ChangeStatus"/>, with its date). A retired system's entry can still be corrected: the
    /// register keeps describing it. Answers whether anything changed; when it did, the entry has a new version.
    /// </summary>
    public bool Edit(
        string name,
        string purpose,
        string vendor,
        Sourcing sourcing,
        string? contractNotes,
        IEnumerable<string> personalData,
        string department,
        RegisterDetails details,
        Person? owner)
    {
        var before = Snapshot(null);
        var edited = new AlgorithmicSystem(OrganisationId, Key, name, purpose, vendor, sourcing, contractNotes, personalData, department);
        edited.OwnerId = OwnerId;
        edited.Describe(details, owner);
        Name = edited.Name;
        Purpose = edited.Purpose;
        Vendor = edited.Vendor;
        Sourcing = edited.Sourcing;
        ContractNotes = edited.ContractNotes;
        _personalData = edited._personalData;
        Department = edited.Department;
        Describe(details, owner);
        var changed = Snapshot(null).ChangesFrom(before).Count > 0;
        if (changed)
        {
            RegisterVersion++;
        }
        return changed;
    }

    /// <summary>
    /// Moves the system to <paramref name="status"/> from <paramref name="since"/>. A status moves only forward
    /// (proposed, pilot, in use, retired), though it may skip one (a proposal may go straight into use), and retired is
    /// final: a system brought back is a change the committee should see as new, so it is registered again. The day is
    /// not before the current status began nor after <paramref name="today"/>; retiring needs its reason, and cancels
    /// the scheduled reassessment.
    /// </summary>
    public void ChangeStatus(SystemStatus status, DateOnly since, string? reason, DateOnly today)
    {
        var why = reason?.Trim() ?? "";
        if (!Enum.IsDefined(status))
        {
            throw new DomainRuleException([new RuleViolation("status", new Phrase("{0} is not a status a system can have.", status))]);
        }
        if (IsRetired)
        {
            throw new DomainRuleException([new RuleViolation("status", new Phrase("{0} is retired, which is final: a system brought back into use is registered again.", Name))]);
        }
        if (status == Status)
        {
            throw new DomainRuleException([new RuleViolation("status", new Phrase("{0} is already {1}.", Name, Status.Describe()))]);
        }
        if (status < Status)
        {
            throw new DomainRuleException([new RuleViolation("status",
                new Phrase("A system's status only moves forward: {0} is {1} and cannot go back to {2}.", Name, Status.Describe(), status.Describe()))]);
        }
        if (since > today)
        {
            throw new DomainRuleException([new RuleViolation("since", new Phrase("A status is recorded once it has begun: {0:yyyy-MM-dd} is after today.", since))]);
        }
        if (StatusSince is { } current && since < current)
        {
            throw new DomainRuleException([new RuleViolation("since",
                new Phrase("{0} has been {1} since {2:yyyy-MM-dd}: the new status cannot begin before that.", Name, Status.Describe(), current))]);
        }
        if (status == SystemStatus.Retired && why.Length == 0)
        {
            throw new DomainRuleException([new RuleViolation("reason", new Phrase("Say why {0} is retired.", Name))]);
        }
        if (why.Length > MaxTextLength)
        {
            throw new DomainRuleException([new RuleViolation("reason", new Phrase("Keep the reason to {0} characters.", MaxTextLength))]);
        }
        Status = status;
        _statusHistory = [.. _statusHistory, new StatusPeriod(status, since, why)];
        if (status == SystemStatus.Retired)
        {
            NextCycleOpensAt = null;
        }
        RegisterVersion++;
    }

    /// <summary>The whole register entry as it stands, to keep as a version.</summary>
    /// <param name="ownerName">The owner's name, kept beside their id so the version reads the same after a rename.</param>
    public RegisterSnapshot Snapshot(string? ownerName) => new(
        Key, Name, Purpose, Vendor, Sourcing, ContractNotes, [.. _personalData], Department,
        Status, [.. _statusHistory], OwnerId, OwnerId is null ? null : ownerName,
        Contact, DecisionsSupported, HumanOversight, DataSources, StorageJurisdiction, Retention, WorkersAffected, WorkersAffectedCount,
        [.. _impactAssessments]);

    /// <summary>When the next reassessment cycle opens; set when a cycle is signed off by both sides. Indexed for the sweep.</summary>
    public DateTimeOffset? NextCycleOpensAt { get; private set; }

    /// <summary>Schedules the reassessment <paramref name="months"/> after the moment the last cycle was signed off.</summary>
    /// <remarks>A system retired while its last cycle ran is not reassessed: nothing is scheduled.</remarks>
    public void ScheduleReassessment(DateTimeOffset signedOffAt, int months)
    {
        if (months < 1)
        {
            throw new DomainRuleException("A reassessment interval is at least one month, not {0}.", months);
        }
        if (IsRetired)
        {
            return;
        }
        NextCycleOpensAt = signedOffAt.ToUniversalTime().AddMonths(months);
    }

    /// <summary>The scheduled cycle has opened; nothing more is scheduled until it is signed off.</summary>
    public void ReassessmentOpened() => NextCycleOpensAt = null;

    private static string Require(string? value, string field, Phrase whenEmpty) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new DomainRuleException([new RuleViolation(field, whenEmpty)])
            : value.Trim();
}
