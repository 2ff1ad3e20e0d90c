namespace CoGov.Fixtures;

/// <summary>
/// The demo hospital's logins as <c>seed/demo/riverside-hospital.accounts.yaml</c> creates them, by name and by the part
/// each plays in the tests. The product reads its logins from that file and has no constant to borrow, so the tests
/// keep this one list, and a test of the seeding holds it to the file.
/// </summary>
internal static class DemoLogins
{
    /// <summary>The demo organisation's key.</summary>
    public const string Organisation = "riverside-hospital";

    /// <summary>Every demo login's password (deliberately public; never a real organisation's).</summary>
    public const string Password = "CoGov-demo-2026!";

    /// <summary>Leila Haddad: steward, and the workers' chair of the joint committee.</summary>
    public const string Leila = "leila.haddad@riverside-hospital.example";

    /// <summary>Amara Okafor: union steward (workers' side, committee member).</summary>
    public const string Amara = "amara.okafor@riverside-hospital.example";

    /// <summary>Tomasz Nowak: union steward.</summary>
    public const string Tomasz = "tomasz.nowak@riverside-hospital.example";

    /// <summary>Helen Marsh: manager, and the management chair.</summary>
    public const string Helen = "helen.marsh@riverside-hospital.example";

    /// <summary>Daniel Reyes: the routing policy's default accountable manager.</summary>
    public const string Daniel = "daniel.reyes@riverside-hospital.example";

    /// <summary>Priya Nair: manager.</summary>
    public const string Priya = "priya.nair@riverside-hospital.example";

    /// <summary>Kwame Asante: manager.</summary>
    public const string Kwame = "kwame.asante@riverside-hospital.example";

    /// <summary>The administrator, a login with no person behind it.</summary>
    public const string Admin = "admin@riverside-hospital.example";

    public const string Steward = Amara;
    public const string WorkersChair = Leila;
    public const string Manager = Daniel;
    public const string ManagementChair = Helen;

    /// <summary>Every demo login, as the accounts file lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Leila, Amara, Tomasz, Helen, Daniel, Priya, Kwame, Admin];

    /// <summary>The login of a demo person from their key in the organisation file (daniel-reyes → daniel.reyes@...).</summary>
    public static string EmailOf(string personKey) => $"{personKey.Replace('-', '.')}@riverside-hospital.example";
}
