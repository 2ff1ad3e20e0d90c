using System.Collections.Concurrent;
using CoGov.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Five wrong passwords, two-factor codes or recovery codes in a row lock a login, each time for longer: a minute,
/// then five, fifteen, and an hour from the fourth on, until it signs in again. An address with no login is locked
/// on the same schedule, so locking never tells anyone whether an address has a login (decision record 16).
/// </summary>
public static class SignInLockouts
{
    public const int FailuresBeforeLockout = 5;

    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>How long the <paramref name="lockouts"/>-th lockout since the last sign-in lasts.</summary>
    public static TimeSpan Delay(int lockouts) => Delays[Math.Clamp(lockouts, 1, Delays.Length) - 1];

    public static IHostApplicationBuilder AddCoGovSignInLockouts(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<IdentityOptions>(options =>
        {
            options.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
            options.Lockout.AllowedForNewUsers = true;
            options.Lockout.DefaultLockoutTimeSpan = Delays[0];
        });
        // Replaces the engine's user manager everywhere (the last registration wins), sign-in included.
        builder.Services.AddScoped<UserManager<CoGovUser>, CoGovUserManager>();
        builder.Services.AddSingleton<UnknownAddressLockouts>();
        builder.Services.AddSingleton<DecoyPassword>();
        builder.Services.AddScoped<SignInLockoutState>();
        return builder;
    }
}

/// <summary>
/// Identity's user manager with the growing lockout, reading the time from the app's clock: Identity's own reads the
/// machine's, which a test (or a sweep run for a given moment) could not move.
/// </summary>
public sealed class CoGovUserManager(
    IUserStore<CoGovUser> store,
    IOptions<IdentityOptions> options,
    IPasswordHasher<CoGovUser> passwordHasher,
    IEnumerable<IUserValidator<CoGovUser>> userValidators,
    IEnumerable<IPasswordValidator<CoGovUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CoGovUser>> logger,
    TimeProvider clock,
    DecoyPassword decoy)
    : UserManager<CoGovUser>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<CoGovUser> LockoutStore => (IUserLockoutStore<CoGovUser>)Store;

    public override async Task<IdentityResult> AccessFailedAsync(CoGovUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            user.LockoutCount++;
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow() + SignInLockouts.Delay(user.LockoutCount), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }

    public override async Task<bool> IsLockedOutAsync(CoGovUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        return await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)
            && await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end
            && end > clock.GetUtcNow();
    }

    /// <summary>Signing in forgives the earlier lockouts too: the next one starts again at a minute.</summary>
    public override async Task<IdentityResult> ResetAccessFailedCountAsync(CoGovUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        if (user.LockoutCount == 0 && await LockoutStore.GetAccessFailedCountAsync(user, CancellationToken) == 0)
        {
            return IdentityResult.Success;
        }
        user.LockoutCount = 0;
        await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// A login without a password (an invitation not accepted yet) costs a check against a decoy hash, as one with a
    /// password does: Identity answers it at once, which told a guesser the address has a login (decision record 23).
    /// </summary>
    protected override async Task<PasswordVerificationResult> VerifyPasswordAsync(IUserPasswordStore<CoGovUser> store, CoGovUser user, string password)
    {
        if (await store.GetPasswordHashAsync(user, CancellationToken) is null)
        {
            decoy.Check(PasswordHasher, password);
            return PasswordVerificationResult.Failed;
        }
        return await base.VerifyPasswordAsync(store, user, password);
    }

    /// <summary>How long the login stays locked from now; null when it is not.</summary>
    public async Task<TimeSpan?> LockedForAsync(CoGovUser user) =>
        await IsLockedOutAsync(user) && await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end
            ? end - clock.GetUtcNow()
            : null;
}

/// <summary>
/// Failed sign-ins to addresses that have no login, counted as Identity counts a login's, in memory: they are not worth
/// a row, and a restart forgetting them costs a guesser nothing they did not have (the address limits still hold).
/// </summary>
public sealed class UnknownAddressLockouts(TimeProvider clock)
{
    /// <summary>More than this many addresses remembered, and those no longer locked are forgotten.</summary>
    private const int MostRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Record> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan? LockedFor(string address) =>
        _addresses.TryGetValue(Key(address), out var record) && record.Until > clock.GetUtcNow() ? record.Until - clock.GetUtcNow() : null;

    /// <summary>Counts a failure; answers how long the address is now locked, or null.</summary>
    public TimeSpan? Failed(string address)
    {
        if (_addresses.Count > MostRemembered)
        {
            var now = clock.GetUtcNow();
            foreach (var stale in _addresses.Where(a => a.Value.Until <= now).Select(a => a.Key).ToList())
            {
                _addresses.TryRemove(stale, out _);
            }
        }
        var record = _addresses.AddOrUpdate(Key(address), _ => new Record(1, 0, DateTimeOffset.MinValue), (_, r) => r with { Failures = r.Failures + 1 });
        if (record.Failures < SignInLockouts.FailuresBeforeLockout)
        {
            return null;
        }
        var lockouts = record.Lockouts + 1;
        var delay = SignInLockouts.Delay(lockouts);
        _addresses[Key(address)] = new Record(0, lockouts, clock.GetUtcNow() + delay);
        return delay;
    }

    private static string Key(string address) => address.Trim();

    private sealed record Record(int Failures, int Lockouts, DateTimeOffset Until);
}

/// <summary>The sign-in pages' one question about lockouts, the same whether or not the address has a login.</summary>
public sealed class SignInLockoutState(UserManager<CoGovUser> users, UnknownAddressLockouts unknown)
{
    /// <summary>How long sign-ins to <paramref name="email"/> are refused from now; null when they are not.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is { } user)
        {
            return users is CoGovUserManager manager ? await manager.LockedForAsync(user) : null;
        }
        return unknown.LockedFor(email);
    }

    /// <summary>
    /// After a refused password: Identity has counted it for a login; an address without one is counted here. Answers
    /// how long the address is now locked, or null.
    /// </summary>
    public async Task<TimeSpan?> FailedAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is { } user)
        {
            return users is CoGovUserManager manager ? await manager.LockedForAsync(user) : null;
        }
        return unknown.Failed(email);
    }
}
