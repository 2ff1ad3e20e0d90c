using System.Globalization;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;

namespace CoGov.Domain.Policies;

/// <summary>Who is told, in order, once a question is past its deadline.</summary>
public enum EscalationStep
{
    /// <summary>The accountable manager's named superior (skipped when there is none).</summary>
    Superior = 1,

    /// <summary>Both chairs of the joint committee.</summary>
    CommitteeChairs = 2,
}

/// <summary>What a routing policy says, as read from a file or a form, before its rules have been checked.</summary>
/// <param name="DefaultManager">The person key questions go to when nothing more specific says otherwise.</param>
/// <param name="ManagerByTheme">Theme key → person key.</param>
/// <param name="DeadlineDaysByTheme">Theme key → working days to answer.</param>
/// <param name="ReminderDaysBeforeDue">Working days before the deadline at which the manager is reminded.</param>
/// <param name="CycleLengthDays">How long a cycle opened on schedule runs before it is due, in calendar days.</param>
public sealed record RoutingPolicySpec(
    string TimeZone,
    IReadOnlyList<DateOnly> Holidays,
    string? DefaultManager,
    IReadOnlyDictionary<string, string> ManagerByTheme,
    int DefaultDeadlineDays,
    IReadOnlyDictionary<string, int> DeadlineDaysByTheme,
    int ClarificationDeadlineDays,
    IReadOnlyList<int> ReminderDaysBeforeDue,
    IReadOnlyList<EscalationStep> Escalation,
    int EscalationIntervalDays,
    int ReassessmentIntervalMonths,
    int CycleLengthDays,
    IReadOnlyDictionary<string, SystemRoutingSpec> Systems);

/// <summary>A system's own routing, overriding the organisation's.</summary>
public sealed record SystemRoutingSpec(string? DefaultManager, IReadOnlyDictionary<string, string> ManagerByTheme, int? ReassessmentIntervalMonths);

/// <summary>
/// An organisation's routing policy: who answers what by default, how long they have in working days, when they are
/// reminded and to whom an overdue question escalates, and how often each system is reassessed. Policy is data, so a
/// committee can change it without a release.
/// </summary>
public sealed class RoutingPolicy
{
    private readonly List<RoutingPolicyVersion> _versions = [];
    private WorkingCalendar? _calendar;

    private RoutingPolicy()
    {
        Spec = null!;
    }

    private RoutingPolicy(Guid? organisationId, RoutingPolicySpec spec, PolicyEdit edit, string what)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Spec = spec;
        Number = 1;
        _versions.Add(new RoutingPolicyVersion(Id, Number, spec, edit, what));
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation the policy is for; empty for the instance's default, which new organisations start from.</summary>
    public Guid? OrganisationId { get; private set; }

    public RoutingPolicySpec Spec { get; private set; }

    /// <summary>The number of the version in force: 1 when made, one more with every change.</summary>
    public int Number { get; private set; }

    /// <summary>The versions this instance made (loaded ones are read on their own): each change appends one, none is ever changed.</summary>
    public IReadOnlyList<RoutingPolicyVersion> Versions => _versions;

    public WorkingCalendar Calendar => _calendar ??= new WorkingCalendar(Spec.TimeZone, Spec.Holidays);

    /// <summary>The clock rules every question of the organisation runs by.</summary>
    public DeadlineRules Deadlines => new(Calendar, Spec.ClarificationDeadlineDays, Spec.ReminderDaysBeforeDue, Spec.Escalation, Spec.EscalationIntervalDays);

    /// <summary>An organisation's policy. People and systems it names must be the organisation's own.</summary>
    public static RoutingPolicy Create(
        Organisation organisation, IReadOnlyList<AlgorithmicSystem> systems, IReadOnlyList<QuestionnaireTemplate> templates, RoutingPolicySpec spec, PolicyEdit edit)
    {
        var violations = Check(organisation, systems, templates, spec);
        if (violations.Count > 0)
        {
            throw new DomainRuleException(violations);
        }
        return new RoutingPolicy(organisation.Id, spec, edit, edit.Source ?? "The policy is set.");
    }

