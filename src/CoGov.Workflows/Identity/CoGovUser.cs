using Microsoft.AspNetCore.Identity;

namespace CoGov.Workflows.Identity;

/// <summary>A login. What the user may see and do comes from their memberships of organisations and their roles.</summary>
public sealed class CoGovUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
