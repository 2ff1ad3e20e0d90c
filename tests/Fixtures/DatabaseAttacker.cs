using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Fixtures;

/// <summary>
/// Someone with write access to the SQLite file, as decision records 5 and 19 suppose: they can drop the triggers that
/// refuse UPDATE and DELETE, and recompute the log's hashes from its documented canonical form, without CoGov's code.
/// </summary>
internal static class DatabaseAttacker
{
    /// <summary>Drops every trigger CoGov put on its append-only tables, as the database's owner can.</summary>
    public static async Task DropAppendOnlyTriggersAsync(this CoGovDbContext db)
    {
        var names = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_AppendOnly_%'").ToListAsync();
        foreach (var name in names)
        {
            // The name comes from sqlite_master, not from input: a trigger's name cannot be a parameter.
            var drop = "DROP TRIGGER \"" + name + "\";";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
    }

    /// <summary>
    /// The perfect rewrite: replaces one entry's text, recomputes that entry's hash and every later one's from the
    /// documented canonical form, and sets the cycle's head to match, so the chain verifies on its own.
    /// </summary>
    public static async Task RewriteAsync(this CoGovDbContext db, Guid assessmentId, int sequence, string text)
    {
        await db.DropAppendOnlyTriggersAsync();
        var entries = await db.LogEntries.AsNoTracking().Where(e => e.AssessmentId == assessmentId).OrderBy(e => e.Sequence).ToListAsync();
        var previous = LogEntry.GenesisHash;
        foreach (var entry in entries)
        {
            var entryText = entry.Sequence == sequence ? text : entry.Text;
            var hash = entry.Sequence < sequence ? entry.Hash : Hash(entry, entryText, previous);
            if (entry.Sequence >= sequence)
            {
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE LogEntries SET Text = {entryText}, PreviousHash = {previous}, Hash = {hash} WHERE Id = {entry.Id}");
            }
            previous = hash;
        }
        await db.Database.ExecuteSqlAsync($"UPDATE Assessments SET LogHeadHash = {previous} WHERE Id = {assessmentId}");
    }

    /// <summary>The canonical form of decision records 5 and 19, written out again from the records, not borrowed from CoGov.</summary>
    private static string Hash(LogEntry entry, string text, string previous)
    {
        string[] fields =
        [
            entry.AssessmentId.ToString("D"),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            entry.ActorPersonId?.ToString("D") ?? "",
            entry.ActorName,
            entry.Kind.ToString(),
            entry.QuestionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
            text,
            previous,
        ];
        var canonical = entry.HashVersion == 1
            ? JsonSerializer.Serialize(fields)
            : JsonSerializer.Serialize((string[])["2", .. fields, entry.ActingLogin ?? ""]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
