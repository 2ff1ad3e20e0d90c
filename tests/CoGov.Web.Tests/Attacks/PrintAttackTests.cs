using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CoGov.Web.Records;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Web.Tests.Components.Pages.Questions;
using CoGov.Web.Tests.Components.Records;
using CoGov.Web.Tests.Records;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Records;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Records whose every field people write (answers with their evidence links, Markdown images, raw HTML, CSS, the
/// system's and organisation's names) points at a canary server on 127.0.0.1, printed by the real Chromium. The canary
/// hears nothing, and the PDF carries no script, no launch action and no javascript: link: the payloads are shown as text.
/// </summary>
[Trait("Category", "Attack")]
public sealed class PrintAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>, IAsyncLifetime
{
    private readonly Canary _canary = new();

    private RecordPrinter Printer => app.Services.GetRequiredService<RecordPrinter>();

    public Task InitializeAsync() => _canary.ProveItHearsAsync();

    public Task DisposeAsync()
    {
        _canary.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARecordWhoseAnswersEvidenceImagesCssAndNamesPointAtACanaryPrintsWithoutTheCanaryHearingAnything()
    {
        var record = Poisoned(_canary.Url);

        var pdf = await Printer.PrintAsync(record, CancellationToken.None);

        Assert.True(PdfText.PageCount(pdf) > 1);
        // Chromium may still be finishing a request when the PDF is back: give it time to arrive if one was sent.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(_canary.Heard);
    }

    [Fact]
    public async Task AManagersAnswerWhoseEvidenceImageAndCssPointAtACanaryIsDownloadedAsARecordWithoutTheCanaryHearingAnything()
    {
        var url = _canary.Url;
        using var manager = await app.SignedInClientAsync(DemoLogins.Manager);
        var question = await CoGovWebApp.ParseAsync(await manager.GetAsync(QuestionPage.Url(6)));
        var answered = await manager.PostAsync(QuestionPage.Url(6), QuestionPage.Fields(QuestionPage.Form(question, "answer"), new()
        {
            ["answer-text"] = $"""
                Nights are shared fairly ![rota chart]({url}/answer-image.png) <img src="{url}/answer-img">
                <div style="background:url({url}/answer-css)">styled</div> <style>@import url({url}/answer-import.css);</style>
                [javascript link](javascript:fetch('{url}/js')) <script>fetch('{url}/script')</script>
                """,
            ["answer-evidence"] = $"{url}/evidence",
        }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        const string cyclePage = "/organisations/riverside-hospital/systems/rostering?cycle=2";
        var page = await CoGovWebApp.ParseAsync(await steward.GetAsync(cyclePage));
        var form = page.NamedForm(CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm)!;

        var generated = await steward.PostAsync("/" + form.GetAttribute("action"), new FormUrlEncodedContent(form.Fields()));

        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var location = generated.Headers.Location!;
        var download = await steward.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        Assert.Contains(PdfText.Squeeze($"<img src=\"{url}/answer-img\">"), PdfText.Read(pdf).Body(), StringComparison.Ordinal);
        AssertNoActiveContent(pdf);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(_canary.Heard);
    }

    [Fact]
    public async Task XssPayloadsInAnswersNamesAndTitlesLeaveNoScriptLaunchOrJavascriptLinkInThePdfAndAreShownAsText()
    {
        var pdf = await Printer.PrintAsync(Poisoned(_canary.Url), CancellationToken.None);

        var links = AssertNoActiveContent(pdf);
        // The evidence and the markdown link stay links to their web address, followed only if a reader clicks.
        Assert.Contains($"{_canary.Url}/evidence", links);
        var text = PdfText.Read(pdf);
        var body = text.Body();
        Assert.Contains(PdfText.Squeeze("<script>alert('answer')</script>"), body, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze($"<img src=\"{_canary.Url}/raw-img\" onerror=\"alert(1)\">"), body, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze("<svg onload=alert(1)><script>alert('svg')</script></svg>"), body, StringComparison.Ordinal);
        // An entity is the character it names, shown, never markup.
        Assert.Contains(PdfText.Squeeze("<b> stays as written"), body, StringComparison.Ordinal);
        // The image becomes its description; the javascript: link keeps its words and loses its target.
        Assert.Contains("chartofnights", body, StringComparison.Ordinal);
        Assert.Contains("clickme", body, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze($"Assessment record: {SystemName(_canary.Url)}"), text.Pages[0], StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(ThemeTitle), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupThatGotPastEscapingStillFetchesNothingFromTheCanary()
    {
        var url = _canary.Url;
        // What escaping prevents, written into the printed page directly: every way HTML and CSS can ask for a URL.
        var html = $$"""
            <link rel="stylesheet" href="{{url}}/link.css"><link rel="prefetch" href="{{url}}/prefetch"><link rel="icon" href="{{url}}/icon">
            <style>@import url("{{url}}/import.css"); body { background: url("{{url}}/css-background"); } @font-face { font-family: x; src: url("{{url}}/font.woff"); } p { font-family: x; }</style>
            <p>Printed regardless.</p>
            <img src="{{url}}/img" srcset="{{url}}/srcset 2x" alt="x"><picture><source srcset="{{url}}/source"><img alt="y"></picture>
            <iframe src="{{url}}/iframe"></iframe><object data="{{url}}/object"></object><embed src="{{url}}/embed">
            <video poster="{{url}}/poster" src="{{url}}/video"></video><audio src="{{url}}/audio"></audio>
            <script src="{{url}}/script.js"></script>
            <svg><image href="{{url}}/svg-image" width="10" height="10"/><use href="{{url}}/svg-use#x"/></svg>
            <div style="background-image: url('{{url}}/inline-style')">x</div>
            <form action="{{url}}/form"><input type="image" src="{{url}}/input-image"></form>
            <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cimage href='{{url}}/data-svg'/%3E%3C/svg%3E" alt="z">
            """;

        var pdf = await Printer.PrintAsync<RawMarkup>(new Dictionary<string, object?> { [nameof(RawMarkup.Html)] = html }, "Raw", "en", CancellationToken.None);

        Assert.Contains("Printedregardless.", PdfText.Read(pdf).Body(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(_canary.Heard);
    }

    /// <summary>No script, launch, form or embedded action anywhere in the file, and only web links; returns the links.</summary>
    private static List<string> AssertNoActiveContent(byte[] pdf)
    {
        var raw = Encoding.Latin1.GetString(pdf);
        foreach (var active in new[] { "/JavaScript", "/JS ", "/JS(", "/JS<", "/Launch", "/SubmitForm", "/ImportData", "/OpenAction", "/AA ", "/AA<", "/RichMedia", "/EmbeddedFile" })
        {
            Assert.DoesNotContain(active, raw, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("javascript:", raw, StringComparison.OrdinalIgnoreCase);
        using var document = PdfDocument.Open(pdf);
        var links = document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri).ToList();
        Assert.All(links, uri => Assert.True(uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal), uri));
        return links;
    }

    private const string ThemeTitle = "Theme <iframe src=x onload=alert(1)></iframe>";

    private static string SystemName(string url) => $"ShiftWise <img src={url}/system-name onerror=alert(1)> \"); background: url({url}/css-header); (\"";

    /// <summary>The demo's shape of record, with a payload in every field a person writes.</summary>
    private static AssessmentRecord Poisoned(string url)
    {
        var answer = AnswerEvidence.AppendTo($"""
            Our rota engine <script>alert('answer')</script> is fair.

            ![chart of nights]({url}/markdown-image.png) and [click me](javascript:alert(1)) and [the policy]({url}/markdown-link).

            <img src="{url}/raw-img" onerror="alert(1)">

            <svg onload=alert(1)><script>alert('svg')</script></svg>

            <div style="background:url({url}/css-url)">styled</div> <style>@import url({url}/import.css);</style>

            <a href="javascript:alert(1)">raw link</a> &lt;b&gt; stays as written, <iframe src="{url}/frame"></iframe>
            """, [$"{url}/evidence"], "Evidence:");
        var record = RecordBuilder.Record(
            answer: n => n == 1 ? answer : $"Answer {n} with ![image {n}]({url}/image-{n}.png) and <img src={url}/img-{n}>.",
            management: RecordBuilder.ManagementSignature with { Statement = $"Signed <img src={url}/statement>" },
            workers: RecordBuilder.WorkersSignature,
            organisationName: $"Riverside <link rel=stylesheet href={url}/organisation.css> \"}} body {{ background: url({url}/css-organisation) }}");
        return record with
        {
            Cover = record.Cover with
            {
                SystemName = SystemName(url),
                SystemPurpose = $"Generates rosters <object data={url}/purpose></object>",
                CommitteeName = $"Joint committee <script src={url}/committee.js></script>",
                Register = new RecordRegister(
                    CoGov.Domain.Systems.SystemStatus.InUse, null, "Daniel Reyes", "", "Rosters", "Reviewed weekly", "UK", "2 years",
                    [new CoGov.Domain.Systems.ImpactAssessmentLink("DPIA <img src=x>", $"{url}/dpia")], 1),
            },
            Themes = [record.Themes[0] with { Title = ThemeTitle }, .. record.Themes.Skip(1)],
            Log = [.. record.Log, new RecordLogEntry(record.Log.Count + 1, RecordBuilder.Opened.AddDays(1), "Amara <img src=x>", CoGov.Domain.Assessments.LogEntryKind.Challenged, 1, $"See {url}/log <img src={url}/log-img>")],
        };
    }

    /// <summary>Markup as it is, as if a bug let a record's text through unescaped.</summary>
    private sealed class RawMarkup : ComponentBase
    {
        [Parameter] public string Html { get; set; } = "";

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, Html);
    }

    /// <summary>
    /// A listener on 127.0.0.1 that notes every connection made to it and the request line it was sent. It answers
    /// each with a tiny image, so a fetch that reached it would succeed and nothing would retry.
    /// </summary>
    private sealed class Canary : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentQueue<string> _heard = new();
        private readonly CancellationTokenSource _stop = new();

        public Canary()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = ListenAsync();
        }

        public string Url { get; }

        public IReadOnlyList<string> Heard => [.. _heard];

        /// <summary>A canary that cannot hear proves nothing: one request from the test must reach it first.</summary>
        public async Task ProveItHearsAsync()
        {
            using var client = new HttpClient();
            var response = await client.GetAsync($"{Url}/proof");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["GET /proof HTTP/1.1"], Heard);
            _heard.Clear();
        }

        private async Task ListenAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
                _ = AnswerAsync(connection);
            }
        }

        private async Task AnswerAsync(TcpClient connection)
        {
            using (connection)
            {
                try
                {
                    var stream = connection.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                    _heard.Enqueue(await reader.ReadLineAsync(_stop.Token) ?? "(connection without a request)");
                    // The headers are read to their end, so closing does not reset a connection with unread bytes.
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                    {
                    }
                    var response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray();
                    await stream.WriteAsync(response, _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    _heard.Enqueue("(connection broken off)");
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
