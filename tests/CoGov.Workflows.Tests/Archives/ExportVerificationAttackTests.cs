using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Ledger;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>
/// Anyone holding an archive checks its logs without CoGov (decision record 26): <c>scripts/verify-export.sh</c>, with
/// jq, sha256sum and unzip only, must agree with CoGov's own <c>VerifyCycleLogs</c> on a whole archive and on one made
/// from a database changed behind CoGov's back, and must name the cycle and the entry; a copy of the file altered
/// afterwards (an entry's text, a PDF's byte) is named too.
/// </summary>
[Trait("Category", "Attack")]
public sealed class ExportVerificationAttackTests
{
    public enum Tampering
    {
        /// <summary>An answer's text edited in place, its hash left alone.</summary>
        EditedText,

        /// <summary>Two entries swapped in the sequence.</summary>
        Reordered,

        /// <summary>The last entry deleted and the cycle's head moved back to the one before.</summary>
        LastRemoved,

        /// <summary>The perfect rewrite: an answer, every later hash and the cycle's head recomputed.</summary>
        Rewritten,
    }

    [Fact]
    public async Task TheScriptFindsAWholeArchiveWholeAsCoGovDoesAndReadsTheEscapedAnswerAsItsEntry()
    {
        await using var app = await ExportScenario.StartAsync();
        var zip = await ExportScenario.WriteAsync(app);

        var (exitCode, output) = await ExportScenario.VerifyWithScriptAsync(app, zip);
        var report = await app.SendAsync(new VerifyCycleLogs(Key));

        Assert.True(report.Holds);
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        foreach (var cycle in report.Cycles)
        {
            Assert.Contains($"OK   {cycle.SystemKey} cycle {cycle.Cycle} ", output, StringComparison.Ordinal);
            Assert.Contains($"{cycle.Log.EntryCount} entries, chained and whole, head {cycle.Log.HeadHash}", output, StringComparison.Ordinal);
        }
        Assert.Contains("OK   record applicant-screening-cycle-1.pdf: SHA-256 ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Tampering.EditedText)]
    [InlineData(Tampering.Reordered)]
    [InlineData(Tampering.LastRemoved)]
    [InlineData(Tampering.Rewritten)]
    public async Task ALogChangedInTheDatabaseIsFailedByTheScriptAsByCoGovNamingTheCycleAndTheEntry(Tampering tampering)
    {
        await using var app = await ExportScenario.StartAsync();
        var cycle = await app.CycleAsync(Screening, 1);
        var answer = cycle.Log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 5);
        var named = await TamperAsync(app, cycle, answer, tampering);
        var zip = await ExportScenario.WriteAsync(app);

        var (exitCode, output) = await ExportScenario.VerifyWithScriptAsync(app, zip);
        var check = await ExportScenario.VerifyScreeningAsync(app);

        Assert.False(check.Holds);
        Assert.Equal(1, exitCode);
        Assert.Contains($"FAIL {Screening} cycle 1 ({cycle.Id:D}):", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
        // The other cycles were left alone, and both say so.
        Assert.Contains("OK   rostering cycle 1 ", output, StringComparison.Ordinal);
    }

    /// <summary>Changes the database as its owner can, past the triggers; answers what the script must say.</summary>
    private static async Task<string> TamperAsync(TestApp app, Assessment cycle, LogEntry answer, Tampering tampering)
    {
        var last = cycle.Log[^1];
        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            switch (tampering)
            {
                case Tampering.EditedText:
                    await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Text = {"Management accepts full liability."} WHERE Id = {answer.Id}");
                    break;
                case Tampering.Reordered:
                    var next = cycle.Log.Single(e => e.Sequence == answer.Sequence + 1);
                    await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = -1 WHERE Id = {answer.Id}");
                    await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = {answer.Sequence} WHERE Id = {next.Id}");
                    await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = {next.Sequence} WHERE Id = {answer.Id}");
                    break;
                case Tampering.LastRemoved:
                    await db.Database.OpenConnectionAsync();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
                    await db.LogEntries.Where(e => e.Id == last.Id).ExecuteDeleteAsync();
                    await db.Database.ExecuteSqlAsync($"UPDATE Assessments SET LogLength = {last.Sequence - 1}, LogHeadHash = {last.PreviousHash} WHERE Id = {cycle.Id}");
                    break;
                case Tampering.Rewritten:
                    await db.RewriteAsync(cycle.Id, answer.Sequence, "Management accepts full liability.");
                    break;
            }
        });
        return tampering switch
        {
            Tampering.EditedText => $"entry {answer.Sequence}: its content hashes to ",
            Tampering.Reordered => $"entry {answer.Sequence + 1} names the previous hash ",
            Tampering.LastRemoved => $"it counted {last.Sequence} entries, but the log ends at entry {last.Sequence - 1}",
            Tampering.Rewritten => $"entry {last.Sequence} has the hash ",
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };
    }

