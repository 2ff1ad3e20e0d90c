using System.Net;
using CoGov.Web.Archives;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// The organisation's archive asked for by everyone but its administrators (decision record 26): members of it without
/// the role, another organisation's administrator, a form without its antiforgery token, a plain GET and no login. Each
/// gets no file, and nothing is audited or mailed.
/// </summary>
[Trait("Category", "Attack")]
public sealed class OrganisationExportAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private static readonly string Riverside = "/" + OrganisationExportDownload.Url(DemoLogins.Organisation);

    [Theory]
    [InlineData(DemoLogins.Steward)]
    [InlineData(DemoLogins.Manager)]
    [InlineData(DemoLogins.ManagementChair)]
    [InlineData(DemoLogins.WorkersChair)]
    [InlineData(OtherOrganisation.Steward)]
    public async Task AnyoneButTheOrganisationsAdministratorGets404WithNoFileAndNothingIsAuditedOrMailed(string login)
    {
        // The other organisation's logins are made on first use.
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        using var client = await app.SignedInClientAsync(login);
        var before = await AttackSurface.FingerprintAsync(app);

        var response = await client.PostAsync(Riverside, new FormUrlEncodedContent([await TokenAsync(client)]));

        await AssertNoArchiveAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AnAdministratorOfOneOrganisationGets404ForAnotherWithNoFileAndNothingIsAuditedOrMailed()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await AttackSurface.FingerprintAsync(app);

        var response = await admin.PostAsync("/" + OrganisationExportDownload.Url(OtherOrganisation.Key), new FormUrlEncodedContent([await TokenAsync(admin)]));

        await AssertNoArchiveAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task TheAdministratorsExportPostedWithoutItsTokenWithAnotherSessionsOrAsAGetIsRefusedAndNothingIsWritten()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var stewardsToken = await TokenAsync(steward);
        var before = await AttackSurface.FingerprintAsync(app);

        // A page elsewhere posting the administrator's browser to the address, without a token or with its own session's.
        var withoutToken = await admin.PostAsync(Riverside, new FormUrlEncodedContent([]));
        var withAnotherToken = await admin.PostAsync(Riverside, new FormUrlEncodedContent([stewardsToken]));
        // A link, a prefetch or a crawler: a GET changes nothing and answers no file.
        var get = await admin.GetAsync(Riverside);

        await AssertNoArchiveAsync(withoutToken, HttpStatusCode.BadRequest);
        await AssertNoArchiveAsync(withAnotherToken, HttpStatusCode.BadRequest);
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        await AssertNoArchiveAsync(get, get.StatusCode);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task NoLoginIsSentToSignInWithNoFileAndNothingIsWritten()
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var before = await AttackSurface.FingerprintAsync(app);

        var response = await anonymous.PostAsync(Riverside, new FormUrlEncodedContent([]));

        await AssertNoArchiveAsync(response, HttpStatusCode.Redirect);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    /// <summary>The session's own antiforgery token, from a page every signed-in login has.</summary>
    private static async Task<KeyValuePair<string, string>> TokenAsync(HttpClient client)
    {
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/Manage"));
        var token = page.QuerySelector($"input[name={AttackSurface.AntiforgeryField}]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The account page has no antiforgery token.");
        return new(AttackSurface.AntiforgeryField, token);
    }

    private static async Task AssertNoArchiveAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, response.StatusCode);
        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.False(response.Headers.Contains("X-Content-SHA256"));
        // A zip begins "PK".
        Assert.False(body is [(byte)'P', (byte)'K', ..], "The answer is a zip.");
    }
}
