using System.Text.Encodings.Web;
using RecordDocument = CoGov.Web.Components.Records.AssessmentRecord;
using CoGov.Domain.Common;
using CoGov.Workflows.Records;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CoGov.Web.Records;

/// <summary>
/// Prints the committee's documents to PDF: the Razor component is rendered to HTML with Blazor's
/// <see cref="HtmlRenderer"/> (its styles inside it, so nothing is loaded), and Debian's Chromium prints that through
/// Playwright as a tagged PDF with an outline, a title and a language. One browser serves the whole app: it starts on
/// the first print and closes after <see cref="RecordPrinterOptions.IdleTimeout"/> without one.
/// </summary>
/// <remarks>
/// A record holds what people wrote, and escaping is the first defence, not the only one (decision record 18): the
/// printed document forbids itself every source by its own Content-Security-Policy, scripts are off, the page is
/// offline, every request it still makes is aborted by Playwright's routing before it leaves the browser, and the
/// browser runs in Chromium's sandbox where the platform lets it.
/// </remarks>
public sealed class RecordPrinter : IRecordPrinter, IAsyncDisposable
{
    // The flags Debian's chromium needs to run headless as a service, and to stay quiet: no network of its own.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pings", "--dns-prefetch-disable",
        // Chromium opens connections ahead of need (a page's links, its refresh target) below the layer that routing and
        // offline mode govern: every connection goes to a proxy that is never there, loopback included.
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ];

    private const string NoSandbox = "--no-sandbox";

    /// <summary>
    /// The printed document's own policy: no source of any kind but its inline styles, so even markup that got past
    /// escaping has nothing it may load, not even a data: image (the record embeds none).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private readonly IServiceScopeFactory _scopes;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<RecordPrinter> _logger;
    private readonly TimeProvider _clock;
    private readonly RecordPrinterOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ITimer? _idleTimer;
    private int _inFlight;
    private long _lastUsedTicks;
    private bool _sandboxFailed;

    public RecordPrinter(IServiceScopeFactory scopes, ILoggerFactory loggers, TimeProvider clock, IOptions<RecordPrinterOptions> options)
    {
        _scopes = scopes;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RecordPrinter>();
        _clock = clock;
        _options = options.Value;
        _slots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentPrints));
    }

    public Phrase? Unavailable => File.Exists(_options.ChromiumPath)
        ? null
        : new Phrase("PDFs cannot be printed on this server: Chromium is not installed at {0}. An administrator can install it with: sudo apt-get install chromium", _options.ChromiumPath);

    /// <summary>Whether the browser is running now (it is closed when idle).</summary>
    public bool IsBrowserOpen => _browser?.IsConnected == true;

    /// <summary>Whether the running browser (or the last one) was started in its sandbox; null before the first print.</summary>
    public bool? IsSandboxed { get; private set; }

    public Task<byte[]> PrintAsync(AssessmentRecord record, CancellationToken cancellationToken) =>
        PrintAsync<RecordDocument>(
            new Dictionary<string, object?> { [nameof(RecordDocument.Record)] = record },
            record.Title, record.Language, cancellationToken);

    public Task<byte[]> PrintAsync(MeetingPack pack, CancellationToken cancellationToken) =>
        PrintAsync<Components.Records.CommitteeMeetingPack>(
            new Dictionary<string, object?> { [nameof(Components.Records.CommitteeMeetingPack.Pack)] = pack },
            pack.Title, pack.Language, cancellationToken);

    /// <summary>Renders a document component and prints it.</summary>
    public async Task<byte[]> PrintAsync<TComponent>(IDictionary<string, object?> parameters, string title, string language, CancellationToken cancellationToken)
        where TComponent : IComponent
    {
        var html = await RenderAsync<TComponent>(parameters, title, language);
        return await PrintHtmlAsync(html, cancellationToken);
    }

    /// <summary>The whole HTML document Chromium prints: the component's markup, with the title and language the PDF carries.</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string title, string language)
        where TComponent : IComponent
    {
        // A scope of its own, as a request would have: the renderer's services are scoped, and none outlive the print.
        await using var scope = _scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, _loggers);
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        var encoder = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html>
            <html lang="{encoder.Encode(language)}">
            <head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}"><title>{encoder.Encode(title)}</title></head>
            <body style="margin:0">{body}</body>
            </html>
            """;
    }

    private async Task<byte[]> PrintHtmlAsync(string html, CancellationToken cancellationToken)
    {
        if (Unavailable is { } why)
        {
            throw new InvalidOperationException(why.ToString());
        }
        await _slots.WaitAsync(cancellationToken);
        // Counted before the browser is fetched, so an idle close that is deciding now sees this print and waits.
        Interlocked.Increment(ref _inFlight);
        try
        {
            var browser = await BrowserAsync(cancellationToken);
            // A fresh context per print: no state carries from one organisation's record to another's. Scripts are off
            // and the context is offline, so nothing in a record can run or fetch anything, whatever got past escaping.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false,
                Offline = true,
                ServiceWorkers = ServiceWorkerPolicy.Block,
            });
            try
            {
                // The document is set in memory and needs nothing fetched: whatever it asks for is aborted, and told.
                await context.RouteAsync("**/*", AbortAsync);
                var page = await context.NewPageAsync();
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
                return await page.PdfAsync(new PagePdfOptions
                {
                    Format = "A4",
                    PrintBackground = true,
                    PreferCSSPageSize = true,
                    Tagged = true,
                    Outline = true,
                });
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsedTicks, _clock.GetUtcNow().UtcTicks);
            Interlocked.Decrement(ref _inFlight);
            _slots.Release();
            ArmIdleTimer();
        }
    }

    private async Task AbortAsync(IRoute route)
    {
        var url = route.Request.Url;
        _logger.LogWarning("A record's print page asked for {Url} ({ResourceType}); the request was aborted.",
            url.Length > 200 ? url[..200] + "…" : url, route.Request.ResourceType);
        await route.AbortAsync("blockedbyclient");
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } running)
            {
                return running;
            }
            await CloseBrowserAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await LaunchAsync(_playwright);
            _logger.LogInformation("Started Chromium for printing records ({Version}), {Sandbox}.", _browser.Version,
                IsSandboxed == true ? "in its sandbox" : "without its sandbox");
            return _browser;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts Chromium in its sandbox or without it, as <see cref="RecordPrinterOptions.Sandbox"/> and the platform allow.</summary>
    private async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var sandbox = _options.Sandbox;
        if (sandbox == PrintSandbox.Off)
        {
            _logger.LogWarning("Chromium prints records without its sandbox: Records:Sandbox is Off.");
            return await LaunchAsync(playwright, sandboxed: false);
        }
        if (sandbox == PrintSandbox.Auto && (Environment.IsPrivilegedProcess || _sandboxFailed))
        {
            _logger.LogWarning(Environment.IsPrivilegedProcess
                    ? "Chromium prints records without its sandbox: CoGov runs as root, which Chromium will not sandbox. Run CoGov as an ordinary user to have it, or set Records:Sandbox to Off to say this is meant."
                    : "Chromium prints records without its sandbox, which could not start earlier.");
            return await LaunchAsync(playwright, sandboxed: false);
        }
        try
        {
            return await LaunchAsync(playwright, sandboxed: true);
        }
        catch (PlaywrightException ex) when (sandbox == PrintSandbox.Auto)
        {
            _sandboxFailed = true;
            _logger.LogWarning(ex, "Chromium's sandbox could not start (the kernel may give no user namespaces); records are printed without it. Set Records:Sandbox to On to refuse to print instead, or Off to say this is meant.");
            return await LaunchAsync(playwright, sandboxed: false);
        }
        catch (PlaywrightException ex)
        {
            _logger.LogError(ex, "Chromium's sandbox could not start, and Records:Sandbox is On: records are not printed.");
            throw new InvalidOperationException("Chromium's sandbox could not start, and Records:Sandbox is On: records are not printed.", ex);
        }
    }

    private async Task<IBrowser> LaunchAsync(IPlaywright playwright, bool sandboxed)
    {
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _options.ChromiumPath,
            Headless = true,
            // Playwright adds --no-sandbox itself unless told the sandbox is wanted.
            ChromiumSandbox = sandboxed,
            Args = sandboxed ? ChromiumArgs : [.. ChromiumArgs, NoSandbox],
        });
        IsSandboxed = sandboxed;
        return browser;
    }

    private void ArmIdleTimer()
    {
        var timer = _clock.CreateTimer(_ => _ = CloseIfIdleAsync(), null, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _idleTimer, timer)?.Dispose();
    }

    private async Task CloseIfIdleAsync()
    {
        try
        {
            await _lifecycle.WaitAsync();
            try
            {
                var idleFor = _clock.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);
                if (Volatile.Read(ref _inFlight) == 0 && idleFor >= _options.IdleTimeout && _browser is not null)
                {
                    await CloseBrowserAsync();
                    _logger.LogInformation("Closed Chromium after {IdleFor} without a print.", idleFor);
                }
            }
            finally
            {
                _lifecycle.Release();
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "Closing the idle Chromium failed; it is started afresh on the next print.");
        }
    }

    /// <summary>Closes the browser and the Playwright driver; the caller holds the lifecycle lock (or the app is stopping).</summary>
    private async Task CloseBrowserAsync()
    {
        if (_browser is { } browser)
        {
            _browser = null;
            await browser.CloseAsync();
        }
        if (_playwright is { } playwright)
        {
            _playwright = null;
            playwright.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _idleTimer?.Dispose();
        await CloseBrowserAsync();
        _slots.Dispose();
        _lifecycle.Dispose();
    }
}
