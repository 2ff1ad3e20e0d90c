using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Whose answer drafts a page may show (wwwroot/js/drafts.js keeps them in the browser). Opaque, so a shared computer's
/// storage does not name who used it, and derived from the login's security stamp, which only the server knows and
/// which changes with the password: another person on the same browser, or whoever reads its storage, cannot compute it.
/// </summary>
public static class DraftsOwner
{
    /// <summary>The owner for a signed-in login; null for nobody, who has no drafts.</summary>
    public static string? For(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user?.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(stamp))
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"cogov-drafts\n{id}\n{stamp}"));
        return WebEncoders.Base64UrlEncode(hash, 0, 16);
    }
}
