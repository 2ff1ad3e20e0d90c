using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Web.Tests.Records;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// An administrator's upload forms, attacked with files meant to exhaust or break the server: YAML whose aliases
/// multiply, nesting too deep, too many values, files over the limit, garbage. Each is refused with what is wrong (and
/// its line) or a 413, never a stack trace, and the database holds exactly what it held before.
/// </summary>
[Trait("Category", "Attack")]
public sealed class UploadAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Templates = "/organisations/riverside-hospital/admin/templates";
    private const string Policy = "/organisations/riverside-hospital/admin/policy";
    private const string TemplateForm = "upload-template";
    private const string PolicyForm = "upload-policy";

    [Fact]
    public async Task AnAliasBombUnderOneKilobyteUploadedAsATemplateIsRefusedWithinTwoSecondsAtItsLineAndNothingIsStored()
    {
        var bomb = BillionLaughs();
        Assert.True(bomb.Length < 1_000, $"{bomb.Length} characters");
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        var response = await UploadAsync(client, Templates, TemplateForm, "bomb.yaml", bomb);

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        // Expanded, its nine levels are over a billion values; refused, the whole request allocates a few megabytes.
        Assert.True(allocated < 200_000_000, $"{allocated:N0} bytes allocated");
        var error = await SingleErrorAsync(response);
        Assert.Equal(LineOf(bomb, "e: &e").ToString(), error.GetAttribute("data-line"));
        Assert.Contains("more than 20000 values once its aliases are expanded", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AnAliasBombUploadedAsThePolicyIsRefusedAtItsLineAndThePolicyIsUnchanged()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Policy, PolicyForm, "policy.yaml", BillionLaughs());

        var error = await SingleErrorAsync(response);
        Assert.Equal(LineOf(BillionLaughs(), "e: &e").ToString(), error.GetAttribute("data-line"));
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task FiftyOneAliasesToOneValueAreRefusedAtTheFiftyFirstAndNothingIsStored()
    {
        var yaml = "key: many\nversion: 1\ntitle:\n  en: &t Many\nsource:\n" + string.Concat(Enumerable.Range(0, 51).Select(i => $"  l{i}: *t\n"));
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, "aliases.yaml", yaml);

        var error = await SingleErrorAsync(response);
        Assert.Equal("56", error.GetAttribute("data-line"));
        Assert.Contains("more than 50 aliases", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task ListsNestedFiftyThousandDeepAreRefusedWhereTheyPassThirtyTwoAndNothingIsStored()
    {
        var yaml = "key: deep\nthemes: " + new string('[', 50_000) + new string(']', 50_000) + "\n";
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, "deep.yaml", yaml);

        var error = await SingleErrorAsync(response);
        Assert.Equal("2", error.GetAttribute("data-line"));
        Assert.Contains("nested more than 32 deep", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task TwentyFiveThousandValuesAreRefusedWhereTheyPassTwentyThousandAndNothingIsStored()
    {
        var yaml = "key: wide\nlanguages:\n" + string.Concat(Enumerable.Repeat("  - en\n", 25_000));
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, "wide.yaml", yaml);

        var error = await SingleErrorAsync(response);
        Assert.Equal((2 + 19_996).ToString(), error.GetAttribute("data-line"));
        Assert.Equal(before, await StoredAsync());
    }

    [Theory]
    [InlineData(Templates, TemplateForm)]
    [InlineData(Policy, PolicyForm)]
    public async Task AnUploadOverTheRequestLimitIsAnswered413WithAPageNamingTheLimitAndNothingIsStored(string page, string form)
    {
        var huge = "key: huge\n# " + new string('x', 1_500_000) + "\n";
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, page, form, "huge.yaml", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var refused = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("This page takes at most 1 MB at once, and what was sent is larger. Nothing was read or changed.", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(page, refused.QuerySelector("main a")!.GetAttribute("href"));
        AssertNoStackTrace(refused.DocumentElement.OuterHtml);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AFileJustOverOneMegabyteWithinTheRequestLimitIsRefusedByThePageWithItsSizeAndNothingIsStored()
    {
        var large = "key: large\n# " + new string('x', 1_010_000) + "\n";
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, "large.yaml", large);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("The file is 1,010 KB; a file of at most 1,000 KB is taken.", page.QuerySelector(".cogov-field-refusal")!.TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AChunkedUploadThatNeverSaysItsLengthIsCutOffByKestrelAtTheLimitAndAnswered413()
    {
        // Over real HTTP: only Kestrel counts a body sent in chunks, and the page's limit must reach it.
        await using var kestrel = app.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = await CoGovWebApp.SignInAsync(
            new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = new Uri(address) }, DemoLogins.Admin);
        var before = await StoredAsync();
        var body = await MultipartAsync(client, Templates, TemplateForm, "chunked.yaml", Encoding.UTF8.GetBytes("key: chunked\n# " + new string('x', 1_500_000) + "\n"));
        var chunked = new LengthUnsaid(await body.ReadAsByteArrayAsync());
        chunked.Headers.ContentType = body.Headers.ContentType;

        using var request = new HttpRequestMessage(HttpMethod.Post, Templates) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This page takes at most 1 MB at once", html, StringComparison.Ordinal);
        AssertNoStackTrace(html);
        Assert.Equal(before, await StoredAsync());
    }

    public static TheoryData<string, string, int, string> MalformedFiles => new()
    {
        { "unclosed.yaml", "key: broken\nversion: 1\ntitle: [unclosed\n", 4, "this is not valid YAML" },
        { "wrong-type.yaml", "key: typed\nversion: one\nlanguages: [en]\ntitle:\n  en: T\nthemes: []\n", 2, "'version' must be a whole number, not 'one'." },
        { "unknown.yaml", "key: typed\nversion: 1\nlanguages: [en]\ntitle:\n  en: T\nthemes: []\nowner: me\n", 7, "unknown field 'owner'" },
        { "tabs.yaml", "key: tabbed\n\tversion: 1\n", 1, "found a tab character" },
        { "duplicate.yaml", "key: twice\nkey: again\n", 2, "this is not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task AMalformedTemplateIsRefusedWithTheLineOfWhatIsWrongNoStackTraceAndNothingStored(string name, string yaml, int line, string message)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, name, yaml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var errors = page.QuerySelectorAll(".cogov-import-errors li").ToList();
        Assert.True(errors.Any(e => e.GetAttribute("data-line") == line.ToString() && e.TextContent.Contains(message, StringComparison.Ordinal)),
            string.Join("\n", errors.Select(e => $"line {e.GetAttribute("data-line")}: {e.TextContent}")));
        Assert.Contains($"{name} was not imported, and nothing has changed.", page.QuerySelector(".cogov-import-errors")!.TextContent);
        AssertNoStackTrace(page.DocumentElement.OuterHtml);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task BinaryGarbageUploadedAsThePolicyIsRefusedWithALineNoStackTraceAndNothingStored()
    {
        var garbage = new byte[20_000];
        new Random(11).NextBytes(garbage);
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Policy, PolicyForm, "garbage.yaml", garbage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var errors = page.QuerySelectorAll(".cogov-import-errors li").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(int.Parse(e.GetAttribute("data-line")!) > 0, e.TextContent));
        AssertNoStackTrace(page.DocumentElement.OuterHtml);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AnEmptyFileIsRefusedByThePageAndNothingIsStored()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var before = await StoredAsync();

        var response = await UploadAsync(client, Templates, TemplateForm, "empty.yaml", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("Choose a YAML file to upload.", page.QuerySelector(".cogov-field-refusal")!.TextContent);
        Assert.Equal(before, await StoredAsync());
    }

    /// <summary>
    /// Ten values, then levels of ten aliases to the level before: level e stands for 111,111 values, level i for over a
    /// billion. The themes are where the template reader would walk it.
    /// </summary>
    private static string BillionLaughs()
    {
        var yaml = new StringBuilder("key: bomb\nversion: 1\nlaughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var name = 'b'; name <= 'i'; name++)
        {
            yaml.Append($"  {name}: &{name} [{string.Join(",", Enumerable.Repeat($"*{(char)(name - 1)}", 10))}]\n");
        }
        return yaml.Append("themes: *i\n").ToString();
    }

    private static int LineOf(string yaml, string text) =>
        yaml.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    private static void AssertNoStackTrace(string html)
    {
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at CoGov.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at YamlDotNet.", html, StringComparison.Ordinal);
    }

    private static async Task<AngleSharp.Dom.IElement> SingleErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        AssertNoStackTrace(page.DocumentElement.OuterHtml);
        return Assert.Single(page.QuerySelectorAll(".cogov-import-errors li"));
    }

    /// <summary>Every row an upload could write: templates, policy versions, the audit log and mail waiting to go.</summary>
    private Task<(int Templates, int Questions, int PolicyVersions, int Audit, int Outbox)> StoredAsync() =>
        app.WithDbAsync(async db => (
            await db.Templates.CountAsync(),
            await db.Set<CoGov.Domain.Questionnaires.Question>().CountAsync(),
            await db.PolicyVersions.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.Outbox.CountAsync()));

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string formName, string fileName, string content) =>
        UploadAsync(client, url, formName, fileName, Encoding.UTF8.GetBytes(content));

    /// <summary>Posts the page's upload form as a browser does: its hidden fields and the file, as multipart form data.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string formName, string fileName, byte[] content) =>
        await client.PostAsync(url, await MultipartAsync(client, url, formName, fileName, content));

    private static async Task<MultipartFormDataContent> MultipartAsync(HttpClient client, string url, string formName, string fileName, byte[] content)
    {
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(url));
        var form = page.NamedForm(formName) ?? throw new InvalidOperationException($"{url} has no form {formName}.");
        Assert.Equal("multipart/form-data", form.Enctype);
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields())
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        body.Add(file, $"{formName}.file", fileName);
        return body;
    }

    /// <summary>A body that does not say its length, so it goes in chunks, as a client hiding its size would send it.</summary>
    private sealed class LengthUnsaid(byte[] content) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(content).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
