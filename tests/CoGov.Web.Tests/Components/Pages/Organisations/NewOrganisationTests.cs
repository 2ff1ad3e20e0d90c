using System.Net;
using CoGov.Web.Components.Pages.Organisations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;

namespace CoGov.Web.Tests.Components.Pages.Organisations;

/// <summary>The operators' page for a further organisation.</summary>
public sealed class NewOrganisationTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private static readonly string Address = "/" + NewOrganisation.Url();

    [Fact]
    public async Task AnOrganisationsAdministratorWhoIsNoOperatorGetsNotFound()
    {
        var client = await app.SignedInClientAsync(DemoLogins.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Address)).StatusCode);
    }

    [Fact]
    public async Task AnOperatorCreatesAnOrganisationThatTheyAdministerWithTheirOwnLogin()
    {
        await using var operated = app.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        var client = await CoGovWebApp.SignInAsync(operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Address));

        var response = await client.PostFormAsync(Address, page.NamedForm("new-organisation")!, new Dictionary<string, string?>
        {
            ["Form.Name"] = "Riverside Care Homes",
            ["Form.Key"] = "riverside-care",
            ["Form.CommitteeName"] = "Care Homes Joint Committee",
            ["Form.AdminName"] = "Tomasz Nowak",
            ["Form.AdminEmail"] = DemoLogins.Tomasz,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/" + Organisation.Url("riverside-care"), response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + Organisation.Url("riverside-care"))).StatusCode);
        // Their own login, with the password they had.
        Assert.NotNull(await CoGovWebApp.SignInAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz));
    }
}
