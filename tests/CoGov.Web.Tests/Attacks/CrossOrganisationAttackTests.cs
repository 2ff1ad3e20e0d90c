using System.Net;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A member of the hospital aims at Northfield Transit: every page of it, every kept record of it, every form posted to
/// it. Each is answered 404, exactly as for an organisation that does not exist, and nothing is written. The engine's
/// side of this (every request about an organisation, sent as a member of another) is RequestAuthorisationTests; the
/// browser's is the E2E AuthorisationTests.
/// </summary>
[Trait("Category", "Attack")]
public sealed class CrossOrganisationAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    /// <summary>What the other organisation's pages would give away if any of them answered.</summary>
    private static readonly string[] Secrets = ["Northfield", OtherOrganisation.SystemName, "RouteCo", "Sam Ode", "Kim Lee", "Schedules drivers"];

    [Theory]
    [InlineData(DemoLogins.Steward)]
    [InlineData(DemoLogins.Admin)]
    public async Task EveryPageOfAnotherOrganisationIsNotFoundForAMemberOfOneAndWritesNothing(string attacker)
    {
        using var client = await app.SignedInClientAsync(attacker);
        var samUserId = await AttackSurface.NorthfieldStewardUserIdAsync(app);
        string[] pages =
        [
            .. AttackSurface.PagesOf(AttackSurface.Northfield),
            // The members page's confirmations, aimed at the other organisation's login.
            $"/organisations/{OtherOrganisation.Key}/admin?remove={samUserId}",
            $"/organisations/{OtherOrganisation.Key}/admin?revoke={samUserId}",
        ];
        var before = await AttackSurface.FingerprintAsync(app);

        var answered = new List<string>();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || Secrets.Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                answered.Add($"{page}: {(int)response.StatusCode}");
            }
        }

        Assert.True(pages.Length >= 20, $"Only {pages.Length} pages found by reflection: the route enumeration is broken.");
        Assert.Empty(answered);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AnotherOrganisationsKeptRecordIsNotFoundForAMemberOfOneEvenUnderTheirOwnOrganisationsAddress()
    {
        var download = await AttackSurface.StoreARecordAsync(app, OtherOrganisation.Key);
        var recordId = download.Split('/')[^2];
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await AttackSurface.FingerprintAsync(app);

        var direct = await admin.GetAsync(download);
        // The record's id under the attacker's own organisation, where they are a member.
        var underOwn = await admin.GetAsync($"/organisations/{DemoLogins.Organisation}/records/{recordId}/download");

        foreach (var response in new[] { direct, underOwn })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("secret of", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task EveryFormOfOneOrganisationPostedToAnotherWithAValidAntiforgeryTokenIsRefusedAndWritesNothing()
    {
        // The administrator sees every form of the hospital's pages; each is posted, with its own session's valid
        // token and fields, to the same page of Northfield.
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var ownPages = AttackSurface.PagesOf(AttackSurface.Riverside);
        var otherPages = AttackSurface.PagesOf(AttackSurface.Northfield);
        var forms = new List<(HttpClient Client, string Page, string Handler, List<KeyValuePair<string, string>> Fields)>();
        foreach (var client in new[] { admin, steward })
        {
            forms.AddRange((await AttackSurface.FormsAsync(client, ownPages)).Select(f => (client, f.Page, f.Handler, f.Fields)));
        }
        var before = await AttackSurface.FingerprintAsync(app);

        var accepted = new List<string>();
        foreach (var (client, page, handler, fields) in forms)
        {
            var target = otherPages[ownPages.ToList().IndexOf(page)];
            Assert.Contains(fields, f => f.Key == AttackSurface.AntiforgeryField);
            var response = await client.PostAsync(target, new FormUrlEncodedContent(fields));
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest))
            {
                accepted.Add($"{handler} → {target}: {(int)response.StatusCode}");
            }
        }

        Assert.True(forms.Count >= 10, $"Only {forms.Count} forms found on the hospital's pages.");
        Assert.Empty(accepted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }
}
