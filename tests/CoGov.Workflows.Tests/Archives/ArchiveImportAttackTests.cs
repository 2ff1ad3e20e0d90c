using System.Text.Json.Nodes;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Import;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Archives.ArchiveImportScenario;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>The demo hospital's archive with its history, exported once for every attack on it.</summary>
public sealed class ExportedHospital : IAsyncLifetime
{
    public byte[] Archive { get; private set; } = [];

    /// <summary>The signed screening cycle's entry.</summary>
    public string Screening { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var source = await OrganisationWithHistoryAsync();
        Archive = await ExportAsync(source);
        Screening = await ScreeningEntryAsync(source);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// A damaged or tampered archive is refused, saying what and where (the entry, and in it the JSON path or the log's
/// entry), and nothing of it is written: every table of the receiving database holds as many rows as before.
/// </summary>
[Trait("Category", "Attack")]
public sealed class ArchiveImportAttackTests(ExportedHospital hospital) : IClassFixture<ExportedHospital>
{
    private const string FileName = "riverside-hospital.zip";

    /// <summary>Imports into an empty instance and returns the one refusal expected, having checked nothing was written.</summary>
    private static async Task<IReadOnlyList<ImportError>> RefusedAsync(byte[] archive)
    {
        await using var receiving = await TestApp.StartAsync();
        var before = await RowCountsAsync(receiving);

        var result = await ImportAsync(receiving, archive, FileName);

        Assert.False(result.Succeeded);
        Assert.Equal(before, await RowCountsAsync(receiving));
        Assert.Empty(Mail(receiving));
        return result.Errors;
    }

    private JsonNode LogEntry(JsonNode cycle, int sequence) => cycle["log"]!.AsArray().Single(e => e!["sequence"]!.GetValue<int>() == sequence)!;

    [Fact]
    public async Task ATruncatedArchiveIsRefusedAsNoZip()
    {
        var refusal = Assert.Single(await RefusedAsync(hospital.Archive[..(hospital.Archive.Length / 2)]));

        Assert.Equal(FileName, refusal.File);
        Assert.Contains("cut short", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedLogEntryIsRefusedAtItsEntryByTheManifestsHash()
    {
        var edited = WithDocument(hospital.Archive, hospital.Screening, cycle => LogEntry(cycle, 7)["text"] = "Something else was said.", resign: false);

        var refusal = Assert.Single(await RefusedAsync(edited));

        Assert.Equal(hospital.Screening, refusal.File);
        Assert.Contains("changed after the export", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedLogEntryWithTheManifestRecomputedIsRefusedByTheChainAtThatEntry()
    {
        var edited = WithDocument(hospital.Archive, hospital.Screening, cycle => LogEntry(cycle, 7)["text"] = "Something else was said.", resign: true);

        var refusal = Assert.Single(await RefusedAsync(edited));

        Assert.Equal((hospital.Screening, "log entry 7"), (refusal.File, refusal.Field));
        Assert.Contains("entry 7", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was written", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Entry 7 edited, its hash and every later one recomputed, as someone rewriting the archive would.</summary>
    private static void Rewrite(JsonNode cycle, bool headToo)
    {
        var log = cycle["log"]!.AsArray();
        var previous = log.Single(e => e!["sequence"]!.GetValue<int>() == 6)!["hash"]!.GetValue<string>();
        foreach (var entry in log.Where(e => e!["sequence"]!.GetValue<int>() >= 7).OrderBy(e => e!["sequence"]!.GetValue<int>()))
        {
            if (entry!["sequence"]!.GetValue<int>() == 7)
            {
                entry["text"] = "Something else was said.";
            }
            entry["previousHash"] = previous;
            // The canonical form of decision record 19, version 2: ["2", cycle, sequence, time, person, name, kind, question, text, previous, login].
            var canonical = JsonNode.Parse(entry["canonical"]!.GetValue<string>())!.AsArray();
            canonical[8] = entry["text"]!.GetValue<string>();
            canonical[9] = previous;
            var text = canonical.ToJsonString();
            entry["canonical"] = text;
            previous = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            entry["hash"] = previous;
        }
        if (headToo)
        {
            cycle["logHeadHash"] = previous;
        }
    }

    [Fact]
    public async Task ALogRewrittenFromAnEntryOnwardIsRefusedByTheCyclesHeadAndWithTheHeadRewrittenTooByItsSignatures()
    {
        var headKept = WithDocument(hospital.Archive, hospital.Screening, cycle => Rewrite(cycle, headToo: false), resign: true);
        var headRewritten = WithDocument(hospital.Archive, hospital.Screening, cycle => Rewrite(cycle, headToo: true), resign: true);

        var byHead = Assert.Single(await RefusedAsync(headKept));
        var byAnchors = await RefusedAsync(headRewritten);

        Assert.Equal(hospital.Screening, byHead.File);
        Assert.Contains("not the one the cycle recorded", byHead.Message, StringComparison.Ordinal);
        Assert.All(byAnchors, r => Assert.Equal(hospital.Screening, r.File));
        Assert.Contains(byAnchors, r => r.Field.StartsWith("management's sign-off", StringComparison.Ordinal) && r.Message.Contains("rewritten", StringComparison.Ordinal));
        Assert.Contains(byAnchors, r => r.Field.StartsWith("the workers' countersignature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReorderedEntriesOfTheZipAreRefused()
    {
        var entries = Entries(hospital.Archive);
        (entries[2], entries[3]) = (entries[3], entries[2]);

        var refusal = Assert.Single(await RefusedAsync(Zip(entries, resign: false)));

        Assert.Equal(entries[2].Name, refusal.File);
        Assert.Contains("not in the manifest's order", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManifestMovedFromTheFrontOfTheZipIsRefused()
    {
        var entries = Entries(hospital.Archive);
        (entries[0], entries[1]) = (entries[1], entries[0]);

        var refusal = Assert.Single(await RefusedAsync(Zip(entries, resign: false)));

        Assert.Equal(OrganisationArchive.ManifestEntry, refusal.File);
        Assert.Contains("not the archive's first entry", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoLogEntriesSwappedInPlaceAreRefusedAtTheFirst()
    {
        var swapped = WithDocument(hospital.Archive, hospital.Screening, cycle =>
        {
            LogEntry(cycle, 9)["sequence"] = 0;
            LogEntry(cycle, 10)["sequence"] = 9;
            LogEntry(cycle, 0)["sequence"] = 10;
        }, resign: true);

        var refusal = Assert.Single(await RefusedAsync(swapped));

        Assert.Equal((hospital.Screening, "log entry 9"), (refusal.File, refusal.Field));
    }

    [Fact]
    public async Task TheLogsLastEntryRemovedIsRefusedAsCutShort()
    {
        var cut = WithDocument(hospital.Archive, hospital.Screening, cycle =>
        {
            var log = cycle["log"]!.AsArray();
            log.RemoveAt(log.Count - 1);
        }, resign: true);

        var refusal = Assert.Single(await RefusedAsync(cut));

        Assert.Equal(hospital.Screening, refusal.File);
        Assert.Contains("were removed or added", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheZipsLastEntryRemovedIsRefusedByTheManifest()
    {
        var entries = Entries(hospital.Archive);
        var last = entries[^1].Name;
        entries.RemoveAt(entries.Count - 1);

        var refusal = Assert.Single(await RefusedAsync(Zip(entries, resign: false)));

        Assert.Equal(last, refusal.File);
        Assert.Contains("does not hold it", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedByteOfAKeptPdfIsRefusedAtThatPdfEvenWithTheManifestRecomputed()
    {
        var entries = Entries(hospital.Archive);
        var index = entries.FindIndex(e => e.Name.EndsWith(".pdf", StringComparison.Ordinal));
        var pdf = entries[index].Bytes.ToArray();
        pdf[^1] ^= 0x01;
        entries[index] = (entries[index].Name, pdf);

        var unsigned = Assert.Single(await RefusedAsync(Zip(entries, resign: false)));
        var resigned = Assert.Single(await RefusedAsync(Zip(entries, resign: true)));

        Assert.Equal(entries[index].Name, unsigned.File);
        Assert.Contains("changed after the export", unsigned.Message, StringComparison.Ordinal);
        Assert.Equal(entries[index].Name, resigned.File);
        Assert.Contains("not the document CoGov kept", resigned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArchiveOfAnOrganisationTheInstanceHasIsRefusedAndLeavesItAsItWas()
    {
        await using var receiving = await TestApp.StartAsync();
        Assert.True((await ImportAsync(receiving, hospital.Archive)).Succeeded);
        var before = await RowCountsAsync(receiving);

        var again = await ImportAsync(receiving, hospital.Archive);

        var refusal = Assert.Single(again.Errors);
        Assert.Equal((OrganisationArchive.OrganisationEntry, "$.key"), (refusal.File, refusal.Field));
        Assert.Equal(before, await RowCountsAsync(receiving));
    }

    [Fact]
    public async Task AnArchiveWhoseIdentifiersTheInstanceHasUnderAnotherKeyIsRefused()
    {
        await using var receiving = await TestApp.StartAsync();
        Assert.True((await ImportAsync(receiving, hospital.Archive)).Succeeded);
        var before = await RowCountsAsync(receiving);
        var renamed = WithDocument(hospital.Archive, OrganisationArchive.OrganisationEntry, o => o["key"] = "riverside-copy", resign: true);
        renamed = WithDocument(renamed, OrganisationArchive.ManifestEntry, m => m["organisationKey"] = "riverside-copy", resign: false);

        var again = await ImportAsync(receiving, renamed);

        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Message.Contains("already", StringComparison.Ordinal));
        Assert.Equal(before, await RowCountsAsync(receiving));
    }

    [Fact]
    public async Task AnUnknownFormatVersionIsRefusedAtTheManifest()
    {
        var future = WithDocument(hospital.Archive, OrganisationArchive.ManifestEntry, m => m["formatVersion"] = 2, resign: false);

        var refusal = Assert.Single(await RefusedAsync(future));

        Assert.Equal((OrganisationArchive.ManifestEntry, "formatVersion"), (refusal.File, refusal.Field));
    }

    [Fact]
    public async Task AMissingManifestIsRefused()
    {
        var entries = Entries(hospital.Archive).Where(e => e.Name != OrganisationArchive.ManifestEntry).ToList();

        var refusal = Assert.Single(await RefusedAsync(Zip(entries, resign: false)));

        Assert.Contains(OrganisationArchive.ManifestEntry, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADocumentThatBreaksTheSchemaIsRefusedAtItsPath()
    {
        var broken = WithDocument(hospital.Archive, OrganisationArchive.PeopleEntry, p => p["people"]![0]!["side"] = "Shareholders", resign: true);

        var refusals = await RefusedAsync(broken);

        Assert.All(refusals, r => Assert.Equal(OrganisationArchive.PeopleEntry, r.File));
        Assert.Contains(refusals, r => r.Field == "$.people[0].side" && r.Message.Contains("does not match the archive's schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccountableManagerWhoIsNotAmongThePeopleIsRefusedAtTheCyclesField()
    {
        var stranger = WithDocument(hospital.Archive, hospital.Screening, c => c["accountableManagerId"] = Guid.NewGuid().ToString("D"), resign: true);

        var refusal = Assert.Single(await RefusedAsync(stranger));

        Assert.Equal((hospital.Screening, "$.accountableManagerId"), (refusal.File, refusal.Field));
        Assert.Contains("not among the organisation's people", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailureAfterRowsWereWrittenLeavesEveryTableAsItWas()
    {
        await using var receiving = await TestApp.StartAsync();
        // The database itself refuses the last kind of row the import writes, after the logins and most rows are in.
        await receiving.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER InjectedFailure BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
        var before = await RowCountsAsync(receiving);

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => ImportAsync(receiving, hospital.Archive));

        Assert.Contains("injected failure", failed.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await RowCountsAsync(receiving));
        // The invitations' secrets were issued inside the transaction, and no mail went for logins that are gone.
        Assert.Empty(Mail(receiving));
    }
}
