using CoGov.Domain.Common;

namespace CoGov.Domain.Systems;

/// <summary>
/// An algorithmic system used on workers (rostering, monitoring, hiring filters), described with the fields of public
/// algorithm registers such as the UK Algorithmic Transparency Recording Standard.
/// </summary>
public sealed class AlgorithmicSystem
{
    private List<string> _personalData = [];

    private AlgorithmicSystem()
    {
        Key = Name = Purpose = Vendor = Department = ContractNotes = "";
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
        string department)
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

    /// <summary>When the next reassessment cycle opens; set when a cycle is signed off by both sides. Indexed for the sweep.</summary>
    public DateTimeOffset? NextCycleOpensAt { get; private set; }

    /// <summary>Schedules the reassessment <paramref name="months"/> after the moment the last cycle was signed off.</summary>
    public void ScheduleReassessment(DateTimeOffset signedOffAt, int months)
    {
        if (months < 1)
        {
            throw new DomainRuleException("A reassessment interval is at least one month, not {0}.", months);
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