    [Fact]
    public async Task AnEntryEditedInACopyOfTheFileIsNamedWithItsCycleEvenWithTheManifestWrittenToMatch()
    {
        await using var app = await ExportScenario.StartAsync();
        var cycle = await app.CycleAsync(Screening, 1);
        var answer = cycle.Log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 1);
        var zip = await ExportScenario.WriteAsync(app);
        var name = OrganisationArchive.CycleEntry(cycle.Id);

        // The text changed, and its canonical string with it, so both read alike: only the hash tells.
        var edited = ExportScenario.Replace(zip, name, bytes =>
        {
            var document = JsonNode.Parse(bytes)!;
            var entry = document["log"]!.AsArray().Single(e => (int)e!["sequence"]! == answer.Sequence)!;
            entry["text"] = "Management accepts full liability.";
            var canonical = JsonSerializer.Deserialize<string[]>((string)entry["canonical"]!)!;
            canonical[8] = "Management accepts full liability.";
            entry["canonical"] = JsonSerializer.Serialize(canonical);
            return Encoding.UTF8.GetBytes(document.ToJsonString());
        });
        edited = RewriteManifest(edited);
        var (exitCode, output) = await ExportScenario.VerifyWithScriptAsync(app, edited);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain($"FAIL {name}", output, StringComparison.Ordinal);
        Assert.Contains($"FAIL {Screening} cycle 1 ({cycle.Id:D}):", output, StringComparison.Ordinal);
        Assert.Contains($"entry {answer.Sequence}: its content hashes to ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedByteOfAKeptPdfInACopyOfTheFileIsNamedAgainstTheSha256CoGovRecorded()
    {
        await using var app = await ExportScenario.StartAsync();
        var zip = await ExportScenario.WriteAsync(app);
        var record = JsonSerializer.Deserialize<RecordsDocument>(
            ExportScenario.Entries(zip).Single(e => e.Name == OrganisationArchive.RecordsEntry).Bytes, OrganisationArchive.Json)!.Records.Single();

        var changed = RewriteManifest(ExportScenario.Replace(zip, record.File, bytes =>
        {
            var copy = bytes.ToArray();
            copy[12] ^= 0x01;
            return copy;
        }));
        var (exitCode, output) = await ExportScenario.VerifyWithScriptAsync(app, changed);

        Assert.Equal(1, exitCode);
        Assert.Contains($"FAIL record {record.FileName} ({record.File}): SHA-256 ", output, StringComparison.Ordinal);
        Assert.Contains($"CoGov recorded {record.Sha256}", output, StringComparison.Ordinal);
        // The logs were not touched, and the script says so.
        Assert.Contains($"OK   {Screening} cycle 1 ", output, StringComparison.Ordinal);
    }

    /// <summary>The manifest recomputed for the altered entries, as a careful forger would, so only the deeper checks can tell.</summary>
    private static byte[] RewriteManifest(byte[] zip)
    {
        var entries = ExportScenario.Entries(zip);
        return ExportScenario.Replace(zip, OrganisationArchive.ManifestEntry, bytes =>
        {
            var manifest = JsonSerializer.Deserialize<ArchiveManifest>(bytes, OrganisationArchive.Json)!;
            var rewritten = manifest with
            {
                Entries = [.. manifest.Entries.Select(e => entries.Single(x => x.Name == e.Name).Bytes is var b
                    ? new ArchiveEntry(e.Name, b.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(b)))
                    : e)],
            };
            return JsonSerializer.SerializeToUtf8Bytes(rewritten, OrganisationArchive.Json);
        });
    }
}
