using System.Net;
using CoGov.Web.Records;
using CoGov.Web.Tests.Components.Records;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Records;

/// <summary>
/// Real PDFs, printed by Debian's chromium (scripts/test.sh installs it when missing) and read back with PdfPig. The
/// class shares one app, so one printer and one browser serve every test.
/// </summary>
public sealed class RecordPrinterTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string CyclePage = "/organisations/riverside-hospital/systems/rostering?cycle=1";

    private RecordPrinter Printer => app.Services.GetRequiredService<RecordPrinter>();

    [Fact]
    public async Task AStewardDownloadsTheDemoCyclesRecordWithEveryQuestionAndAcceptedAnswerAndTheLogsVerifiedHeadOnItsLastPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var (pdf, location) = await GenerateFromCyclePageAsync(client);

        var record = await AsCoGovAsync(mediator => mediator.Send(new GetAssessmentRecord("riverside-hospital", "rostering", 1)));
        var text = PdfText.Read(pdf);
        var body = text.Body(record.Cover.OrganisationName, $"{record.Cover.SystemName} · cycle 1", $"Generated {record.GeneratedAt:g}");
        Assert.All(record.Questions, q => Assert.Contains(PdfText.Squeeze($"{q.Number}. {q.Text}"), body, StringComparison.Ordinal));
        var accepted = record.Questions.Where(q => q.Answer is { IsAccepted: true }).ToList();
        Assert.Equal(19, accepted.Count);
        Assert.All(accepted, q => Assert.Contains(PdfText.Squeeze(Markdown.ToPlainText(q.Answer!.Text)), body, StringComparison.Ordinal));
        Assert.True(text.Pages.Count > 1);
        Assert.Contains($"Page1of{text.Pages.Count}", text.Pages[0], StringComparison.Ordinal);
        Assert.Contains($"Page{text.Pages.Count}of{text.Pages.Count}", text.Pages[^1], StringComparison.Ordinal);

        var verified = await app.WithDbAsync(async db => (await db.Assessments.Include(a => a.Log)
            .SingleAsync(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "rostering"))).VerifyLog());
        Assert.True(verified.IsIntact);
        Assert.Contains(verified.HeadHash, text.Pages[^1], StringComparison.Ordinal);

        var metadata = PdfText.Metadata(pdf);
        Assert.Equal(record.Title, metadata.Title);
        Assert.Equal("en", metadata.Language);
        Assert.True(metadata.Tagged);
        Assert.True(metadata.HasOutline);
        Assert.All(text.Fonts, font => Assert.Contains("DejaVu", font, StringComparison.Ordinal));

        // What was kept is what was downloaded, byte for byte, with the head the record printed.
        var storedId = Guid.Parse(location.Split('/')[^2]);
        var stored = await app.WithDbAsync(db => db.StoredRecords.AsNoTracking().SingleAsync(r => r.Id == storedId));
        Assert.Equal(stored.Content, pdf);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), stored.Sha256);
        Assert.Equal(verified.HeadHash, stored.LogHeadHash);
        Assert.Equal("Amara Okafor", stored.GeneratedByName);
    }

    [Fact]
    public async Task GeneratingAgainKeepsASecondRecordAndTheFirstStillDownloadsIdenticallyAndIsListedOnTheSystemsPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);
        var (first, firstLocation) = await GenerateFromCyclePageAsync(client);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var (_, secondLocation) = await GenerateFromCyclePageAsync(client);

        Assert.NotEqual(firstLocation, secondLocation);
        Assert.Equal(first, await client.GetByteArrayAsync(firstLocation));
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(CyclePage));
        var links = page.QuerySelectorAll(".cogov-records a").Select(a => "/" + a.GetAttribute("href")).ToList();
        Assert.Contains(firstLocation, links);
        Assert.Contains(secondLocation, links);
        var listed = await AsCoGovAsync(mediator => mediator.Send(new GetSystemRecords("riverside-hospital", "rostering")));
        Assert.Equal(links.Count, listed.Count);
        Assert.True(listed[0].GeneratedAt >= listed[^1].GeneratedAt);
    }

    [Fact]
    public async Task ALongRecordRunsToManyNumberedPages()
    {
        var words = string.Join(' ', Enumerable.Repeat("The roster engine weighs contracted hours, skill mix and fairness of nights.", 40));
        var record = RecordBuilder.Record(answer: n => $"Answer {n}. {words}", logEntries: 120);

        var pdf = await Printer.PrintAsync(record, CancellationToken.None);

        var text = PdfText.Read(pdf);
        Assert.True(text.Pages.Count > 10, $"{text.Pages.Count} pages");
        Assert.Contains($"Page1of{text.Pages.Count}", text.Pages[0], StringComparison.Ordinal);
        Assert.Contains($"Page2of{text.Pages.Count}", text.Pages[1], StringComparison.Ordinal);
        Assert.Contains("RiversideMunicipalHospital", text.Pages[1], StringComparison.Ordinal);
        Assert.Contains(RecordBuilder.HeadHash, text.Pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersInGreekCyrillicHebrewAndArabicComeThroughInDejavu()
    {
        const string greek = "Η διαφάνεια των αλγορίθμων είναι δικαίωμα των εργαζομένων.";
        const string cyrillic = "Прозрачность алгоритмов — право работников.";
        const string hebrew = "שקיפות אלגוריתמית היא זכות של העובדים";
        const string arabic = "الشفافية حق للعمال";
        var record = RecordBuilder.Record(answer: n => n switch { 1 => greek, 2 => cyrillic, 3 => hebrew, 4 => arabic, _ => $"Réponse numéro {n}, déjà vérifiée." });

        var pdf = await Printer.PrintAsync(record, CancellationToken.None);

        var body = PdfText.Read(pdf).Body();
        Assert.Contains(PdfText.Squeeze(greek), body, StringComparison.Ordinal);
        Assert.Contains(PdfText.Squeeze(cyrillic), body, StringComparison.Ordinal);
        Assert.Contains("Réponsenuméro5,déjàvérifiée.", body, StringComparison.Ordinal);
        // Right-to-left text is laid out right to left: a reader may give it in either order, but every letter is there.
        Assert.True(ContainsEitherWay(body, hebrew), "The Hebrew answer is missing.");
        Assert.True(ContainsEitherWay(body, arabic), "The Arabic answer is missing.");
        Assert.All(PdfText.Read(pdf).Fonts, font => Assert.Contains("DejaVu", font, StringComparison.Ordinal));
    }

    /// <summary>
    /// In logical or visual order, and with Arabic's joined letter forms (which the PDF maps its glyphs to) read as the
    /// letters they are.
    /// </summary>
    [Fact]
    public async Task ACommitteeMemberDownloadsTheMeetingPackFromTheDashboardWithASummaryOfEverySystemOnItsFirstPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var dashboard = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/committee"));
        var open = dashboard.QuerySelector("form.cogov-pack-form")!;
        var packPage = $"/{open.GetAttribute("action")}?date=2026-11-30";
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(packPage));
        var form = page.NamedForm(CoGov.Web.Components.Pages.Records.MeetingPackPage.GenerateForm)!;

        var posted = await client.PostAsync(packPage, new FormUrlEncodedContent(form.Fields()));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var pdf = await client.GetByteArrayAsync(posted.Headers.Location!);
        var text = PdfText.Read(pdf);
        foreach (var system in new[] { "CandidateMatch CV Screening", "ShiftWise Rostering", "TrackPoint Location and Task Monitoring" })
        {
            Assert.Contains(PdfText.Squeeze(system), text.Pages[0], StringComparison.Ordinal);
        }
        Assert.Contains($"Page1of{text.Pages.Count}", text.Pages[0], StringComparison.Ordinal);
        var body = text.Body();
        Assert.Contains("Overduequestions,byaccountablemanager", body, StringComparison.Ordinal);
        Assert.Contains("Challengedanswers(theagenda)", body, StringComparison.Ordinal);
        var kept = await app.WithDbAsync(db => db.StoredRecords.AsNoTracking().Where(r => r.Kind == RecordKind.MeetingPack).ToListAsync());
        Assert.Contains(kept, r => r.Content.SequenceEqual(pdf) && r.MeetingDate == new DateOnly(2026, 11, 30));
    }

    private static bool ContainsEitherWay(string body, string text)
    {
        var letters = body.Normalize(System.Text.NormalizationForm.FormKC);
        var squeezed = PdfText.Squeeze(text);
        return letters.Contains(squeezed, StringComparison.Ordinal) || letters.Contains(new string(squeezed.Reverse().ToArray()), StringComparison.Ordinal);
    }

    /// <summary>Posts the cycle page's "Download the record (PDF)" form and follows the redirect to the download.</summary>
    private static async Task<(byte[] Pdf, string Location)> GenerateFromCyclePageAsync(HttpClient client)
    {
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(CyclePage));
        var form = page.NamedForm(CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm)
            ?? throw new InvalidOperationException("The cycle's page offers no record download.");
        var posted = await client.PostAsync("/" + form.GetAttribute("action"), new FormUrlEncodedContent(form.Fields()));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : "/" + posted.Headers.Location!.ToString().TrimStart('/');
        var download = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        return (await download.Content.ReadAsByteArrayAsync(), location);
    }

    private async Task<T> AsCoGovAsync<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}

internal static class AppDatabase
{
    public static async Task<T> WithDbAsync<T>(this CoGovWebApp app, Func<CoGovDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }
}
