using System.Net;
using CoGov.Web.Components.Pages.MailPreferences;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.MailPreferences;

/// <summary>
/// Where a person chooses every mail or one daily digest: signed in from the profile menu, or with the link from any
/// mail without a login.
/// </summary>
public sealed class MailPreferencesPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = DemoLogins.Organisation;

    private async Task<MailDelivery?> StoredAsync(string personKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var person = await db.People.Where(p => p.Key == personKey).Select(p => p.Id).SingleAsync();
        return await db.MailPreferences.Where(p => p.PersonId == person).Select(p => (MailDelivery?)p.Delivery).SingleOrDefaultAsync();
    }

    private async Task<string> LinkForAsync(string personKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().People.Where(p => p.Key == personKey).Select(p => p.Id).SingleAsync();
        return "/" + MailPreferencesPage.Url(Organisation, scope.ServiceProvider.GetRequiredService<MailPreferenceLink>().For(person, Organisation));
    }

    [Fact]
    public async Task ASignedInPersonChoosesTheDailyDigestForThemselves()
    {
        using var kwame = await app.SignedInClientAsync(DemoLogins.Kwame);
        var address = "/" + MailPreferencesPage.Url(Organisation);
        var page = await CoGovWebApp.ParseAsync(await kwame.GetAsync(address));
        var form = page.NamedForm("mail-preference")!;
        Assert.Contains("Kwame Asante", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#delivery-every")!).IsChecked);

        var saved = await kwame.PostFormAsync(address, form, new Dictionary<string, string?> { ["Form.Delivery"] = nameof(MailDelivery.DailyDigest) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), saved.Headers.Location!).PathAndQuery;
        Assert.Equal("/" + MailPreferencesPage.Url(Organisation, saved: true), location);
        Assert.Equal(MailDelivery.DailyDigest, await StoredAsync("kwame-asante"));
        var after = await CoGovWebApp.ParseAsync(await kwame.GetAsync(location));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)after.QuerySelector("#delivery-digest")!).IsChecked);
        Assert.Contains("Saved: one daily digest at 08:00 (Europe/London).", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProfileMenuLeadsToThePreferencesOfEachOrganisationThePersonIsIn()
    {
        using var helen = await app.SignedInClientAsync(DemoLogins.Helen);

        var profile = await CoGovWebApp.ParseAsync(await helen.GetAsync("/Account/Manage"));
        var list = await CoGovWebApp.ParseAsync(await helen.GetAsync("/" + MailPreferencesPage.Url()));

        Assert.Contains(profile.QuerySelectorAll("a"), a => a.GetAttribute("href") == MailPreferencesPage.Url());
        Assert.Contains(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == MailPreferencesPage.Url(Organisation));
    }

    [Fact]
    public async Task TheLinkInAMailOpensThatPersonsPreferencesWithoutALoginAndChangesTheirsAlone()
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = await LinkForAsync("priya-nair");

        var page = await CoGovWebApp.ParseAsync(await anonymous.GetAsync(link));
        Assert.Contains("Priya Nair", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var saved = await anonymous.PostFormAsync(link, page.NamedForm("mail-preference")!, new Dictionary<string, string?> { ["Form.Delivery"] = nameof(MailDelivery.DailyDigest) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("saved=true", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(MailDelivery.DailyDigest, await StoredAsync("priya-nair"));
        Assert.Null(await StoredAsync("daniel-reyes"));
    }

    [Fact]
    public async Task WithoutALoginOrALinkThePageSendsTheVisitorToLogIn()
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/" + MailPreferencesPage.Url(Organisation));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