    /// <summary>The instance's default policy: timing rules only, since it cannot name any organisation's people or systems.</summary>
    public static RoutingPolicy CreateDefault(IReadOnlyList<QuestionnaireTemplate> templates, RoutingPolicySpec spec, PolicyEdit edit)
    {
        var violations = Check(null, [], templates, spec);
        if (violations.Count > 0)
        {
            throw new DomainRuleException(violations);
        }
        return new RoutingPolicy(null, spec, edit, edit.Source ?? "The default policy is set.");
    }

    /// <summary>A new organisation's own copy of a default policy, which it can then change.</summary>
    public RoutingPolicy CopyFor(Organisation organisation, PolicyEdit edit) =>
        new(organisation.Id, Spec, edit, edit.Source ?? "Started from CoGov's default policy.");

    /// <summary>
    /// Puts <paramref name="spec"/> in force as the next version (a committee's decision, or what answering question 8
    /// settled), checked by the same rules however it came: a form or a file. Refused, with nothing changed, when the
    /// policy is no longer the version <paramref name="basedOn"/> the change was made from: someone changed it
    /// meanwhile, and saving would silently undo their change. Answers the new version, or null when nothing differs.
    /// </summary>
    public RoutingPolicyVersion? Change(
        Organisation? organisation, IReadOnlyList<AlgorithmicSystem> systems, IReadOnlyList<QuestionnaireTemplate> templates,
        RoutingPolicySpec spec, int basedOn, PolicyEdit edit)
    {
        if (organisation?.Id != OrganisationId)
        {
            throw organisation is null
                ? new DomainRuleException("This policy belongs to an organisation; check it against that organisation.")
                : new DomainRuleException("This policy is not {0}'s.", organisation.Name);
        }
        if (basedOn != Number)
        {
            throw new DomainRuleException(
                "The policy changed meanwhile: version {0} is now in force, and this change was made from version {1}. Reload the page to see the policy as it is now, and make your change again.",
                Number, basedOn);
        }
        var violations = Check(organisation, systems, templates, spec);
        if (violations.Count > 0)
        {
            throw new DomainRuleException(violations);
        }
        var differences = PolicyDifferences.Between(Spec, spec, organisation);
        if (differences.Count == 0)
        {
            return null;
        }
        var what = string.Join("; ", differences) + ".";
        Spec = spec;
        _calendar = null;
        Number++;
        var version = new RoutingPolicyVersion(Id, Number, spec, edit, edit.Source is { } source ? $"{source}: {what}" : what);
        _versions.Add(version);
        return version;
    }

    /// <summary>The policy with one system's own routing replaced; null routing, or one that names nothing, leaves the system to the organisation's.</summary>
    public RoutingPolicySpec WithSystemRouting(string systemKey, SystemRoutingSpec? routing)
    {
        var systems = new Dictionary<string, SystemRoutingSpec>(Spec.Systems, StringComparer.Ordinal);
        if (routing is null || (routing.DefaultManager is null && routing.ManagerByTheme.Count == 0 && routing.ReassessmentIntervalMonths is null))
        {
            systems.Remove(systemKey);
        }
        else
        {
            systems[systemKey] = routing;
        }
        return Spec with { Systems = systems };
    }

    /// <summary>The person key a question of <paramref name="themeKey"/> about <paramref name="systemKey"/> goes to, if the policy names one.</summary>
    public string? ManagerFor(string systemKey, string themeKey)
    {
        var system = Spec.Systems.GetValueOrDefault(systemKey);
        return system?.ManagerByTheme.GetValueOrDefault(themeKey)
            ?? system?.DefaultManager
            ?? Spec.ManagerByTheme.GetValueOrDefault(themeKey)
            ?? Spec.DefaultManager;
    }

