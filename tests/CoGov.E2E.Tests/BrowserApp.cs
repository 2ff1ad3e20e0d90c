using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Scheduling;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using MimeKit;

namespace CoGov.E2E.Tests;

/// <summary>
/// The real app listening on 127.0.0.1 (Kestrel, a port of its own), with the demo data on a fresh SQLite file and a
/// clock the test owns, and one Debian chromium to drive it. Shared by the tests of a class; each test opens its own
/// browser context, so cookies and drafts never leak from one test to another.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _demo;
    private readonly string _folder = Directory.CreateTempSubdirectory("cogov-e2e-").FullName;

    /// <summary>The instance's own folder: its database, and its mail as <c>.eml</c> files under <c>mail</c>.</summary>
    protected string Folder => _folder;

    /// <summary>Sign-in cookies by person, so a test opens a signed-in page without typing the password again.</summary>
    private readonly Dictionary<string, string> _signedIn = [];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp()
        : this(demo: true)
    {
    }

    /// <param name="demo">Load the demo organisation and the other one; without them the app starts as a fresh install does.</param>
    protected BrowserApp(bool demo)
    {
        _demo = demo;
        // Port 0: the system picks a free one, so test classes and parallel runs never collide.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>A Monday morning; the demo's day numbers count from it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts with the fixture.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:CoGov", $"Data Source={Path.Combine(_folder, "cogov.db")}");
        builder.UseSetting("Mail:PickupFolder", Path.Combine(_folder, "mail"));
        builder.UseSetting("Seed:Demo", _demo ? "true" : "false");
        // No App:PublicOrigin: in Development the links in mails use the address Kestrel listens on, the one the browser
        // opens (decision record 17).
        // The tests run the sweep themselves after moving the clock (SweepAsync), so Quartz's minute timer stays off.
        builder.UseSetting("Scheduling:Enabled", "false");
        // Every test signs in and prints from the same address within seconds; the attack tests lower the limits again.
        foreach (var limit in CoGov.Web.Infrastructure.RateLimits.Names)
        {
            builder.UseSetting($"{CoGov.Web.Infrastructure.RateLimits.SectionName}:{limit}:PermitLimit", "100000");
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        // Migrations and the demo import run before the server takes its first request.
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        if (_demo)
        {
            (await SendAsSystemAsync(new Workflows.Import.ImportOrganisation("other.yaml", OtherOrganisation.File))).ThrowIfRejected();
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium, installed by scripts/test.sh: Playwright's own browser download is never used.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public new async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A page in a browser context of its own, signed in as nobody.</summary>
    public async Task<IPage> AnonymousPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(ContextOptions(width, height));
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page signed in as <paramref name="email"/>. The first time, through the real login form; afterwards with the
    /// cookie that login gave, until the clock moves (the cookie then may have expired).
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email, int width = 1280, int height = 900)
    {
        var options = ContextOptions(width, height);
        if (_signedIn.TryGetValue(email, out var state))
        {
            options.StorageState = state;
            return await (await Browser.NewContextAsync(options)).NewPageAsync();
        }
        var page = await (await Browser.NewContextAsync(options)).NewPageAsync();
        await LoginPage.SignInAsync(page, email);
        _signedIn[email] = await page.Context.StorageStateAsync();
        return page;
    }

    private BrowserNewContextOptions ContextOptions(int width, int height) => new()
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = width, Height = height },
        Locale = "en-GB",
        TimezoneId = "Europe/London",
        // No transitions: a focus ring or a chip is read at its final look, not halfway through fading in.
        ReducedMotion = ReducedMotion.Reduce,
    };

    /// <summary>
    /// Moves the app's clock to <paramref name="now"/> and does what has fallen due, as the Quartz sweep job would.
    /// Sign-in cookies are forgotten: they carry an expiry on the app's clock.
    /// </summary>
    public async Task<DueWorkDone> MoveClockAndSweepAsync(DateTimeOffset now)
    {
        Clock.SetUtcNow(now);
        _signedIn.Clear();
        return await SendAsSystemAsync(new RunDueWork());
    }

    /// <summary>Sends a command as CoGov itself (seeding, scheduled work), the way the sweep job does.</summary>
    public async Task<TResponse> SendAsSystemAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>
    /// Sends a command as the person with this e-mail, through the same pipeline (membership, side, rules) as their
    /// browser would: for setting up what a test is not about.
    /// </summary>
    public Task SendAsAsync(string email, ICommand command) =>
        AsPersonAsync(email, async mediator => await mediator.Send(command));

    public async Task<TResponse> SendAsAsync<TResponse>(string email, IQuery<TResponse> query)
    {
        TResponse response = default!;
        await AsPersonAsync(email, async mediator => response = await mediator.Send(query));
        return response;
    }

    /// <summary>The latest mail to <paramref name="address"/> in the pickup folder: what would reach their mailbox.</summary>
    public MimeMessage LatestMailTo(string address) =>
        Directory.GetFiles(Path.Combine(Folder, "mail"), "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Date).LastOrDefault()
        ?? throw new InvalidOperationException($"No mail to {address}.");

    private async Task AsPersonAsync(string email, Func<IMediator, Task> send)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoGovUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(principal);
        await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}

/// <summary>
/// The real app as a fresh install starts it: no demo, no organisation, only the templates and the default policy; what it
/// logs (its console) and the mail it writes to its pickup folder are kept for the test to read.
/// </summary>
public sealed partial class FreshBrowserApp() : BrowserApp(demo: false)
{
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>The setup address the app printed at start-up, as a person would copy it from the console.</summary>
    public string PrintedSetupAddress =>
        _log.Select(m => SetupAddress().Match(m)).LastOrDefault(m => m.Success)?.Value
        ?? throw new InvalidOperationException("The app printed no setup address.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(_log))));
    }

    /// <summary>The one link in a mail's text, as its reader would click it.</summary>
    public static string LinkIn(MimeMessage mail) =>
        Link().Match(mail.TextBody ?? "") is { Success: true } link ? link.Value : throw new InvalidOperationException($"No link in:\n{mail.TextBody}");

    [GeneratedRegex(@"https?://\S+/setup\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex SetupAddress();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(log);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));
    }
}
