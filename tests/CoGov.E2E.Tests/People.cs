namespace CoGov.E2E.Tests;

/// <summary>The demo organisation's logins (seed/demo/riverside-hospital.yaml), by the part each plays in the tests.</summary>
public static class People
{
    public const string Password = "CoGov-demo-2026!";
    public const string Organisation = "riverside-hospital";

    /// <summary>Amara Okafor, union steward (workers' side, committee member).</summary>
    public const string Steward = "amara.okafor@riverside-hospital.example";

    /// <summary>Leila Haddad, the workers' chair of the joint committee.</summary>
    public const string WorkersChair = "leila.haddad@riverside-hospital.example";

    /// <summary>Daniel Reyes, the policy's default accountable manager.</summary>
    public const string Manager = "daniel.reyes@riverside-hospital.example";

    /// <summary>Helen Marsh, the management chair.</summary>
    public const string ManagementChair = "helen.marsh@riverside-hospital.example";

    public const string Admin = "admin@riverside-hospital.example";

    /// <summary>The login of a demo person from their key in the organisation file (daniel-reyes → daniel.reyes@...).</summary>
    public static string EmailOf(string personKey) => $"{personKey.Replace('-', '.')}@riverside-hospital.example";
}

/// <summary>A second organisation, so tests can show that one organisation's members see nothing of another's.</summary>
public static class OtherOrganisation
{
    public const string Key = "northfield-transit";
    public const string Name = "Northfield Transit Authority";
    public const string SystemKey = "driver-scheduling";
    public const string SystemName = "Secret Driver Scheduler";

    public const string File = """
        organisation:
          key: northfield-transit
          name: Northfield Transit Authority
        people:
          - { key: sam-ode, name: Sam Ode, side: workers, title: Steward, email: sam.ode@northfield.example }
          - { key: kim-lee, name: Kim Lee, side: management, title: Operations Director, email: kim.lee@northfield.example }
        committee:
          name: Northfield Joint Committee
          seats:
            - { person: sam-ode, role: chair }
            - { person: kim-lee, role: chair }
        systems:
          - key: driver-scheduling
            name: Secret Driver Scheduler
            purpose: Schedules drivers.
            vendor: RouteCo
            sourcing: procured
            department: Operations
        assessments:
          - system: driver-scheduling
            template: psi-co-governance
            cycle: 1
            opened: -5
            due: 60
            accountableManager: kim-lee
            routing:
              default: kim-lee
            events:
              - { at: -4, by: sam-ode, do: send }
        """;
}
