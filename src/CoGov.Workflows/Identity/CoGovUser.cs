using Microsoft.AspNetCore.Identity;

namespace CoGov.Workflows.Identity;

/// <summary>A login. What the user may see and do comes from their memberships of organisations and their roles.</summary>
public sealed class CoGovUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// How many times this login has been locked after too many failures since it last signed in: each lockout lasts
    /// longer than the one before (<c>SignInLockouts</c> in the web app, decision record 16).
    /// </summary>
    public int LockoutCount { get; set; }
}
