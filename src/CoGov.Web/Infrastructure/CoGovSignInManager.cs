using System.Security.Cryptography;
using CoGov.Workflows.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Identity's sign-in with two gaps closed (decision record 23). Identity neither counts a wrong recovery code nor asks
/// whether the login is locked before taking one, so recovery codes could be guessed past any lockout: here they count
/// as wrong passwords do, and a locked login's right code is refused. And Identity answers an address without a login,
/// or with one that cannot sign in yet, without checking the password at all: the refusal came back faster than for a
/// login, which told a guesser who has an account. Here every password sign-in costs one check of the password against
/// a hash, and a login that cannot sign in yet counts the failure as any login does.
/// </summary>
public sealed class CoGovSignInManager(
    UserManager<CoGovUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CoGovUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CoGovUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CoGovUser> confirmation,
    DecoyPassword decoy)
    : SignInManager<CoGovUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        decoy.Check(UserManager.PasswordHasher, password);
        return SignInResult.Failed;
    }

    /// <summary>
    /// A login that cannot sign in yet (an invitation not accepted, so no confirmed address and no password) costs a
    /// password check and counts the failure, as a login with a wrong password does.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(CoGovUser user, string password, bool lockoutOnFailure)
    {
        if (await CanSignInAsync(user))
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }
        await UserManager.CheckPasswordAsync(user, password);
        if (lockoutOnFailure && UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
        }
        return SignInResult.NotAllowed;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }
        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded)
        {
            return result;
        }
        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }
}

/// <summary>
/// A hash no password matches, made once by the app's own hasher, so checking a password against it costs what checking
/// one against a login's hash costs. Made at the first check and kept: the hasher salts it, so it tells nothing.
/// </summary>
public sealed class DecoyPassword
{
    private static readonly CoGovUser Nobody = new();

    private string? _hash;

    public void Check(IPasswordHasher<CoGovUser> hasher, string password) =>
        hasher.VerifyHashedPassword(Nobody, _hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(32))), password);
}
