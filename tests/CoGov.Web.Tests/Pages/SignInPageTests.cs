using System.Net;

namespace CoGov.Web.Tests.Pages;

/// <summary>How someone gets in: only through a login an administrator's invitation created.</summary>
public sealed class SignInPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task The_sign_in_page_offers_no_self_registration_and_says_where_a_login_comes_from()
    {
        using var client = app.CreateClient();

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Login"));

        Assert.Equal("Sign in to CoGov", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("Register", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("administrator sends you an invitation", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Nobody_can_register_a_login_of_their_own()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/Account/Register");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_plain_reason_and_no_sign_in()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Login"));

        var response = await client.PostFormAsync("/Account/Login", login.NamedForm("login")!, new Dictionary<string, string?>
        {
            ["Input.Email"] = CoGovWebApp.Steward,
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
