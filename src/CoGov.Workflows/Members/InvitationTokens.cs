using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoGov.Workflows.Identity;
using Microsoft.AspNetCore.Identity;

namespace CoGov.Workflows.Members;

/// <summary>What an invitation link is worth when someone opens it.</summary>
public enum InvitationStanding
{
    /// <summary>The link is the latest one sent to this login, and it has not run out.</summary>
    Valid,

    /// <summary>No such login, no invitation, or not this invitation's secret (a newer one replaced it).</summary>
    Unknown,

    Expired,

    /// <summary>The login already has a password: the invitation was accepted.</summary>
    Accepted,
}

/// <summary>
/// The one-time secret in an invitation link. Only its SHA-256 hash and expiry are kept, in Identity's own user-token
/// table, so the database never holds a usable link and no table of CoGov's own is needed. Identity's password-reset
/// token is not used: it lasts a day (too short for an invitation, and shared with password resets) and setting a
/// password with it leaves the e-mail unconfirmed, so the invited person still could not sign in. Accepting sets the
/// password and confirms the e-mail together, since only the addressee could have opened the link.
/// </summary>
public static class InvitationTokens
{
    /// <summary>The query parameters of the link, read by the page that accepts an invitation.</summary>
    public const string UserIdParameter = "userId";

    public const string CodeParameter = "code";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const string LoginProvider = "CoGov";
    private const string TokenName = "Invitation";

    /// <summary>Issues a fresh secret for <paramref name="user"/>, replacing any earlier one, and returns it for the link.</summary>
    internal static async Task<string> IssueAsync(UserManager<CoGovUser> users, CoGovUser user, DateTimeOffset expires)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var stored = $"{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{Hash(secret)}";
        Check(await users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, stored));
        return secret;
    }

    /// <summary>Forgets the login's invitation secret, so a link already sent no longer works; nothing when there is none.</summary>
    internal static async Task RevokeAsync(UserManager<CoGovUser> users, CoGovUser user)
    {
        if (await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName) is not null)
        {
            Check(await users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName));
        }
    }

    /// <summary>The address of the link: the accepting page's address with the login and the secret.</summary>
    internal static string Link(string acceptAddress, string userId, string secret) =>
        $"{acceptAddress}{(acceptAddress.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{UserIdParameter}={Uri.EscapeDataString(userId)}&{CodeParameter}={Uri.EscapeDataString(secret)}";

    /// <summary>When a stored invitation runs out, read from what <see cref="IssueAsync"/> stored; null when unreadable.</summary>
    internal static DateTimeOffset? ExpiryOf(string? stored) =>
        stored?.Split(':') is [var seconds, _] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;

    internal static bool IsInvitationToken(string loginProvider, string name) => loginProvider == LoginProvider && name == TokenName;

    /// <summary>What the link in an invitation mail is worth now.</summary>
    public static async Task<InvitationStanding> CheckAsync(UserManager<CoGovUser> users, CoGovUser? user, string? secret, DateTimeOffset now)
    {
        if (user is null || string.IsNullOrEmpty(secret))
        {
            return InvitationStanding.Unknown;
        }
        if (await users.HasPasswordAsync(user))
        {
            return InvitationStanding.Accepted;
        }
        var stored = await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName);
        if (stored?.Split(':') is not [_, var hash] || ExpiryOf(stored) is not { } expires)
        {
            return InvitationStanding.Unknown;
        }
        // Compared in fixed time, so how long a wrong secret takes to refuse says nothing about the right one.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return InvitationStanding.Unknown;
        }
        return now < expires ? InvitationStanding.Valid : InvitationStanding.Expired;
    }

    /// <summary>
    /// Accepts an invitation: sets the first password, confirms the e-mail and, when given, the name the person goes by;
    /// the secret is then spent. Nothing changes unless the link is valid and the password meets the rules.
    /// </summary>
    /// <returns>The link's standing and, when it was valid, what setting the password came to.</returns>
    public static async Task<(InvitationStanding Standing, IdentityResult? Result)> AcceptAsync(
        UserManager<CoGovUser> users, CoGovUser? user, string? secret, string password, string? displayName, DateTimeOffset now)
    {
        var standing = await CheckAsync(users, user, secret, now);
        if (standing != InvitationStanding.Valid)
        {
            return (standing, null);
        }
        // Set before the password so the one save that stores the password stores these with it, or neither.
        var (confirmed, name) = (user!.EmailConfirmed, user.DisplayName);
        user.EmailConfirmed = true;
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            // The column holds 200 characters; a longer name is cut rather than the whole acceptance failing on it.
            var trimmed = displayName.Trim();
            user.DisplayName = trimmed.Length > 200 ? trimmed[..200] : trimmed;
        }
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
        {
            // A refused password saved nothing; the tracked user must not carry the change into a later save either.
            (user.EmailConfirmed, user.DisplayName) = (confirmed, name);
            return (standing, result);
        }
        await users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);
        return (standing, result);
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The invitation could not be stored: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
