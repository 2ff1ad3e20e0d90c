using System.Net;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Someone with no login aims at the hospital: every page of it, a kept record, and every form of it posted with a
/// token the login page hands to anyone. Each is sent to sign in, never given a page, a PDF or data, and nothing is written.
/// </summary>
[Trait("Category", "Attack")]
public sealed class AnonymousAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    /// <summary>What the hospital's pages would give away if any of them answered.</summary>
    private static readonly string[] Secrets = ["ShiftWise", "Amara Okafor", "Daniel Reyes", "Calderbrook", "TrackPoint"];

    [Fact]
    public async Task EveryOrganisationPageAndKeptRecordAskedForAnonymouslyRedirectsToSignInAndWritesNothing()
    {
        var download = await AttackSurface.StoreARecordAsync(app, DemoLogins.Organisation);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        string[] targets = [.. AttackSurface.PagesOf(AttackSurface.Riverside), download];
        var before = await AttackSurface.FingerprintAsync(app);

        var answered = new List<string>();
        foreach (var target in targets)
        {
            var response = await anonymous.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal);
            if (!toLogin || response.Content.Headers.ContentType?.MediaType == "application/pdf" || body.StartsWith("%PDF", StringComparison.Ordinal)
                || Secrets.Any(s => body.Contains(s, StringComparison.Ordinal)))
            {
                answered.Add($"{target}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(targets.Length >= 20, $"Only {targets.Length} targets found by reflection: the route enumeration is broken.");
        Assert.Empty(answered);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task EveryOrganisationFormPostedAnonymouslyWithAnAnonymousAntiforgeryTokenIsRefusedAndWritesNothing()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var pages = AttackSurface.PagesOf(AttackSurface.Riverside);
        var forms = (await AttackSurface.FormsAsync(admin, pages)).Concat(await AttackSurface.FormsAsync(steward, pages)).ToList();
        // A token anyone can have: the login page's, for the anonymous session it opens.
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var login = await CoGovWebApp.ParseAsync(await anonymous.GetAsync("/Account/Login"));
        var token = login.QuerySelector($"input[name={AttackSurface.AntiforgeryField}]")!.GetAttribute("value")!;
        var before = await AttackSurface.FingerprintAsync(app);

        var accepted = new List<string>();
        foreach (var (page, handler, fields) in forms)
        {
            var anonymousFields = fields.Where(f => f.Key != AttackSurface.AntiforgeryField).Append(new(AttackSurface.AntiforgeryField, token));
            var response = await anonymous.PostAsync(page, new FormUrlEncodedContent(anonymousFields));
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal);
            if (!toLogin && response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{handler} → {page}: {(int)response.StatusCode}");
            }
        }

        Assert.True(forms.Count >= 10, $"Only {forms.Count} forms found on the hospital's pages.");
        Assert.Empty(accepted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }
}
