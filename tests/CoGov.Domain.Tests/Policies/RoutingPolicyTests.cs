using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;

namespace CoGov.Domain.Tests.Policies;

/// <summary>
/// Routing policies: who answers what, how long they have, and what the policy may name. The template's themes are
/// purpose, accountability and redress; the organisation's one system is 'rostering'.
/// </summary>
public sealed class RoutingPolicyTests
{
    private const string ThemesAre = "the themes are accountability, purpose, redress.";
    private const string WorkersSideManager = "is on the workers' side; questions go to accountable managers on the management side.";

    private static readonly PolicyEdit Edit = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "Helen Marsh");

    private readonly World _world = new();

    /// <summary>Adds Grace Obi, a fourth manager, so each layer of routing can name someone different.</summary>
    public RoutingPolicyTests()
    {
        _world.Organisation.AddPerson("grace", "Grace Obi", Side.Management, "Head of Data", "grace@example.org");
    }

    private IReadOnlyList<AlgorithmicSystem> Systems => [_world.Rostering];
    private IReadOnlyList<QuestionnaireTemplate> Templates => [_world.Template];

    /// <summary>A valid policy that names no one: the shape of the instance's default.</summary>
    private static RoutingPolicySpec Timing() => new(
        TimeZone: "Europe/London",
        Holidays: [new DateOnly(2026, 12, 25)],
        DefaultManager: null,
        ManagerByTheme: new Dictionary<string, string>(),
        DefaultDeadlineDays: 10,
        DeadlineDaysByTheme: new Dictionary<string, int> { ["redress"] = 15 },
        ClarificationDeadlineDays: 5,
        ReminderDaysBeforeDue: [5, 1],
        Escalation: [EscalationStep.Superior, EscalationStep.CommitteeChairs],
        EscalationIntervalDays: 3,
        ReassessmentIntervalMonths: 12,
        CycleLengthDays: 90,
        Systems: new Dictionary<string, SystemRoutingSpec>());

    /// <summary>
    /// A valid organisation policy with every layer of routing: Helen by default, Priya for accountability and redress;
    /// for rostering, Daniel by default and Grace for redress, reassessed every 6 months.
    /// </summary>
    private static RoutingPolicySpec Layered() => Timing() with
    {
        DefaultManager = "helen",
        ManagerByTheme = new Dictionary<string, string> { ["accountability"] = "priya", ["redress"] = "priya" },
        Systems = new Dictionary<string, SystemRoutingSpec>
        {
            ["rostering"] = new("daniel", new Dictionary<string, string> { ["redress"] = "grace" }, 6),
        },
    };

    private static RoutingPolicySpec WithSystem(string key, SystemRoutingSpec routing) =>
        Timing() with { Systems = new Dictionary<string, SystemRoutingSpec> { [key] = routing } };

    private static SystemRoutingSpec NoRouting() => new(null, new Dictionary<string, string>(), null);

    // ---- Creating ----

    [Fact]
    public void AValidOrganisationPolicyIsCreatedForTheOrganisation()
    {
        Assert.Empty(RoutingPolicy.Check(_world.Organisation, Systems, Templates, Layered()));

        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);

        Assert.Equal(_world.Organisation.Id, policy.OrganisationId);
        Assert.NotEqual(Guid.Empty, policy.Id);
        Assert.Equal("Europe/London", policy.Calendar.TimeZoneId);
        Assert.False(policy.Calendar.IsWorkingDay(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void ThePolicysDeadlineRulesComeFromItsTimingSettings()
    {
        var rules = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing() with { ReminderDaysBeforeDue = [1, 5] }, Edit).Deadlines;

        Assert.Equal("Europe/London", rules.Calendar.TimeZoneId);
        Assert.Equal(5, rules.ClarificationDays);
        Assert.Equal([5, 1], rules.ReminderDaysBeforeDue);
        Assert.Equal([EscalationStep.Superior, EscalationStep.CommitteeChairs], rules.Escalation);
        Assert.Equal(3, rules.EscalationIntervalDays);
    }

    [Fact]
    public void AnInvalidPolicyIsRefusedWithAllItsViolations()
    {
        var spec = Timing() with { TimeZone = "Mars/Olympus_Mons", DefaultManager = "nobody", EscalationIntervalDays = 0 };

        var refusal = Assert.Throws<DomainRuleException>(() => RoutingPolicy.Create(_world.Organisation, Systems, Templates, spec, Edit));

        Assert.Equal(["timeZone", "managers.default", "escalation.intervalDays"], refusal.Violations.Select(v => v.Path));
        Assert.Contains("managers.default: Riverside Municipal Hospital has no person 'nobody'.", refusal.Message);
    }

    // ---- Routing: system theme > system default > theme > default ----

    [Theory]
    [InlineData("rostering", "redress", "grace")]        // the system's own manager for the theme
    [InlineData("rostering", "accountability", "daniel")] // the system's default beats the organisation's theme manager
    [InlineData("rostering", "purpose", "daniel")]       // the system's default
    [InlineData("cv-screening", "accountability", "priya")] // no system routing: the theme's manager
    [InlineData("cv-screening", "purpose", "helen")]     // nothing more specific: the default
    public void TheMostSpecificManagerNamedAnswers(string systemKey, string themeKey, string expected)
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);

        Assert.Equal(expected, policy.ManagerFor(systemKey, themeKey));
    }

    [Fact]
    public void ASystemWithThemeManagersButNoDefaultFallsBackToTheOrganisationsRouting()
    {
        var spec = Layered() with
        {
            Systems = new Dictionary<string, SystemRoutingSpec>
            {
                ["rostering"] = new(null, new Dictionary<string, string> { ["redress"] = "grace" }, null),
            },
        };
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, spec, Edit);

        Assert.Equal("grace", policy.ManagerFor("rostering", "redress"));
        Assert.Equal("priya", policy.ManagerFor("rostering", "accountability"));
        Assert.Equal("helen", policy.ManagerFor("rostering", "purpose"));
    }

    [Theory]
    [InlineData("rostering", "daniel")]    // the system's own default manager
    [InlineData("cv-screening", "helen")]  // no system routing: the organisation's default
    public void ACycleIsSignedOffByTheSystemsDefaultManagerElseTheOrganisations(string systemKey, string expected)
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);

        Assert.Equal(expected, policy.AccountableManagerFor(systemKey));
        Assert.Null(RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit).AccountableManagerFor(systemKey));
    }

    [Fact]
    public void APolicyThatNamesNoOneRoutesNowhere()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit);

        Assert.Null(policy.ManagerFor("rostering", "purpose"));
    }

    [Fact]
    public void AThemesOwnDeadlineBeatsTheDefault()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);

        Assert.Equal(15, policy.DeadlineDaysFor("redress"));
        Assert.Equal(10, policy.DeadlineDaysFor("purpose"));
    }

    [Fact]
    public void ASystemsOwnReassessmentIntervalBeatsTheDefault()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);
        var withoutInterval = RoutingPolicy.Create(_world.Organisation, Systems, Templates, WithSystem("rostering", NoRouting()), Edit);

        Assert.Equal(6, policy.ReassessmentMonthsFor("rostering"));
        Assert.Equal(12, policy.ReassessmentMonthsFor("cv-screening"));
        Assert.Equal(12, withoutInterval.ReassessmentMonthsFor("rostering"));
    }

    // ---- Violations, one rule at a time ----

    public static TheoryData<string> BrokenRules =>
    [
        "unknown default manager", "default manager of another organisation", "workers-side default manager",
        "workers-side theme manager", "theme manager for an unknown theme", "deadline for an unknown theme",
        "zero theme deadline", "zero default deadline", "negative clarification deadline", "zero second reminder",
        "negative first reminder", "duplicate reminders", "duplicate escalation steps", "zero escalation interval",
        "zero reassessment interval", "negative cycle length", "unknown time zone", "unknown system",
        "unknown system default manager", "workers-side system theme manager", "system theme manager for an unknown theme",
        "zero system reassessment interval", "holiday listed twice", "reminder as long as the shortest deadline",
        "time zone by its Windows name",
    ];

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void EachBrokenRuleIsReportedAtItsPath(string rule)
    {
        var (spec, path, message) = rule switch
        {
            "unknown default manager" => (Timing() with { DefaultManager = "nobody" },
                "managers.default", "Riverside Municipal Hospital has no person 'nobody'."),
            "default manager of another organisation" => (Timing() with { DefaultManager = "oscar" },
                "managers.default", "Riverside Municipal Hospital has no person 'oscar'."),
            "workers-side default manager" => (Timing() with { DefaultManager = "kwame" },
                "managers.default", $"Kwame Asante {WorkersSideManager}"),
            "workers-side theme manager" => (Timing() with { ManagerByTheme = new Dictionary<string, string> { ["redress"] = "amara" } },
                "managers.themes.redress", $"Amara Okafor {WorkersSideManager}"),
            "theme manager for an unknown theme" => (Timing() with { ManagerByTheme = new Dictionary<string, string> { ["ethics"] = "priya" } },
                "managers.themes.ethics", $"no questionnaire has a theme 'ethics'; {ThemesAre}"),
            "deadline for an unknown theme" => (Timing() with { DeadlineDaysByTheme = new Dictionary<string, int> { ["ethics"] = 10 } },
                "deadlines.themes.ethics", $"no questionnaire has a theme 'ethics'; {ThemesAre}"),
            "zero theme deadline" => (Timing() with { DeadlineDaysByTheme = new Dictionary<string, int> { ["redress"] = 0 } },
                "deadlines.themes.redress", "the working days to answer must be 1 or more, not 0."),
            "zero default deadline" => (Timing() with { DefaultDeadlineDays = 0 },
                "deadlines.default", "the working days to answer must be 1 or more, not 0."),
            "negative clarification deadline" => (Timing() with { ClarificationDeadlineDays = -1 },
                "deadlines.clarification", "the working days to answer a clarification must be 1 or more, not -1."),
            "zero second reminder" => (Timing() with { ReminderDaysBeforeDue = [5, 0] },
                "reminders[1]", "the working days before the deadline must be 1 or more, not 0."),
            "negative first reminder" => (Timing() with { ReminderDaysBeforeDue = [-2, 1] },
                "reminders[0]", "the working days before the deadline must be 1 or more, not -2."),
            "duplicate reminders" => (Timing() with { ReminderDaysBeforeDue = [5, 5] },
                "reminders", "each reminder must fall on a different day before the deadline."),
            "duplicate escalation steps" => (Timing() with { Escalation = [EscalationStep.Superior, EscalationStep.Superior] },
                "escalation.steps", "each escalation step may appear once."),
            "zero escalation interval" => (Timing() with { EscalationIntervalDays = 0 },
                "escalation.intervalDays", "the working days between escalation steps must be 1 or more, not 0."),
            "zero reassessment interval" => (Timing() with { ReassessmentIntervalMonths = 0 },
                "reassessment.intervalMonths", "the months between cycles must be 1 or more, not 0."),
            "negative cycle length" => (Timing() with { CycleLengthDays = -30 },
                "reassessment.cycleLengthDays", "the days a cycle runs must be 1 or more, not -30."),
            "unknown time zone" => (Timing() with { TimeZone = "Mars/Olympus_Mons" },
                "timeZone", "'Mars/Olympus_Mons' is not a time zone; use an IANA name such as 'Europe/London'."),
            "unknown system" => (WithSystem("payroll", NoRouting()),
                "systems.payroll", "Riverside Municipal Hospital has no system 'payroll'."),
            "unknown system default manager" => (WithSystem("rostering", new("nobody", new Dictionary<string, string>(), null)),
                "systems.rostering.managers.default", "Riverside Municipal Hospital has no person 'nobody'."),
            "workers-side system theme manager" => (WithSystem("rostering", new(null, new Dictionary<string, string> { ["redress"] = "tomasz" }, null)),
                "systems.rostering.managers.themes.redress", $"Tomasz Nowak {WorkersSideManager}"),
            "system theme manager for an unknown theme" => (WithSystem("rostering", new(null, new Dictionary<string, string> { ["ethics"] = "priya" }, null)),
                "systems.rostering.managers.themes.ethics", $"no questionnaire has a theme 'ethics'; {ThemesAre}"),
            "zero system reassessment interval" => (WithSystem("rostering", new(null, new Dictionary<string, string>(), 0)),
                "systems.rostering.reassessmentIntervalMonths", "the months between cycles must be 1 or more, not 0."),
            "holiday listed twice" => (Timing() with { Holidays = [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28), new DateOnly(2026, 12, 25)] },
                "holidays[2]", "2026-12-25 is listed twice; list each holiday once."),
            "reminder as long as the shortest deadline" => (Timing() with { DefaultDeadlineDays = 4, DeadlineDaysByTheme = new Dictionary<string, int>(), ReminderDaysBeforeDue = [4, 1] },
                "reminders[0]", "a reminder 4 working days before the deadline would come before the question is sent: the shortest deadline is 4 working days."),
            "time zone by its Windows name" => (Timing() with { TimeZone = "GMT Standard Time" },
                "timeZone", "'GMT Standard Time' is not a time zone; use an IANA name such as 'Europe/London'."),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };

        var violation = Assert.Single(RoutingPolicy.Check(_world.Organisation, Systems, Templates, spec));

        Assert.Equal(path, violation.Path);
        Assert.Equal(message, violation.Message);
        var refusal = Assert.Throws<DomainRuleException>(() => RoutingPolicy.Create(_world.Organisation, Systems, Templates, spec, Edit));
        Assert.Equal($"{path}: {message}", refusal.Message);
    }

    [Fact]
    public void ANonPositiveThemeDeadlineForAnUnknownThemeIsReportedTwiceAtTheSamePath()
    {
        var spec = Timing() with { DeadlineDaysByTheme = new Dictionary<string, int> { ["ethics"] = 0 } };

        var violations = RoutingPolicy.Check(_world.Organisation, Systems, Templates, spec);

        Assert.Equal(["deadlines.themes.ethics", "deadlines.themes.ethics"], violations.Select(v => v.Path));
    }

    [Fact]
    public void ThemesCannotBeNamedBeforeAnyQuestionnaireIsImported()
    {
        var spec = Timing() with
        {
            ManagerByTheme = new Dictionary<string, string> { ["redress"] = "priya" },
            DeadlineDaysByTheme = new Dictionary<string, int>(),
        };

        var violation = Assert.Single(RoutingPolicy.Check(_world.Organisation, Systems, [], spec));

        Assert.Equal("managers.themes.redress", violation.Path);
        Assert.Equal("no questionnaire has a theme 'redress': there are no questionnaires yet; import them first.", violation.Message);
    }

    // ---- The instance's default policy ----

    [Fact]
    public void TheDefaultPolicyBelongsToNoOrganisation()
    {
        var policy = RoutingPolicy.CreateDefault(Templates, Timing(), Edit);

        Assert.Null(policy.OrganisationId);
        Assert.Equal(15, policy.DeadlineDaysFor("redress"));
        Assert.Null(policy.ManagerFor("rostering", "redress"));
    }

    [Fact]
    public void TheDefaultPolicyCannotNamePeople()
    {
        var spec = Timing() with
        {
            DefaultManager = "priya",
            ManagerByTheme = new Dictionary<string, string> { ["redress"] = "helen" },
        };
        const string cannotNamePeople = "the default policy cannot name people; name accountable managers in each organisation's own policy.";

        var refusal = Assert.Throws<DomainRuleException>(() => RoutingPolicy.CreateDefault(Templates, spec, Edit));

        Assert.Equal(
            [new RuleViolation("managers.default", new Phrase(cannotNamePeople)), new RuleViolation("managers.themes.redress", new Phrase(cannotNamePeople))],
            refusal.Violations);
    }

    [Fact]
    public void TheDefaultPolicyCannotNameSystems()
    {
        var spec = WithSystem("rostering", NoRouting());

        var refusal = Assert.Throws<DomainRuleException>(() => RoutingPolicy.CreateDefault(Templates, spec, Edit));

        var violation = Assert.Single(refusal.Violations);
        Assert.Equal("systems.rostering", violation.Path);
        Assert.Equal("the default policy cannot name systems; give each organisation's systems their routing in its own policy.", violation.Message);
    }

    [Fact]
    public void AnOrganisationStartsFromItsOwnCopyOfTheDefault()
    {
        var defaults = RoutingPolicy.CreateDefault(Templates, Timing(), Edit);

        var copy = defaults.CopyFor(_world.Organisation, Edit);

        Assert.Equal(_world.Organisation.Id, copy.OrganisationId);
        Assert.NotEqual(defaults.Id, copy.Id);
        Assert.Same(defaults.Spec, copy.Spec);
        Assert.Null(defaults.OrganisationId);
    }

    // ---- Replacing ----

    [Fact]
    public void ReplacingAPolicyChangesItsRulesAndCalendar()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit);
        Assert.Equal("Europe/London", policy.Calendar.TimeZoneId);

        policy.Change(_world.Organisation, Systems, Templates, Layered() with { TimeZone = "UTC" }, 1, Edit);

        Assert.Equal("UTC", policy.Calendar.TimeZoneId);
        Assert.Equal("grace", policy.ManagerFor("rostering", "redress"));
    }

    [Fact]
    public void AnInvalidReplacementChangesNothing()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit);
        var before = policy.Spec;

        var refusal = Assert.Throws<DomainRuleException>(() =>
            policy.Change(_world.Organisation, Systems, Templates, Timing() with { DefaultManager = "kwame" }, 1, Edit));

        Assert.Equal("managers.default", Assert.Single(refusal.Violations).Path);
        Assert.Same(before, policy.Spec);
    }

    [Fact]
    public void ARetiredManagerCannotBeNamedAgain()
    {
        var grace = _world.Organisation.FindPerson("grace")!;
        _world.Organisation.RetirePerson(grace, namedByPolicy: false, Edit.At);

        var violation = Assert.Single(RoutingPolicy.Check(_world.Organisation, Systems, Templates, Timing() with { DefaultManager = "grace" }));

        Assert.Equal("managers.default", violation.Path);
        Assert.Equal("Grace Obi is retired; name an accountable manager who is still here.", violation.Message);
    }

    // ---- Versions ----

    [Fact]
    public void APolicyStartsAtVersionOneAndEachChangeAppendsTheNextWithWhoWhenAndWhatChanged()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit with { Source = "Imported from file riverside.yaml" });
        var later = new PolicyEdit(Edit.At.AddDays(1), "Leila Haddad");

        var version = policy.Change(_world.Organisation, Systems, Templates,
            Timing() with { DefaultManager = "priya", Holidays = [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)], ReminderDaysBeforeDue = [3, 1] }, 1, later);

        Assert.Equal(2, policy.Number);
        var first = policy.Versions[0];
        Assert.Equal((1, "Helen Marsh", "Imported from file riverside.yaml"), (first.Number, first.By, first.Change));
        Assert.Same(version, policy.Versions[1]);
        Assert.Equal((2, later.At, "Leila Haddad"), (version!.Number, version.At, version.By));
        Assert.Equal(
            "holidays added 2026-12-28; default manager nobody → Priya Nair; reminders (working days before the deadline) 5, 1 → 3, 1.",
            version.Change);
        Assert.Equal("priya", policy.Spec.DefaultManager);
    }

    [Fact]
    public void AChangeMadeFromAnOlderVersionIsRefusedAndChangesNothing()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit);
        policy.Change(_world.Organisation, Systems, Templates, Timing() with { DefaultDeadlineDays = 12 }, 1, Edit);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            policy.Change(_world.Organisation, Systems, Templates, Timing() with { DefaultManager = "priya" }, 1, Edit));

        Assert.Equal(
            "The policy changed meanwhile: version 2 is now in force, and this change was made from version 1. Reload the page to see the policy as it is now, and make your change again.",
            refusal.Message);
        Assert.Equal((2, 12, null), (policy.Number, policy.Spec.DefaultDeadlineDays, policy.Spec.DefaultManager));
        Assert.Equal(2, policy.Versions.Count);
    }

    [Fact]
    public void AChangeThatChangesNothingMakesNoVersion()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Timing(), Edit);

        Assert.Null(policy.Change(_world.Organisation, Systems, Templates, Timing(), 1, Edit));

        Assert.Equal(1, policy.Number);
        Assert.Single(policy.Versions);
    }

    [Fact]
    public void ASystemLeftWithNothingOfItsOwnFollowsTheOrganisationAgain()
    {
        var policy = RoutingPolicy.Create(_world.Organisation, Systems, Templates, Layered(), Edit);

        var spec = policy.WithSystemRouting("rostering", new SystemRoutingSpec(null, new Dictionary<string, string>(), null));

        Assert.Empty(spec.Systems);
    }
}
