using System.Net;
using CoGov.Web.Tests.Components.Pages;

namespace CoGov.Web.Tests.Components.Account.Pages;

/// <summary>
/// A member's own login pages. A message says whether it reports a failure through the page or the redirect that
/// carries it, not through its English first word, so a translated failure still shows as one.
/// </summary>
public sealed class AccountPagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AFailureCarriedOverARedirectShowsAsAFailure()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync("/Account/Manage/RenamePasskey/not*a*passkey");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("Account/Manage/Passkeys", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage/Passkeys"));
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("alert-danger", alert.ClassList);
        Assert.Contains("that passkey ID is not in a valid format", alert.TextContent);
    }

    [Fact]
    public async Task ASuccessCarriedOverARedirectShowsAsASuccess()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var profile = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage"));

        var response = await client.PostFormAsync("/Account/Manage", profile.NamedForm("profile")!,
            new Dictionary<string, string?> { ["Input.PhoneNumber"] = "+44 20 7946 0018" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage"));
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("alert-success", alert.ClassList);
        Assert.Contains("Your profile is saved.", alert.TextContent);
    }

    [Fact]
    public async Task TheAccountPagesSpeakOfSigningInAndEMailAddresses()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage/Email"));

        Assert.Equal("Your e-mail address · CoGov", page.Title);
        Assert.Equal(
            ["Profile", "E-mail address", "Password", "Two-factor authentication", "Passkeys", "Mail from CoGov", "Personal access tokens", "Personal data"],
            page.QuerySelectorAll(".nav-link").Select(a => a.TextContent.Trim()));
    }
}
