using System.Net;
using CoGov.Web.Tests.Components.Pages;

namespace CoGov.Web.Tests.Components.Account.Pages;

/// <summary>How someone gets in: only through a login an administrator's invitation created.</summary>
public sealed class SignInPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task TheSignInPageOffersNoSelfRegistrationAndSaysWhereALoginComesFrom()
    {
        using var client = app.CreateClient();

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Login"));

        Assert.Equal("Sign in to CoGov", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("Register", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("administrator sends you an invitation", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task NobodyCanRegisterALoginOfTheirOwn()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/Account/Register");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAPlainReasonAndNoSignIn()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Login"));

        var response = await client.PostFormAsync("/Account/Login", login.NamedForm("login")!, new Dictionary<string, string?>
        {
            ["Input.Email"] = DemoLogins.Steward,
            ["Input.Password"] = "not-the-password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)));
        var page = await CoGovWebApp.ParseAsync(response);
        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("that e-mail address and password do not match a login", alert.TextContent);
        Assert.Contains("alert-danger", alert.ClassList);
    }
}
