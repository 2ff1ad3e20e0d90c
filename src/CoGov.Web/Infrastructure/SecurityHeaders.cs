using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// What every response tells the browser (decision record 17): scripts and everything else only from CoGov itself, no
/// framing, no sniffing, no referrer, HTTPS remembered; and every cookie Secure, HttpOnly and SameSite=Lax.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>A year: the usual HSTS lifetime once a site is known to stay on https.</summary>
    private const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    /// <summary>The public origin and trusted proxies (<see cref="PublicOriginRegistration"/>), the headers and the cookie flags.</summary>
    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.AddPublicOrigin();
        builder.Services.AddSecurityHeaderPolicies(policies => policies.AddPolicy(ScriptNoncePolicy, Policies(scriptNonce: true)));
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<CookiePolicyOptions>().Configure<IOptions<PublicOriginOptions>>((cookies, origin) =>
        {
            // Outside Development the origin is https (or loopback), so only a developer's plain-http run sends cookies
            // without Secure; behind a TLS proxy the forwarded scheme makes the request https and the cookie Secure.
            cookies.Secure = origin.Value.Parse(development, out _) is { Scheme: "https" } || !development
                ? CookieSecurePolicy.Always
                : CookieSecurePolicy.SameAsRequest;
            cookies.HttpOnly = HttpOnlyPolicy.Always;
            // Lax, not Strict: a link in a mail (a question, an invitation) is a cross-site navigation, and Strict would
            // show it signed out. Lax still keeps the cookie off cross-site posts, behind the antiforgery token.
            cookies.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so static files, record downloads, 404s and error pages carry the headers too.</summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        // Everything after sees the scheme and client the trusted proxy saw, so HSTS and Secure follow a TLS proxy.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(Policies());
        app.UseHttpsWhenTheOriginIs();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>The policy of the API's reference page (<see cref="Api.ApiReference"/>): the same, with a nonce for its inline configuration.</summary>
    public const string ScriptNoncePolicy = "script-nonce";

    public static HeaderPolicyCollection Policies(bool scriptNonce = false) => new HeaderPolicyCollection()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            // No inline script at all: every script is a file of CoGov's own, so an injected <script> or on*= never runs.
            // The one exception is the API's reference page, whose own policy lets its configuration run by nonce.
            var scripts = csp.AddScriptSrc().Self();
            if (scriptNonce)
            {
                scripts.WithNonce();
            }
            // MudBlazor writes its theme as a <style> element and its components carry style attributes. Inline style
            // cannot run code, and with every other source 'self' it cannot load anything from elsewhere either.
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            // Blazor's reconnecting socket, if a page is ever interactive, goes to the same origin.
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        })
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        // Evidence links lead to other sites; that a union uses CoGov at this address is not theirs to learn. Not
        // no-referrer: with it the browser sends `Origin: null` on CoGov's own form posts, and Identity checks a new
        // passkey against the post's Origin, so no passkey could be added.
        .AddReferrerPolicySameOrigin()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddCrossOriginResourcePolicy(corp => corp.SameOrigin())
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddAccelerometer().None();
            permissions.AddAutoplay().None();
            permissions.AddCamera().None();
            permissions.AddDisplayCapture().None();
            permissions.AddEncryptedMedia().None();
            permissions.AddFullscreen().None();
            permissions.AddGeolocation().None();
            permissions.AddGyroscope().None();
            permissions.AddMagnetometer().None();
            permissions.AddMicrophone().None();
            permissions.AddMidi().None();
            permissions.AddPayment().None();
            permissions.AddPictureInPicture().None();
            permissions.AddScreenWakeLock().None();
            permissions.AddSyncXHR().None();
            permissions.AddUsb().None();
            permissions.AddXrSpatialTracking().None();
            // Passkeys (publickey-credentials-get/create) are left at the browser's default, this origin only.
        })
        // Only on https responses; a developer's https://localhost is left out so it is not pinned for a year.
        .AddStrictTransportSecurity(HstsMaxAgeSeconds, includeSubdomains: false, preload: false, excludedHosts: ["localhost", "127.0.0.1", "[::1]"])
        .RemoveServerHeader();
}
