namespace CoGov.Fixtures;

/// <summary>
/// A second organisation (<c>other-organisation.yaml</c>, copied beside each test project's assembly), so tests can show
/// that one organisation's members see nothing of another's.
/// </summary>
internal static class OtherOrganisation
{
    public const string Key = "northfield-transit";
    public const string Name = "Northfield Transit Authority";
    public const string CommitteeName = "Northfield Joint Committee";
    public const string SystemKey = "driver-scheduling";
    public const string SystemName = "Secret Driver Scheduler";

    /// <summary>Sam Ode, its steward and workers' chair: a login once <see cref="Accounts"/> has been ensured.</summary>
    public const string Steward = "sam.ode@northfield.example";

    /// <summary>Kim Lee, its accountable manager and management chair; no login unless a test makes one.</summary>
    public const string Manager = "kim.lee@northfield.example";

    public const string FileName = "other-organisation.yaml";
    public const string AccountsFileName = "other-organisation.accounts.yaml";

    public static string File { get; } = System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", FileName));

    /// <summary>A login for its steward alone, with the demo password so tests sign in as they do for the hospital.</summary>
    public const string Accounts = $"""
        organisation: {Key}
        password: {DemoLogins.Password}
        accounts:
          - person: sam-ode
            roles: [Steward]
        """;
}
