using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace CoGov.Bench.Web;

/// <summary>One response of the first load, as the browser's network stack counted it.</summary>
/// <param name="WireBytes">Bytes received for it on the wire: headers and the body as sent (compressed when it was).</param>
/// <param name="BodyBytes">The body's size once decoded.</param>
internal sealed record LoadedResource(string Url, int Status, string Type, string Encoding, long WireBytes, long BodyBytes);

internal sealed record FirstLoadFigures(IReadOnlyList<LoadedResource> Resources, long WebSocketBytes, int WebSocketFrames, int Failed, string FinalUrl)
{
    public long WireBytes => Resources.Sum(r => r.WireBytes) + WebSocketBytes;
    public long BodyBytes => Resources.Sum(r => r.BodyBytes);
}

/// <summary>
/// (1) What a cold browser downloads to show a page: Debian's chromium through Playwright, signed in first in another
/// browser context whose cookies (and nothing else) are handed to a fresh one, so the page loads with an empty cache.
/// The Chrome DevTools Protocol's own counts are used: <c>Network.loadingFinished</c>'s <c>encodedDataLength</c> is
/// what came over the wire for a response, headers included; web socket frames are counted by their payloads.
/// </summary>
internal static class FirstLoad
{
    /// <summary>From the stack notes: what Debian's chromium needs to run headless here, without background traffic.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>How long to keep listening after the network is idle, for a late circuit or poll.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(3);

    public static async Task<FirstLoadFigures> MeasureAsync(Uri address, string email, string password, string path)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });

        string cookies;
        await using (var signingIn = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() }))
        {
            var login = await signingIn.NewPageAsync();
            await login.GotoAsync("Account/Login");
            await login.FillAsync("input[name='Input.Email']", email);
            await login.FillAsync("input[name='Input.Password']", password);
            await login.ClickAsync("button[type=submit]:has-text('Log in')");
            await login.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            cookies = await signingIn.StorageStateAsync();
        }

        await using var cold = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString(), StorageState = cookies });
        var page = await cold.NewPageAsync();
        var cdp = await cold.NewCDPSessionAsync(page);
        var requests = new ConcurrentDictionary<string, Request>();
        long webSocketBytes = 0;
        var webSocketFrames = 0;
        var failed = 0;
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
        {
            var id = e!.Value.GetProperty("requestId").GetString()!;
            var request = requests.GetOrAdd(id, _ => new Request());
            // A redirect reuses the request's id: the redirect response's bytes are counted before the next hop's.
            if (e.Value.TryGetProperty("redirectResponse", out var redirect))
            {
                request.RedirectBytes += (long)redirect.GetProperty("encodedDataLength").GetDouble();
            }
            request.Url = e.Value.GetProperty("request").GetProperty("url").GetString()!;
            request.Type = e.Value.TryGetProperty("type", out var type) ? type.GetString()! : "";
        };
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            var request = requests.GetOrAdd(e!.Value.GetProperty("requestId").GetString()!, _ => new Request());
            var response = e.Value.GetProperty("response");
            request.Status = response.GetProperty("status").GetInt32();
            request.Encoding = Header(response, "content-encoding") ?? "";
            request.HeaderBytes = (long)response.GetProperty("encodedDataLength").GetDouble();
        };
        cdp.Event("Network.dataReceived").OnEvent += (_, e) =>
        {
            var request = requests.GetOrAdd(e!.Value.GetProperty("requestId").GetString()!, _ => new Request());
            request.BodyBytes += e.Value.GetProperty("dataLength").GetInt64();
            request.ChunkBytes += e.Value.GetProperty("encodedDataLength").GetInt64();
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            var request = requests.GetOrAdd(e!.Value.GetProperty("requestId").GetString()!, _ => new Request());
            request.FinishedBytes = (long)e.Value.GetProperty("encodedDataLength").GetDouble();
        };
        cdp.Event("Network.loadingFailed").OnEvent += (_, _) => Interlocked.Increment(ref failed);
        void Frame(JsonElement? e)
        {
            Interlocked.Add(ref webSocketBytes, e!.Value.GetProperty("response").GetProperty("payloadData").GetString()!.Length);
            Interlocked.Increment(ref webSocketFrames);
        }
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Frame(e);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Frame(e);
        // A new context starts with an empty cache: the first visit of a browser that has never seen CoGov. (Disabling
        // the cache instead would fetch every preloaded script twice, which no real first visit does.)
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForTimeoutAsync((float)Linger.TotalMilliseconds);
        var finalUrl = page.Url;
        await cdp.DetachAsync();

        var resources = requests.Values
            .Where(r => r.Url.Length > 0 && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            .Select(r => new LoadedResource(r.Url, r.Status, r.Type, r.Encoding,
                // A response still open (a long poll) has no loadingFinished: count what arrived of it.
                r.RedirectBytes + (r.FinishedBytes ?? r.HeaderBytes + r.ChunkBytes), r.BodyBytes))
            .OrderByDescending(r => r.WireBytes)
            .ToList();
        return new FirstLoadFigures(resources, webSocketBytes, webSocketFrames, failed, finalUrl);
    }

    private static string? Header(JsonElement response, string name) =>
        response.TryGetProperty("headers", out var headers)
            ? headers.EnumerateObject().Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.GetString()).FirstOrDefault()
            : null;

    private sealed class Request
    {
        public string Url { get; set; } = "";
        public string Type { get; set; } = "";
        public int Status { get; set; }
        public string Encoding { get; set; } = "";
        public long HeaderBytes { get; set; }
        public long ChunkBytes { get; set; }
        public long BodyBytes { get; set; }
        public long RedirectBytes { get; set; }
        public long? FinishedBytes { get; set; }
    }
}
