using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using CoGov.Domain.Organisations;
using CoGov.Web.Archives;
using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Archives;

/// <summary>
/// The administrator's export from the members page, and the operator's from the command line (decision record 26):
/// the file is the archive, and both are audited and told to both chairs.
/// </summary>
public sealed class OrganisationExportDownloadTests : IAsyncLifetime
{
    private readonly CoGovWebApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheAdministratorsFormOnTheMembersPageAnswersTheArchiveAuditsItAndMailsBothChairs()
    {
        using var admin = await _app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync("/" + Members.Url(DemoLogins.Organisation)));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.GetAttribute("action") == OrganisationExportDownload.Url(DemoLogins.Organisation));

        var response = await admin.PostAsync("/" + form.GetAttribute("action"), new FormUrlEncodedContent(form.Fields()));
        var zip = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("riverside-hospital-export-2026-11-23T090000Z.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), response.Headers.GetValues("X-Content-SHA256").Single());
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(OrganisationArchive.ManifestEntry, archive.Entries[0].FullName);
        }
        var audit = await AuditAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(DemoLogins.Admin, entry.By);
        Assert.Equal([DemoLogins.Helen, DemoLogins.Leila], Mail().Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(Mail(), m => Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(zip)), m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOperatorsCommandLineWritesTheArchiveAsCoGovAuditsItMailsBothChairsAndNeverOverwritesAFile()
    {
        var file = Path.Combine(Path.GetDirectoryName(_app.Database)!, "riverside.zip");

        var first = await RunAsync("export-organisation", "--organisation", DemoLogins.Organisation, "--to", file);
        var again = await RunAsync("export-organisation", "--organisation", DemoLogins.Organisation, "--to", file);
        var unknown = await RunAsync("export-organisation", "--organisation", "nowhere", "--to", file + ".2");

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Contains($"SHA-256 {sha}", first.Output, StringComparison.Ordinal);
        Assert.Contains("Told Leila Haddad <leila.haddad@riverside-hospital.example>.", first.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--organisation: there is no organisation 'nowhere'.", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".2"));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal("CoGov", entry.By);
        Assert.Contains(sha, entry.Text, StringComparison.Ordinal);
        Assert.Equal(2, Mail().Count);
        Assert.All(Mail(), m => Assert.Contains("The operator of this CoGov instance exported the whole of Riverside Municipal Hospital", m.TextBody, StringComparison.Ordinal));

        var verified = await RunScriptAsync(file);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("OK   rostering cycle 2 ", verified.Output, StringComparison.Ordinal);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Kind == AuditKind.OrganisationExported).ToListAsync();
    }

    private List<MimeMessage> Mail() => Directory.Exists(_app.MailFolder)
        ? [.. Directory.GetFiles(_app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))]
        : [];

    /// <summary>The built app in a process of its own, on the test app's database and mail folder, as an operator runs it.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "CoGov.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__CoGov"] = $"Data Source={_app.Database}";
        start.Environment["Mail__PickupFolder"] = _app.MailFolder;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return await WaitAsync(start);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string archive)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryFolder.Root, "scripts", "verify-export.sh"));
        start.ArgumentList.Add(archive);
        var run = await WaitAsync(start);
        return (run.ExitCode, run.Output + run.Error, run.Error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> WaitAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        SqliteConnection.ClearAllPools();
        return (process.ExitCode, await output, await error);
    }
}
