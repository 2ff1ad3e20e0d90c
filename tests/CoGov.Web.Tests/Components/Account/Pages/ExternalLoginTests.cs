using System.Net;
using CoGov.Web.Tests.Components.Pages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Account.Pages;

/// <summary>
/// No external sign-in provider is configured, so the scaffold's external login pages and endpoints are gone: left in,
/// nothing linked them, yet a hand-made post could still have started one and created a login.
/// </summary>
public sealed class ExternalLoginTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Theory]
    [InlineData("/Account/ExternalLogin")]
    [InlineData("/Account/Manage/ExternalLogins")]
    public async Task TheExternalLoginPagesAreNotThere(string address)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Posted as a browser would, with a valid antiforgery token, a post to either former endpoint is answered as a post
    /// to an address that never existed (this app answers those 400: the not-found page it re-executes has no form to
    /// take it), never with a challenge or redirect to a provider; and no endpoint of that name is mapped.
    /// </summary>
    [Theory]
    [InlineData("/Account/PerformExternalLogin")]
    [InlineData("/Account/Manage/LinkExternalLogin")]
    public async Task AnExternalLoginCannotBeStarted(string address)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var profile = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage"));
        var fields = profile.NamedForm("profile")!.Fields(new Dictionary<string, string?> { ["provider"] = "Google", ["returnUrl"] = "" });

        var response = await client.PostAsync(address, new FormUrlEncodedContent(fields));

        var nowhere = await client.PostAsync("/Account/NeverWasHere", new FormUrlEncodedContent(fields));
        Assert.Equal(nowhere.StatusCode, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(
            app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText?.Contains("External", StringComparison.OrdinalIgnoreCase) == true);
    }
}
