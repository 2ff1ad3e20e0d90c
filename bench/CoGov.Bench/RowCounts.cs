using Microsoft.Data.Sqlite;

namespace CoGov.Bench;

/// <summary>What the generated file holds, counted in SQL rather than assumed from the generator's loops.</summary>
internal sealed record RowCounts(long QuestionItems, long LogEntries, long Outbox, long OutboxSent, long People, long Logins)
{
    public static async Task<RowCounts> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return new RowCounts(
            await CountAsync(connection, "QuestionItems"),
            await CountAsync(connection, "LogEntries"),
            await CountAsync(connection, "Outbox"),
            await CountAsync(connection, "Outbox", "\"SentAt\" IS NOT NULL"),
            await CountAsync(connection, "People"),
            await CountAsync(connection, "AspNetUsers"));
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, string where = "1")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "{table}" WHERE {where}""";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
