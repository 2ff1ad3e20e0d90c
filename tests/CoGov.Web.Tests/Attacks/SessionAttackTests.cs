using System.Net;
using CoGov.Web.Tests.Components.Pages;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Attacks with a session: a cookie kept after its member was removed, and forms posted from elsewhere without the
/// session's antiforgery token (cross-site request forgery). LeavingTests shows the removed member's cookie on a
/// hand-picked list of pages; here it is every page the app routes, found by reflection.
/// </summary>
[Trait("Category", "Attack")]
public sealed class SessionAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Members = $"/organisations/{DemoLogins.Organisation}/admin";

    [Fact]
    public async Task ARemovedMembersCookieIsNotFoundOnEveryPageAndKeptRecordOfTheOrganisationAtOnceAndWritesNothing()
    {
        var download = await AttackSurface.StoreARecordAsync(app, DemoLogins.Organisation);
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        string[] targets = [.. AttackSurface.PagesOf(AttackSurface.Riverside), download];
        var open = new List<string>();
        foreach (var target in targets)
        {
            if ((await tomasz.GetAsync(target)).StatusCode == HttpStatusCode.OK)
            {
                open.Add(target);
            }
        }
        // Enough of them were his before, so that their answering 404 afterwards means something.
        Assert.Contains(download, open);
        Assert.True(open.Count >= 10, $"Only {open.Count} pages were open to the steward before.");

        await RemoveAsync(DemoLogins.Tomasz);
        var before = await AttackSurface.FingerprintAsync(app);

        var answered = new List<string>();
        foreach (var target in targets)
        {
            // The same cookie, no time passed.
            var response = await tomasz.GetAsync(target);
            if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType == "application/pdf")
            {
                answered.Add($"{target}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(answered);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Theory]
    [InlineData(DemoLogins.Admin)]
    [InlineData(DemoLogins.Steward)]
    [InlineData(DemoLogins.Manager)]
    [InlineData(DemoLogins.ManagementChair)]
    public async Task EveryFormPostedWithoutItsAntiforgeryTokenIsRefusedWith400AndWritesNothing(string login)
    {
        using var client = await app.SignedInClientAsync(login);
        var forms = await AttackSurface.FormsAsync(client, AttackSurface.PagesOf(AttackSurface.Riverside));
        var before = await AttackSurface.FingerprintAsync(app);

        var accepted = new List<string>();
        foreach (var (page, handler, fields) in forms)
        {
            var forged = fields.Where(f => f.Key != AttackSurface.AntiforgeryField);
            var response = await client.PostAsync(page, new FormUrlEncodedContent(forged));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{handler} → {page}: {(int)response.StatusCode}");
            }
        }

        Assert.NotEmpty(forms);
        Assert.Empty(accepted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AFormPostedWithAnotherSessionsAntiforgeryTokenIsRefusedWith400AndWritesNothing()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var forms = await AttackSurface.FormsAsync(admin, [Members, $"/organisations/{DemoLogins.Organisation}/admin/people"]);
        // The steward's own token, from a page of theirs: valid, but for another login.
        var page = await CoGovWebApp.ParseAsync(await steward.GetAsync($"/organisations/{DemoLogins.Organisation}/systems/new"));
        var stewardsToken = page.QuerySelector($"input[name={AttackSurface.AntiforgeryField}]")!.GetAttribute("value")!;
        var before = await AttackSurface.FingerprintAsync(app);

        var accepted = new List<string>();
        foreach (var (target, handler, fields) in forms)
        {
            // The administrator's form, with the steward's token: what a page the administrator is tricked into would send.
            var forged = fields.Where(f => f.Key != AttackSurface.AntiforgeryField).Append(new(AttackSurface.AntiforgeryField, stewardsToken));
            var response = await admin.PostAsync(target, new FormUrlEncodedContent(forged));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{handler} → {target}: {(int)response.StatusCode}");
            }
        }

        Assert.NotEmpty(forms);
        Assert.Empty(accepted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    /// <summary>The administrator removes the member through the members page, as LeavingTests does.</summary>
    private async Task RemoveAsync(string email)
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var userId = await AttackSurface.UserIdAsync(app, email);
        var address = $"{Members}?remove={Uri.EscapeDataString(userId)}";
        var confirm = await CoGovWebApp.ParseAsync(await admin.GetAsync(address));
        var response = await admin.PostFormAsync(address, confirm.NamedForm($"leave-{userId}")!, new Dictionary<string, string?> { ["Leave.Action"] = "remove" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
