using System.Net;
using CoGov.Fixtures;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A stolen administrator's password is not enough where the organisation requires a second factor: the password alone
/// reaches the account pages, never the organisation's. Its own app, since it turns the requirement on.
/// </summary>
[Trait("Category", "Attack")]
public sealed class TwoFactorAttackTests(TwoFactorAttackTests.App app) : IClassFixture<TwoFactorAttackTests.App>
{
    public sealed class App : CoGovWebApp;

    private const string AdminPage = "/organisations/riverside-hospital/admin";

    [Fact]
    public async Task AnAdministratorsPasswordAloneIsSentToSetUpASecondFactorAndReachesTheAdministrationPageOnlyOnceEnrolled()
    {
        await RequireSecondFactorAsync();
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var membersBefore = await CountAsync(db => db.Memberships.CountAsync());

        var refused = await admin.GetAsync(AdminPage);
        var refusedPost = await admin.PostAsync(AdminPage, new FormUrlEncodedContent(
            [new("_handler", "invite"), new("Invite.Email", "intruder@example.org"), new("Invite.Roles[Admin]", "true")]));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.EndsWith("Account/Manage/TwoFactorAuthentication?requiredBy=riverside-hospital", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refusedPost.StatusCode);
        Assert.Equal(membersBefore, await CountAsync(db => db.Memberships.CountAsync()));
        var setUp = await CoGovWebApp.ParseAsync(await admin.GetAsync(refused.Headers.Location.OriginalString));
        Assert.Contains("requires its administrators and committee chairs", setUp.Body!.TextContent, StringComparison.Ordinal);

        var enable = await CoGovWebApp.ParseAsync(await admin.GetAsync("/Account/Manage/EnableAuthenticator"));
        Assert.NotNull(enable.QuerySelector(".cogov-qr-code svg"));
        Assert.Empty(enable.QuerySelectorAll(".cogov-qr-code script"));
        var key = enable.QuerySelector("kbd")!.TextContent;
        var enrolled = await admin.PostFormAsync("/Account/Manage/EnableAuthenticator", enable.NamedForm("send-code")!,
            new Dictionary<string, string?> { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(AdminPage)).StatusCode);
    }

    [Fact]
    public async Task AChairWithoutASecondFactorStillReachesTheirOwnAccountPages()
    {
        await RequireSecondFactorAsync();
        using var chair = await app.SignedInClientAsync(DemoLogins.Helen);

        Assert.Equal(HttpStatusCode.Redirect, (await chair.GetAsync("/organisations/riverside-hospital")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync("/Account/Manage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync("/Account/Manage/Passkeys")).StatusCode);
    }

    [Fact]
    public async Task AChairWithAPasskeyAndNoAuthenticatorReachesTheOrganisationWhileAChairWithNeitherIsSentToSetOneUp()
    {
        await RequireSecondFactorAsync();
        await AddPasskeyAsync(DemoLogins.Leila);
        using var withPasskey = await app.SignedInClientAsync(DemoLogins.Leila);
        using var withNeither = await app.SignedInClientAsync(DemoLogins.Helen);

        var reached = await withPasskey.GetAsync("/organisations/riverside-hospital");
        var sent = await withNeither.GetAsync("/organisations/riverside-hospital");

        Assert.Equal(HttpStatusCode.OK, reached.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.EndsWith("Account/Manage/TwoFactorAuthentication?requiredBy=riverside-hospital", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        Assert.False((await users.FindByEmailAsync(DemoLogins.Leila))!.TwoFactorEnabled);
    }

    /// <summary>Stores a passkey for the login as Identity does once a browser has made one; no authenticator app.</summary>
    private async Task AddPasskeyAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var passkey = new UserPasskeyInfo(Guid.NewGuid().ToByteArray(), new byte[77], app.Clock.GetUtcNow(), 0, ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: []);
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
    }

    private async Task RequireSecondFactorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ChangeTwoFactorRequirement(DemoLogins.Organisation, Required: true));
    }

    private async Task<int> CountAsync(Func<CoGovDbContext, Task<int>> count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }

    /// <summary>The code an authenticator app shows now for the key the page gave (RFC 6238, by Otp.NET).</summary>
    private static string Totp(string shownKey) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();
}
