using System.Net;
using CoGov.Web.Tests.Components.Pages;

namespace CoGov.Web.Tests.Components.Account.Pages.Manage;

public sealed class ProfilePageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Profile = "/Account/Manage";

    [Fact]
    public async Task TheProfileSavesWithThePhoneNumberLeftEmpty()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Priya);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Profile));

        var response = await client.PostFormAsync(Profile, page.NamedForm("profile")!, new Dictionary<string, string?> { ["Input.PhoneNumber"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("Your profile is saved.", after.Body!.TextContent);
    }

    [Fact]
    public async Task APhoneNumberThatIsNoneIsStillRefused()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Kwame);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Profile));

        var response = await client.PostFormAsync(Profile, page.NamedForm("profile")!, new Dictionary<string, string?> { ["Input.PhoneNumber"] = "not a number" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await CoGovWebApp.ParseAsync(response)).QuerySelector(".validation-message"));
    }
}
