using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Records;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>
/// An organisation with real history to export and import: the demo hospital's cycles as its file gives them, the
/// screening cycle answered, challenged, answered again, accepted, signed off and countersigned by its members' logins,
/// and a kept record and meeting pack. And the means to take an archive apart and put it back together.
/// </summary>
internal static class ArchiveImportScenario
{
    public static readonly DateTimeOffset ExportedAt = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task<TestApp> OrganisationWithHistoryAsync()
    {
        var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        try
        {
            var amara = await app.UserAsync(Amara);
            var kwame = await app.UserAsync(Kwame);
            var priya = await app.UserAsync(Priya);
            var leila = await app.UserAsync(Leila);
            await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
            for (var number = 1; number <= 19; number++)
            {
                var manager = number is >= 10 and <= 12 ? priya : kwame;
                app.Clock.Advance(TimeSpan.FromMinutes(7));
                await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number}: \"quoted\", é, 中文."), manager);
                if (number == 4)
                {
                    await app.SendAsync(new ChallengeAnswer(Key, Screening, 1, number, "The answer leaves out the scoring model."), amara);
                    await app.SendAsync(new RecordCommitteeResolution(Key, Screening, 1, number, "Resolved at the meeting: the scoring model is listed."), leila);
                    continue;
                }
                if (number == 5)
                {
                    await app.SendAsync(new RequestClarification(Key, Screening, 1, number, "Which data sources exactly?"), amara);
                    await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, "The applicant tracking system and nothing else."), manager);
                }
                await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
            }
            await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed off."), kwame);
            await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned."), amara);

            var cycle = await app.CycleAsync(Screening, 1);
            await app.WithDbAsync(async db =>
            {
                var chair = await db.People.SingleAsync(p => p.Name == "Leila Haddad");
                db.StoredRecords.Add(new StoredRecord(RecordKind.AssessmentRecord, cycle.OrganisationId, cycle.SystemId, cycle.Id, 1, null,
                    "applicant-screening-cycle-1.pdf", [0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3, 0, 255], chair.Id, chair.Name, app.Clock.GetUtcNow(),
                    cycle.LogHeadHash, cycle.LogLength));
                db.StoredRecords.Add(new StoredRecord(RecordKind.MeetingPack, cycle.OrganisationId, null, null, null, new DateOnly(2026, 12, 1),
                    "meeting-pack-2026-12-01.pdf", [0x25, 0x50, 0x44, 0x46, 0x2d, 9, 8, 7], chair.Id, chair.Name, app.Clock.GetUtcNow(), null));
                await db.SaveChangesAsync();
            });
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>The organisation's archive as the export writes it.</summary>
    public static async Task<byte[]> ExportAsync(TestApp app, DateTimeOffset? at = null, string key = Key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        return await new OrganisationArchiveWriter(db).WriteAsync(key, at ?? ExportedAt, CancellationToken.None);
    }

    public const string AcceptAddress = "https://cogov.example/Account/AcceptInvitation";

    public static Task<ImportResult> ImportAsync(TestApp app, byte[] archive, string fileName = "riverside-hospital.zip") =>
        app.SendAsync(new ImportOrganisationArchive(fileName, archive, AcceptAddress));

    /// <summary>The mail the app sent, as its pickup folder holds it.</summary>
    public static List<MimeKit.MimeMessage> Mail(TestApp app)
    {
        var folder = Path.Combine(app.Database.Folder, "mail");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))] : [];
    }

    /// <summary>The zip's entries in its order, by name, with their bytes.</summary>
    public static List<(string Name, byte[] Bytes)> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    /// <summary>A zip of the entries given, in their order; with <paramref name="resign"/>, the manifest's sizes and hashes made to match them.</summary>
    public static byte[] Zip(IReadOnlyList<(string Name, byte[] Bytes)> entries, bool resign)
    {
        var list = entries.ToList();
        if (resign)
        {
            var index = list.FindIndex(e => e.Name == OrganisationArchive.ManifestEntry);
            var manifest = JsonSerializer.Deserialize<ArchiveManifest>(list[index].Bytes, OrganisationArchive.Json)!;
            var resigned = manifest with
            {
                Entries = [.. manifest.Entries.Select(listed => list.FirstOrDefault(e => e.Name == listed.Name) is { Bytes: { } bytes }
                    ? listed with { Size = bytes.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) }
                    : listed)],
            };
            list[index] = (OrganisationArchive.ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(resigned, OrganisationArchive.Json));
        }
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in list)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }
        return output.ToArray();
    }

    /// <summary>The archive with one entry's JSON changed, the manifest left alone or made to match.</summary>
    public static byte[] WithDocument(byte[] archive, string entry, Action<System.Text.Json.Nodes.JsonNode> change, bool resign)
    {
        var entries = Entries(archive);
        var index = entries.FindIndex(e => e.Name == entry);
        var node = System.Text.Json.Nodes.JsonNode.Parse(entries[index].Bytes)!;
        change(node);
        entries[index] = (entry, System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(OrganisationArchive.Json)));
        return Zip(entries, resign);
    }

    /// <summary>The entry of the signed screening cycle.</summary>
    public static async Task<string> ScreeningEntryAsync(TestApp app) => OrganisationArchive.CycleEntry((await app.CycleAsync(Screening, 1)).Id);

    /// <summary>How many rows every table of the database holds, by table: what "nothing was written" is measured by.</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(TestApp app)
    {
        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
