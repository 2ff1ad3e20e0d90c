using System.Net;
using CoGov.Workflows.Records;
using CoGov.E2E.Tests;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Every response tells the browser what decision record 17 says: framing, sniffing, inline script, other hosts and the
/// referrer all refused; pages, a record's PDF, a static file and a 404 alike. Behind a TLS proxy the forwarded scheme
/// is believed only from a trusted proxy's address: then HSTS is sent and cookies are Secure; from anyone else the
/// header changes nothing.
/// </summary>
[Trait("Category", "Attack")]
public sealed class SecurityHeaderAttackTests(SecurityHeaderAttackTests.Apps apps) : IClassFixture<SecurityHeaderAttackTests.Apps>
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string Permissions = "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
        + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), screen-wake-lock=(), "
        + "sync-xhr=(), usb=(), xr-spatial-tracking=()";

    /// <summary>The demo in memory, and two instances at https://cogov.example.org on 127.0.0.1: one trusting the test as its proxy, one not.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        public CoGovWebApp Demo { get; } = new();

        public ListeningCoGovWebApp BehindTrustedProxy { get; } =
            new(demo: false, new Dictionary<string, string> { ["App:PublicOrigin"] = ListeningCoGovWebApp.Origin });

        public ListeningCoGovWebApp ReachedByAStranger { get; } =
            new(demo: false, new Dictionary<string, string>(ListeningCoGovWebApp.TrustNoOne) { ["App:PublicOrigin"] = ListeningCoGovWebApp.Origin });

        public async Task InitializeAsync()
        {
            await Demo.InitializeAsync();
            await BehindTrustedProxy.InitializeAsync();
            await ReachedByAStranger.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Demo.DisposeAsync();
            await BehindTrustedProxy.DisposeAsync();
            await ReachedByAStranger.DisposeAsync();
        }
    }

    public static TheoryData<string> MainPageNames() => MainPages.Names();

    [Theory]
    [MemberData(nameof(MainPageNames))]
    public async Task AMainPageCarriesTheSecurityHeaders(string name)
    {
        var page = MainPages.Named(name);
        using var client = await apps.Demo.SignedInClientAsync(page.Email);

        var response = await client.GetAsync(page.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/ForgotPassword")]
    [InlineData("/favicon.png")]
    [InlineData("/js/drafts.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    public async Task AnAnonymousPageAndAStaticFileCarryTheSecurityHeaders(string path)
    {
        using var client = apps.Demo.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task ANotFoundPageCarriesTheSecurityHeaders()
    {
        using var client = apps.Demo.CreateClient();

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task ARecordsPdfDownloadCarriesTheSecurityHeaders()
    {
        var download = await StoreARecordAsync();
        using var client = await apps.Demo.SignedInClientAsync(DemoLogins.WorkersChair);

        var response = await client.GetAsync(download);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        AssertHeaders(response);
    }

    [Fact]
    public async Task NoPageOfTheAppRendersAnInlineScript()
    {
        using var client = await apps.Demo.SignedInClientAsync(DemoLogins.Steward);

        foreach (var path in new[] { "/Account/Login", MainPages.Named("question-review").Path, MainPages.Named("overview").Path })
        {
            var page = await CoGovWebApp.ParseAsync(await client.GetAsync(path));
            Assert.All(page.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), $"{path} has an inline script: {s.OuterHtml}"));
        }
    }

    [Fact]
    public async Task BehindATrustedTlsProxyTheResponseIsHttpsWithHstsAndASecureCookie()
    {
        using var client = apps.BehindTrustedProxy.Client();

        var response = await client.SendAsync(Proxied("Account/Login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("(?i); samesite=(lax|strict)", c);
        });
    }

    [Fact]
    public async Task AForwardedHttpsFromAStrangerIsIgnoredAndThePlainRequestIsSentToHttps()
    {
        using var client = apps.ReachedByAStranger.Client();

        var response = await client.SendAsync(Proxied("Account/Login"));

        // Seen as the plain http it is: redirected to the public origin's https, no page, no HSTS, no cookie.
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{ListeningCoGovWebApp.Origin}/Account/Login", response.Headers.Location!.AbsoluteUri);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        AssertHeaders(response);
    }

    [Fact]
    public async Task AHostOtherThanThePublicOriginsIsRefusedEvenFromATrustedProxy()
    {
        using var client = apps.BehindTrustedProxy.Client();
        var request = Proxied("Account/Login");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    /// <summary>What a TLS proxy sends on: the public Host, and the scheme it was reached over.</summary>
    private static HttpRequestMessage Proxied(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = new Uri(ListeningCoGovWebApp.Origin).Host;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");
        return request;
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Csp, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        // Everything a page of CoGov never needs is off; passkeys keep the browser's default (this origin only).
        Assert.Equal(Permissions, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    private async Task<string> StoreARecordAsync()
    {
        await using var scope = apps.Demo.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var organisation = await db.Organisations.Include(o => o.People).SingleAsync(o => o.Key == DemoLogins.Organisation);
        var by = organisation.People.First();
        var record = new StoredRecord(RecordKind.MeetingPack, organisation.Id, null, null, null, new DateOnly(2026, 11, 23),
            "meeting-pack.pdf", "%PDF-1.7 headers"u8.ToArray(), by.Id, by.Name, apps.Demo.Clock.GetUtcNow(), null);
        db.Add(record);
        await db.SaveChangesAsync();
        return CoGov.Web.Records.RecordsRegistration.DownloadUrl(DemoLogins.Organisation, record.Id);
    }
}
