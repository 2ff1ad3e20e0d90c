using System.Net;
using CoGov.Fixtures;
using CoGov.Web.Infrastructure;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Guessing passwords and flooding the endpoints that send mail, create logins or start a browser, over real HTTP
/// against the real app. Each test that locks a login uses a login of its own, as the class shares one app.
/// </summary>
[Trait("Category", "Attack")]
public sealed class SignInAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Unknown = "nobody@riverside-hospital.example";
    private const string MembersPage = "/organisations/riverside-hospital/admin";
    private const string RecordPage = "/organisations/riverside-hospital/systems/rostering/cycles/1/record";

    [Fact]
    public async Task EightWrongPasswordsThenTheRightOneIsRefusedAsLockedOut()
    {
        var client = NewClient(app);

        for (var i = 0; i < 8; i++)
        {
            await PostLoginAsync(client, DemoLogins.Priya, $"wrong-guess-{i}");
        }
        var right = await PostLoginAsync(client, DemoLogins.Priya, DemoLogins.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Account/Lockout", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(SetsSignInCookie(right));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/organisations/riverside-hospital")).StatusCode);
        var locked = await UserAsync(DemoLogins.Priya);
        Assert.True(locked.LockoutEnd > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task EachRepeatedLockoutOfTheSameLoginLastsLonger()
    {
        var client = NewClient(app);

        var first = await FailUntilLockedAsync(client, DemoLogins.Kwame);
        var firstEnd = (await UserAsync(DemoLogins.Kwame)).LockoutEnd!.Value - app.Clock.GetUtcNow();
        app.Clock.Advance(firstEnd + TimeSpan.FromSeconds(1));
        var second = await FailUntilLockedAsync(client, DemoLogins.Kwame);
        var secondEnd = (await UserAsync(DemoLogins.Kwame)).LockoutEnd!.Value - app.Clock.GetUtcNow();

        Assert.EndsWith("Account/Lockout?minutes=1", first, StringComparison.Ordinal);
        Assert.EndsWith("Account/Lockout?minutes=5", second, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), firstEnd);
        Assert.Equal(TimeSpan.FromMinutes(5), secondEnd);
        Assert.Equal(2, (await UserAsync(DemoLogins.Kwame)).LockoutCount);
    }

    [Fact]
    public async Task AnAddressWithoutALoginIsLockedOutExactlyAsALoginIs()
    {
        var client = NewClient(app);

        var known = await FailUntilLockedAsync(client, DemoLogins.Tomasz, attempts: SignInLockouts.FailuresBeforeLockout);
        var unknown = await FailUntilLockedAsync(client, Unknown, attempts: SignInLockouts.FailuresBeforeLockout);
        var knownAgain = await PostLoginAsync(client, DemoLogins.Tomasz, DemoLogins.Password);
        var unknownAgain = await PostLoginAsync(client, Unknown, DemoLogins.Password);

        Assert.Equal(known, unknown);
        Assert.Equal(knownAgain.StatusCode, unknownAgain.StatusCode);
        Assert.Equal(knownAgain.Headers.Location, unknownAgain.Headers.Location);
        Assert.False(await UserExistsAsync(Unknown));
    }

    [Fact]
    public async Task WrongRecoveryCodesLockTheLoginAsWrongPasswordsDoAndTheRightCodeIsThenRefused()
    {
        var codes = await TurnOnTwoFactorAsync(DemoLogins.Leila);
        var client = NewClient(app);
        var password = await PostLoginAsync(client, DemoLogins.Leila, DemoLogins.Password);
        Assert.Contains("Account/LoginWith2fa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var refusals = new List<string>();
        for (var i = 0; i < SignInLockouts.FailuresBeforeLockout; i++)
        {
            var wrong = await PostRecoveryCodeAsync(client, $"wrong-{i:D5}");
            refusals.Add(wrong.StatusCode == HttpStatusCode.Redirect ? new Uri(client.BaseAddress!, wrong.Headers.Location!).PathAndQuery : $"{(int)wrong.StatusCode}");
        }
        var right = await PostRecoveryCodeAsync(client, codes[0]);

        // Four refusals on the page, and the fifth wrong code locks the login as a fifth wrong password would.
        Assert.Equal([.. Enumerable.Repeat("200", SignInLockouts.FailuresBeforeLockout - 1), "/Account/Lockout?minutes=1"], refusals);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith("Account/Lockout?minutes=1", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(SetsSignInCookie(right));
        Assert.True((await UserAsync(DemoLogins.Leila)).LockoutEnd > app.Clock.GetUtcNow());
        Assert.Equal(codes.Count, await RecoveryCodesLeftAsync(DemoLogins.Leila));
    }

    [Fact]
    public async Task AnAddressWithoutALoginOrWithAWaitingInvitationCostsOnePasswordCheckAsALoginDoesSoHowLongTheRefusalTakesTellsNothing()
    {
        var hasher = new CountingPasswordHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<CoGovUser>>(hasher)));
        var client = NewClient(counted);
        // An invited login that has not accepted yet has no password and cannot sign in: it must cost the same too.
        const string invited = "not-yet-accepted@riverside-hospital.example";
        await using (var scope = counted.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
            Assert.True((await users.CreateAsync(new CoGovUser { UserName = invited, Email = invited, DisplayName = invited })).Succeeded);
        }

        var checks = new Dictionary<string, int>();
        var pages = new Dictionary<string, string>();
        foreach (var (name, email) in new[] { ("known", DemoLogins.Amara), ("unknown", "nobody-at-all@riverside-hospital.example"), ("invited", invited) })
        {
            var before = hasher.Verifications;
            var response = await PostLoginAsync(client, email, "wrong-guess-for-timing");
            checks[name] = hasher.Verifications - before;
            pages[name] = (await CoGovWebApp.ParseAsync(response)).QuerySelector("[role=alert], .alert")?.TextContent.Trim() ?? $"{(int)response.StatusCode}";
        }

        Assert.Equal(new Dictionary<string, int> { ["known"] = 1, ["unknown"] = 1, ["invited"] = 1 }, checks);
        Assert.Contains("do not match a login", pages["known"], StringComparison.Ordinal);
        Assert.Equal(pages["known"], pages["unknown"]);
        Assert.Equal(pages["known"], pages["invited"]);
        Assert.False(await UserExistsAsync("nobody-at-all@riverside-hospital.example"));
        // The waiting invitation's failures count as a login's: the fifth locks it.
        Assert.EndsWith("Account/Lockout?minutes=1", await FailUntilLockedAsync(client, invited, attempts: SignInLockouts.FailuresBeforeLockout - 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInsFromOneAddressPastTheLimitAreAnswered429WithRetryAfterAndNotChecked()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.SignIn}:PermitLimit", "3"));
        var client = NewClient(limited);
        for (var i = 0; i < 3; i++)
        {
            await PostLoginAsync(client, DemoLogins.Daniel, $"wrong-guess-{i}");
        }
        var failuresBefore = (await UserAsync(DemoLogins.Daniel)).AccessFailedCount;

        var refused = await PostLoginAsync(client, DemoLogins.Daniel, DemoLogins.Password);

        await AssertTooManyAsync(refused);
        Assert.False(SetsSignInCookie(refused));
        Assert.Equal(failuresBefore, (await UserAsync(DemoLogins.Daniel)).AccessFailedCount);
        // Only the posts that act are limited: the page itself still opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task ResetRequestsFromOneAddressPastTheLimitAreAnswered429AndSendNoMail()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.PasswordReset}:PermitLimit", "2"));
        var client = NewClient(limited);
        for (var i = 0; i < 2; i++)
        {
            await PostPageFormAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = DemoLogins.Leila });
        }
        var mailBefore = MailCount();

        var refused = await PostPageFormAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = DemoLogins.Leila });

        await AssertTooManyAsync(refused);
        Assert.Equal(mailBefore, MailCount());
    }

    [Fact]
    public async Task ConfirmationMailRequestsFromOneAddressPastTheLimitAreAnswered429AndSendNoMail()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.ConfirmationMail}:PermitLimit", "2"));
        var client = NewClient(limited);
        var mailAtFirst = MailCount();
        for (var i = 0; i < 2; i++)
        {
            await PostPageFormAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = DemoLogins.Priya });
        }
        var mailBefore = MailCount();

        var refused = await PostPageFormAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = DemoLogins.Priya });

        await AssertTooManyAsync(refused);
        // The two let through each sent one, so the refused one would have sent a third.
        Assert.Equal(mailAtFirst + 2, mailBefore);
        Assert.Equal(mailBefore, MailCount());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ResendEmailConfirmation")).StatusCode);
    }

    [Fact]
    public async Task InvitationsSentByOneAdministratorPastTheLimitAreAnswered429AndInviteNoOne()
    {
        const string invitee = "flooded@riverside-hospital.example";
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.Invitations}:PermitLimit", "1"));
        using var admin = await CoGovWebApp.SignInAsync(NewClient(limited), DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync(MembersPage));
        var form = page.NamedForm("invite")!;
        // The one invitation allowed is spent by a post without its antiforgery token, which invites no one either.
        await admin.PostAsync(MembersPage, new FormUrlEncodedContent([new("_handler", "invite"), new("Invite.Email", "spent@riverside-hospital.example")]));
        var (mailBefore, loginsBefore) = (MailCount(), await UserCountAsync());

        var refused = await admin.PostFormAsync(MembersPage, form, new Dictionary<string, string?>
        {
            ["Invite.Email"] = invitee,
            ["Invite.Roles[Steward]"] = "true",
        });

        await AssertTooManyAsync(refused);
        Assert.False(await UserExistsAsync(invitee));
        Assert.Equal(loginsBefore, await UserCountAsync());
        Assert.Equal(mailBefore, MailCount());
        // The members page itself still opens, and its other forms are not counted.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(MembersPage)).StatusCode);
    }

    [Fact]
    public async Task InvitationAcceptancesFromOneAddressPastTheLimitAreAnswered429AndCreateNoLogin()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.InvitationAcceptance}:PermitLimit", "2"));
        var client = NewClient(limited);
        var guess = new FormUrlEncodedContent([new("Input.Password", "a-long-enough-passphrase"), new("_handler", "accept-invitation")]);
        for (var i = 0; i < 2; i++)
        {
            await client.PostAsync($"/Account/AcceptInvitation?userId=x&code=guess{i}", guess);
        }
        var loginsBefore = await LoginCountAsync();

        var refused = await client.PostAsync("/Account/AcceptInvitation?userId=x&code=guess", guess);

        await AssertTooManyAsync(refused);
        Assert.Equal(loginsBefore, await LoginCountAsync());
    }

    [Fact]
    public async Task PrintsByOnePersonPastTheLimitAreAnswered429AndStartNoBrowser()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{RateLimits.Printing}:PermitLimit", "1"));
        using var client = await CoGovWebApp.SignInAsync(NewClient(limited), DemoLogins.Helen);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(RecordPage));
        var form = page.NamedForm(CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm)!;
        // The one print allowed is spent by a post without its antiforgery token, which prints nothing either.
        await client.PostAsync(RecordPage, new FormUrlEncodedContent([new("_handler", CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm)]));
        var recordsBefore = await StoredRecordCountAsync();

        var refused = await client.PostFormAsync(RecordPage, form);

        await AssertTooManyAsync(refused);
        Assert.Equal(recordsBefore, await StoredRecordCountAsync());
        // Another person's prints are counted apart, and reading the record is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(RecordPage)).StatusCode);
    }

    [Theory]
    [InlineData("leavemealone", "most common passwords")]
    [InlineData("Kx7#mQ2$vLp", "at least 12")]
    public async Task AWeakNewPasswordIsRefusedSayingWhyAndTheOldOneStands(string weak, string why)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Amara);

        var response = await PostPageFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = DemoLogins.Password,
            ["Input.NewPassword"] = weak,
            ["Input.ConfirmPassword"] = weak,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(why, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(DemoLogins.Amara))!, DemoLogins.Password));
    }

    /// <summary>Turns an authenticator on for the login, as its own account page would; answers its fresh recovery codes.</summary>
    private async Task<IReadOnlyList<string>> TurnOnTwoFactorAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];
    }

    private async Task<int> RecoveryCodesLeftAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<HttpResponseMessage> PostRecoveryCodeAsync(HttpClient client, string code) =>
        await PostPageFormAsync(client, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new() { ["Input.RecoveryCode"] = code });

    /// <summary>Identity's own hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<CoGovUser>
    {
        private readonly PasswordHasher<CoGovUser> _hasher = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(CoGovUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CoGovUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static HttpClient NewClient(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 says when to try again.");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Too many tries", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    /// <summary>Wrong passwords until the sign-in page sends the client to the lockout page; answers that address.</summary>
    private static async Task<string> FailUntilLockedAsync(HttpClient client, string email, int attempts = 10)
    {
        for (var i = 0; i < attempts; i++)
        {
            var response = await PostLoginAsync(client, email, $"wrong-guess-{i}");
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("Lockout", StringComparison.Ordinal))
            {
                return response.Headers.Location.OriginalString;
            }
        }
        return "not locked";
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password) =>
        await PostPageFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string url, string formName, Dictionary<string, string?> values)
    {
        var response = await client.GetAsync(url);
        var form = (await CoGovWebApp.ParseAsync(response)).NamedForm(formName)
            ?? throw new InvalidOperationException($"{url} has no form {formName}.");
        return await client.PostFormAsync(url, form, values);
    }

    private static bool SetsSignInCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    /// <summary>Account mail goes straight to the transport: without an SMTP host, an .eml file in the pickup folder.</summary>
    private int MailCount()
    {
        var folder = app.Services.GetRequiredService<IConfiguration>()["Mail:PickupFolder"]!;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml", SearchOption.AllDirectories).Length : 0;
    }

    private async Task<CoGovUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private async Task<bool> UserExistsAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.AnyAsync(u => u.Email == email);
    }

    private async Task<int> LoginCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.CountAsync(u => u.PasswordHash != null);
    }

    private async Task<int> UserCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.CountAsync();
    }

    private async Task<int> StoredRecordCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().StoredRecords.CountAsync();
    }
}
