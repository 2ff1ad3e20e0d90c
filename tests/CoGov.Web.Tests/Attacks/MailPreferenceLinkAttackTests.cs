using System.Net;
using CoGov.Web.Components.Pages.MailPreferences;
using CoGov.Web.Infrastructure;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// The preferences link in every mail opens without a login, so it is tried as an attacker would: a token made up,
/// one altered, one expired, and a genuine one used at another organisation's address. Each is refused with the same
/// message, and nothing is stored.
/// </summary>
[Trait("Category", "Attack")]
public sealed class MailPreferenceLinkAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = DemoLogins.Organisation;

    private async Task<Guid> PersonAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().People.Where(p => p.Key == key).Select(p => p.Id).SingleAsync();
    }

    public static TheoryData<string> Forgeries => ["made-up", "altered", "expired", "other-organisation"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task AForgedAlteredExpiredOrMisplacedLinkIsRefusedAndChangesNothing(string forgery)
    {
        using var attacker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var links = app.Services.GetRequiredService<MailPreferenceLink>();
        var priya = await PersonAsync("priya-nair");
        // The attacker's own genuine link gives them a form and its antiforgery fields to replay.
        var own = "/" + MailPreferencesPage.Url(Organisation, links.For(await PersonAsync("tomasz-nowak"), Organisation));
        var form = (await CoGovWebApp.ParseAsync(await attacker.GetAsync(own))).NamedForm("mail-preference")!;
        var genuine = links.For(priya, Organisation);
        var address = forgery switch
        {
            "made-up" => "/" + MailPreferencesPage.Url(Organisation, "CfDJ8" + new string('A', 120)),
            "altered" => "/" + MailPreferencesPage.Url(Organisation, genuine[..^4] + (genuine[^4] == 'A' ? "BBBB" : "AAAA")),
            "expired" => "/" + MailPreferencesPage.Url(Organisation,
                new MailPreferenceLink(app.Services.GetRequiredService<IDataProtectionProvider>(), new FakeTimeProvider(app.Clock.GetUtcNow().AddDays(-200))).For(priya, Organisation)),
            _ => "/" + MailPreferencesPage.Url(OtherOrganisation.Key, genuine),
        };
        var before = await AttackSurface.FingerprintAsync(app);

        var opened = await CoGovWebApp.ParseAsync(await attacker.GetAsync(address));
        var posted = await attacker.PostFormAsync(address, form, new Dictionary<string, string?> { ["Form.Delivery"] = nameof(MailDelivery.DailyDigest) });

        Assert.Contains("This link has expired or is not a link CoGov made.", opened.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(opened.NamedForm("mail-preference"));
        Assert.DoesNotContain("Priya", opened.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }
}
