using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Infrastructure;

/// <summary>The <c>App</c> section: where people reach CoGov, and which proxies in front of it may say so.</summary>
public sealed class PublicOriginOptions
{
    public const string Section = "App";

    /// <summary>The scheme, host and port people open CoGov at, e.g. <c>https://cogov.example.org</c>.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// The addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>) of the reverse proxies whose X-Forwarded-* headers
    /// are believed. Anyone else's are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The configured origin, or why it is not one; null when none is configured.</summary>
    internal Uri? Parse(bool development, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(PublicOrigin))
        {
            if (!development)
            {
                error = "App:PublicOrigin is not set. Set it to the address people open CoGov at, for example "
                    + "--App:PublicOrigin=https://cogov.example.org or App__PublicOrigin in the environment: every link in a mail is built from it.";
            }
            return null;
        }
        if (!Uri.TryCreate(PublicOrigin.Trim(), UriKind.Absolute, out var origin)
            || origin.Scheme is not ("https" or "http")
            || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0 || origin.UserInfo.Length > 0)
        {
            error = $"App:PublicOrigin '{PublicOrigin}' is not an origin: give the scheme, host and port only, for example https://cogov.example.org.";
            return null;
        }
        if (origin.Scheme == "http" && !development && !origin.IsLoopback)
        {
            error = $"App:PublicOrigin '{PublicOrigin}' is plain http: outside Development CoGov is reached over https (put a TLS proxy in front of it).";
            return null;
        }
        return new Uri(origin.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The trusted proxies as addresses and networks; loopback when none is configured.</summary>
    internal (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks, string? Error) ParseProxies()
    {
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                return ([], [], $"App:TrustedProxies has '{entry}', which is neither an address (10.0.0.5) nor a network (10.0.0.0/24).");
            }
        }
        if (proxies.Count == 0 && networks.Count == 0)
        {
            networks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            proxies.Add(IPAddress.IPv6Loopback);
        }
        return (proxies, networks, null);
    }
}

/// <summary>
/// The one address CoGov puts in a mail (decision record 17). A link is never built from the request that caused the
/// mail: its Host header is whatever the sender chose, and a reset link to evil.example hands a stranger the account.
/// </summary>
public sealed class PublicOrigin(IOptions<PublicOriginOptions> options, IHostEnvironment environment, IServer server)
{
    private Uri? _origin;

    /// <summary>
    /// The configured origin; in Development without one, the first address the app listens on (so <c>dotnet run</c> and
    /// the test hosts need no setting), or <c>http://localhost/</c> for an in-memory test server.
    /// </summary>
    public Uri Origin => _origin ??= options.Value.Parse(environment.IsDevelopment(), out var error) is { } configured
        ? configured
        : error is null ? Listening() : throw new InvalidOperationException(error);

    /// <summary>Whether the operator named the origin (otherwise Development falls back to the listening address).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.PublicOrigin);

    /// <summary>The absolute address of <paramref name="relative"/> (a page's <c>Url(...)</c>, relative to the app).</summary>
    public string Link(string relative) => new Uri(Origin, relative.TrimStart('/')).AbsoluteUri;

    private Uri Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
        if (first is null || !Uri.TryCreate(WithBrowsableHost(first), UriKind.Absolute, out var listening))
        {
            return new Uri("http://localhost/");
        }
        return new Uri(listening.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>A wildcard host is where the app listens, not an address a browser can open.</summary>
    private static string WithBrowsableHost(string address) => address
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
        .Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal);
}

internal static class PublicOriginRegistration
{
    /// <summary>
    /// The public origin, host filtering derived from it, and forwarded headers believed only from the trusted proxies.
    /// A missing or malformed origin outside Development stops the start with a message naming the setting.
    /// </summary>
    public static WebApplicationBuilder AddPublicOrigin(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<PublicOriginOptions>()
            .Bind(builder.Configuration.GetSection(PublicOriginOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PublicOriginOptions>>(new PublicOriginValidation(development));
        builder.Services.AddSingleton<PublicOrigin>();

        // The host's defaults read AllowedHosts and fall back to "*"; an operator's own value wins, else only the origin's host.
        var configuration = builder.Configuration;
        builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<PublicOriginOptions>>((hosts, origin) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && origin.Value.Parse(development, out _) is { } configured)
            {
                hosts.AllowedHosts = [configured.IdnHost];
            }
        });

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicOriginOptions>>((forwarded, origin) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var (proxies, networks, _) = origin.Value.ParseProxies();
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            // A trusted proxy may rename the host only to the public one (host filtering has checked the Host it sent).
            if (origin.Value.Parse(development, out _) is { } configured)
            {
                forwarded.AllowedHosts = [configured.IdnHost];
            }
        });

        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<PublicOriginOptions>>((redirection, origin) =>
        {
            if (origin.Value.Parse(development, out _) is { Scheme: "https" } configured)
            {
                redirection.HttpsPort = configured.Port;
            }
        });
        return builder;
    }

    /// <summary>A plain http request to an https origin is sent to https (after the forwarded headers are applied).</summary>
    public static WebApplication UseHttpsWhenTheOriginIs(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PublicOriginOptions>>().Value.Parse(app.Environment.IsDevelopment(), out _) is { Scheme: "https" })
        {
            app.UseHttpsRedirection();
        }
        return app;
    }

    private sealed class PublicOriginValidation(bool development) : IValidateOptions<PublicOriginOptions>
    {
        public ValidateOptionsResult Validate(string? name, PublicOriginOptions options)
        {
            _ = options.Parse(development, out var error);
            var proxies = options.ParseProxies().Error;
            string[] failures = [.. new[] { error, proxies }.OfType<string>()];
            return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
