using System.Net;
using CoGov.Workflows.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// The real app on Kestrel at 127.0.0.1, reached over a real socket: the client's address, its Host header and its
/// X-Forwarded-* headers arrive as an attacker or a proxy would send them, which the in-memory test server cannot show.
/// </summary>
public class ListeningCoGovWebApp : CoGovWebApp
{
    /// <summary>The address people reach this app at in the tests that configure one.</summary>
    public const string Origin = "https://cogov.example.org";

    /// <summary>A documentation address (RFC 5737): a trusted proxy that is not the test, so the test is a stranger.</summary>
    public static readonly IReadOnlyDictionary<string, string> TrustNoOne = new Dictionary<string, string>
    {
        ["App:TrustedProxies:0"] = "192.0.2.1",
        ["App:TrustedProxies:1"] = "192.0.2.2",
    };

    private readonly IReadOnlyDictionary<string, string> _settings;

    public ListeningCoGovWebApp(bool demo, IReadOnlyDictionary<string, string> settings)
        : base(demo)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Listening => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client of its own (cookies kept, redirects not followed) that connects from 127.0.0.1.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = Listening,
    };

    /// <summary>Every mail in the pickup folder, as it would reach a mailbox.</summary>
    public IReadOnlyList<MimeMessage> Mail()
    {
        var folder = Services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder;
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))] : [];
    }
}