    /// <summary>
    /// Who signs a cycle of <paramref name="systemKey"/> off for management when the steward opening it names no one:
    /// the system's own default manager, else the organisation's; null when the policy names neither.
    /// </summary>
    public string? AccountableManagerFor(string systemKey) =>
        Spec.Systems.GetValueOrDefault(systemKey)?.DefaultManager ?? Spec.DefaultManager;

    /// <summary>Whether the policy names the person anywhere to answer questions or sign cycles off.</summary>
    public bool Names(string personKey) =>
        new[] { Spec.DefaultManager }.Concat(Spec.ManagerByTheme.Values)
            .Concat(Spec.Systems.Values.SelectMany(s => s.ManagerByTheme.Values.Append(s.DefaultManager)))
            .Contains(personKey, StringComparer.Ordinal);

    public int DeadlineDaysFor(string themeKey) => Spec.DeadlineDaysByTheme.GetValueOrDefault(themeKey, Spec.DefaultDeadlineDays);

    public int ReassessmentMonthsFor(string systemKey) =>
        Spec.Systems.GetValueOrDefault(systemKey)?.ReassessmentIntervalMonths ?? Spec.ReassessmentIntervalMonths;

    /// <param name="organisation">The organisation the policy is for, or null for the instance's default.</param>
    public static IReadOnlyList<RuleViolation> Check(
        Organisation? organisation, IReadOnlyList<AlgorithmicSystem> systems, IReadOnlyList<QuestionnaireTemplate> templates, RoutingPolicySpec spec)
    {
        var violations = new List<RuleViolation>();
        void Fail(string path, Phrase message) => violations.Add(new RuleViolation(path, message));
        var themeKeys = templates.SelectMany(t => t.Themes).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

        // An IANA name reads the same on every server; a Windows name found by conversion would not travel.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(spec.TimeZone, out var zone) || !zone.HasIanaId)
        {
            Fail("timeZone", new Phrase("'{0}' is not a time zone; use an IANA name such as 'Europe/London'.", spec.TimeZone));
        }
        var listed = new HashSet<DateOnly>();
        for (var i = 0; i < spec.Holidays.Count; i++)
        {
            if (!listed.Add(spec.Holidays[i]))
            {
                Fail($"holidays[{i}]", new Phrase("{0} is listed twice; list each holiday once.", spec.Holidays[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }
        CheckManager(spec.DefaultManager, "managers.default");
        CheckThemeManagers(spec.ManagerByTheme, "managers.themes");
        Positive(spec.DefaultDeadlineDays, "deadlines.default", new Phrase("the working days to answer must be 1 or more, not {0}.", spec.DefaultDeadlineDays));
        foreach (var (theme, days) in spec.DeadlineDaysByTheme)
        {
            CheckTheme(theme, $"deadlines.themes.{theme}");
            Positive(days, $"deadlines.themes.{theme}", new Phrase("the working days to answer must be 1 or more, not {0}.", days));
        }
        Positive(spec.ClarificationDeadlineDays, "deadlines.clarification", new Phrase("the working days to answer a clarification must be 1 or more, not {0}.", spec.ClarificationDeadlineDays));
        for (var i = 0; i < spec.ReminderDaysBeforeDue.Count; i++)
        {
            Positive(spec.ReminderDaysBeforeDue[i], $"reminders[{i}]", new Phrase("the working days before the deadline must be 1 or more, not {0}.", spec.ReminderDaysBeforeDue[i]));
        }
        // A reminder as many working days before the deadline as the question has would come before it is even sent.
        // A deadline that is itself refused above says nothing about its reminders.
        var shortestDeadline = spec.DeadlineDaysByTheme.Values.Append(spec.DefaultDeadlineDays).Where(d => d >= 1).DefaultIfEmpty(int.MaxValue).Min();
        for (var i = 0; i < spec.ReminderDaysBeforeDue.Count; i++)
        {
            if (spec.ReminderDaysBeforeDue[i] >= shortestDeadline)
            {
                Fail($"reminders[{i}]", new Phrase("a reminder {0} working days before the deadline would come before the question is sent: the shortest deadline is {1} working days.",
                    spec.ReminderDaysBeforeDue[i], shortestDeadline));
            }
        }
        if (spec.ReminderDaysBeforeDue.Distinct().Count() != spec.ReminderDaysBeforeDue.Count)
        {
            Fail("reminders", new Phrase("each reminder must fall on a different day before the deadline."));
        }
        if (spec.Escalation.Distinct().Count() != spec.Escalation.Count)
        {
            Fail("escalation.steps", new Phrase("each escalation step may appear once."));
        }
        Positive(spec.EscalationIntervalDays, "escalation.intervalDays", new Phrase("the working days between escalation steps must be 1 or more, not {0}.", spec.EscalationIntervalDays));
        Positive(spec.ReassessmentIntervalMonths, "reassessment.intervalMonths", new Phrase("the months between cycles must be 1 or more, not {0}.", spec.ReassessmentIntervalMonths));
        Positive(spec.CycleLengthDays, "reassessment.cycleLengthDays", new Phrase("the days a cycle runs must be 1 or more, not {0}.", spec.CycleLengthDays));
        foreach (var (systemKey, routing) in spec.Systems)
        {
            var path = $"systems.{systemKey}";
            if (systems.All(s => s.Key != systemKey))
            {
                Fail(path, organisation is null
                    ? new Phrase("the default policy cannot name systems; give each organisation's systems their routing in its own policy.")
                    : new Phrase("{0} has no system '{1}'.", organisation.Name, systemKey));
            }
            CheckManager(routing.DefaultManager, $"{path}.managers.default");
            CheckThemeManagers(routing.ManagerByTheme, $"{path}.managers.themes");
            if (routing.ReassessmentIntervalMonths is { } months)
            {
                Positive(months, $"{path}.reassessmentIntervalMonths", new Phrase("the months between cycles must be 1 or more, not {0}.", months));
            }
        }
        return violations;

        void CheckThemeManagers(IReadOnlyDictionary<string, string> managers, string path)
        {
            foreach (var (theme, person) in managers)
            {
                CheckTheme(theme, $"{path}.{theme}");
                CheckManager(person, $"{path}.{theme}");
            }
        }

        void CheckTheme(string theme, string path)
        {
            if (themeKeys.Count == 0)
            {
                Fail(path, new Phrase("no questionnaire has a theme '{0}': there are no questionnaires yet; import them first.", theme));
            }
            else if (!themeKeys.Contains(theme))
            {
                Fail(path, new Phrase("no questionnaire has a theme '{0}'; the themes are {1}.", theme, string.Join(", ", themeKeys.Order(StringComparer.Ordinal))));
            }
        }

        void CheckManager(string? personKey, string path)
        {
            if (personKey is null)
            {
                return;
            }
            if (organisation is null)
            {
                Fail(path, new Phrase("the default policy cannot name people; name accountable managers in each organisation's own policy."));
                return;
            }
            var person = organisation.FindPerson(personKey);
            if (person is null)
            {
                Fail(path, new Phrase("{0} has no person '{1}'.", organisation.Name, personKey));
            }
            else if (person.Side != Side.Management)
            {
                Fail(path, new Phrase("{0} is on {1}; questions go to accountable managers on the management side.", person.Name, person.Side.Describe()));
            }
            else if (person.IsRetired)
            {
                Fail(path, new Phrase("{0} is retired; name an accountable manager who is still here.", person.Name));
            }
        }

        void Positive(int value, string path, Phrase whenNot)
        {
            if (value < 1)
            {
                Fail(path, whenNot);
            }
        }
    }
}
