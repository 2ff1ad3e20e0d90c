using System.Diagnostics;
using System.IO.Compression;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.People;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>
/// The demo hospital with every kind of row an archive carries: the screening cycle answered (one answer in several
/// scripts, with HTML characters, quotes, a line break and an emoji, which System.Text.Json escapes and jq does not),
/// signed off and countersigned (signatures and mailed anchors), a kept record, and audited changes.
/// </summary>
internal static class ExportScenario
{
    /// <summary>What the escaping of the log's canonical form has to survive, from the document to jq and back.</summary>
    public const string AwkwardAnswer = "Réponse <b>&amp;</b> \"quoted\" 'single' + plus\r\nSecond line: 第二行 😀 \\ back\tslash";

    public static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        try
        {
            var amara = await app.UserAsync(Amara);
            var kwame = await app.UserAsync(Kwame);
            var priya = await app.UserAsync(Priya);
            await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
            for (var number = 1; number <= 19; number++)
            {
                var answer = number == 1 ? AwkwardAnswer : $"Answer {number}.";
                await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, answer), number is >= 10 and <= 12 ? priya : kwame);
                await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
            }
            await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed off."), kwame);
            await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned."), amara);
            await app.SendAsync(new AddPerson(Key, "Nia Export", "nia.export@riverside-hospital.example", Side.Management, "Analyst"),
                await app.UserAsync(DemoLogins.Admin));
            await KeepRecordAsync(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>
    /// A kept record of the signed cycle, as <see cref="GenerateAssessmentRecord"/> keeps one once chromium has printed it:
    /// the engine's tests run without a browser, so the bytes stand in for the PDF.
    /// </summary>
    private static Task KeepRecordAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var cycle = await db.Assessments.AsNoTracking().Include(a => a.Log).SingleAsync(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening));
        var kwame = await db.People.SingleAsync(p => p.Key == "kwame-asante");
        var content = "%PDF-1.7\n% The record of applicant-screening cycle 1\n%%EOF\n"u8.ToArray();
        db.StoredRecords.Add(new StoredRecord(RecordKind.AssessmentRecord, cycle.OrganisationId, cycle.SystemId, cycle.Id, cycle.Cycle, null,
            "applicant-screening-cycle-1.pdf", content, kwame.Id, kwame.Name, app.Clock.GetUtcNow(), cycle.LogHeadHash, cycle.LogLength));
        await db.SaveChangesAsync();
    });

    /// <summary>The archive as the writer makes it at the app's current time, as CoGov itself.</summary>
    public static async Task<byte[]> WriteAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        return await new OrganisationArchiveWriter(db).WriteAsync(Key, app.Clock.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Every entry of a zip, by name, in the zip's order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes, DateTimeOffset Time)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray(), e.LastWriteTime);
        })];
    }

    /// <summary>The zip with one entry's bytes replaced, as someone altering a copy of the file would.</summary>
    public static byte[] Replace(byte[] zip, string name, Func<byte[], byte[]> change)
    {
        using var copy = new MemoryStream();
        copy.Write(zip);
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"No entry {name}.");
            byte[] bytes;
            using (var stream = entry.Open())
            using (var read = new MemoryStream())
            {
                stream.CopyTo(read);
                bytes = read.ToArray();
            }
            entry.Delete();
            using var replaced = archive.CreateEntry(name).Open();
            replaced.Write(change(bytes));
        }
        return copy.ToArray();
    }

    /// <summary>CoGov's own verdict on the screening cycle's log and its anchors.</summary>
    public static async Task<CycleLogCheck> VerifyScreeningAsync(TestApp app) =>
        (await app.SendAsync(new VerifyCycleLogs(Key, Screening, 1))).Cycles.Single();

    /// <summary>The repository the tests run in, where the script and the schema are kept.</summary>
    public static string Repository { get; } = FindRepository();

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoGov.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The tests are not running inside the CoGov repository.");
    }

    /// <summary>Runs <c>scripts/verify-export.sh</c> on the archive, as anyone holding the file would.</summary>
    public static async Task<(int ExitCode, string Output)> VerifyWithScriptAsync(TestApp app, byte[] zip)
    {
        var file = Path.Combine(app.Database.Folder, $"export-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(file, zip);
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Repository, "scripts", "verify-export.sh"), file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
