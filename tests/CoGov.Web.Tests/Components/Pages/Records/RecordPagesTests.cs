using System.Net;
using CoGov.Workflows.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Records;

public sealed class RecordPagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string RecordPage = "/organisations/riverside-hospital/systems/rostering/cycles/1/record";

    [Fact]
    public async Task AMemberReadsThePrintableRecordOfACycleFromItsPageWithoutTheAppsBar()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var cyclePage = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/systems/rostering?cycle=1"));
        Assert.Contains(cyclePage.QuerySelectorAll("a"), a => a.GetAttribute("href") == RecordPage.TrimStart('/'));
        var response = await client.GetAsync(RecordPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal(Enumerable.Range(1, 19).Select(n => n.ToString()), page.QuerySelectorAll(".doc-question").Select(q => q.GetAttribute("data-number")));
        Assert.Equal(19, page.QuerySelectorAll(".doc-question .doc-answer:not(.doc-resolution)").Length);
        Assert.Null(page.QuerySelector("header.cogov-bar"));
        Assert.Equal("en", page.QuerySelector(".cogov-record")!.GetAttribute("lang"));
        Assert.Matches("^[0-9a-f]{64}$", page.QuerySelector("[data-head-hash]")!.TextContent);
    }

    [Fact]
    public async Task AnotherOrganisationsMemberGetsNotFound()
    {
        using var client = await OtherStewardAsync();

        var response = await client.GetAsync(RecordPage);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithoutChromiumTheRecordPageSaysHowToInstallItAndTheRecordStillReads()
    {
        await using var withoutChromium = app.WithWebHostBuilder(b => b.UseSetting("Records:ChromiumPath", "/nonexistent/chromium"));
        using var client = await CoGovWebApp.SignInAsync(
            withoutChromium.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(RecordPage));

        var status = page.QuerySelector(".cogov-record-unavailable")!.TextContent;
        Assert.Contains("Chromium is not installed", status, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", status, StringComparison.Ordinal);
        Assert.Null(page.NamedForm(CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm));
        Assert.Equal(19, page.QuerySelectorAll(".doc-question").Length);
        // The cycle's own page is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisations/riverside-hospital/systems/rostering?cycle=1")).StatusCode);
    }

    /// <summary>A steward of the other organisation, with a login of their own (created once, whichever test asks first).</summary>
    private async Task<HttpClient> OtherStewardAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(OtherOrganisation.AccountsFileName, OtherOrganisation.Accounts, CancellationToken.None);
        }
        return await app.SignedInClientAsync(OtherOrganisation.Steward);
    }
}
