using System.Diagnostics;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Scheduling;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Bench;

internal sealed record SweepFigures(
    int DueItems,
    int DueCycles,
    int Runs,
    TimeSpan Engine,
    TimeSpan Raw,
    string EngineSql,
    string EnginePlan,
    string RawPlan,
    FullSweepFigures FullSweep)
{
    public double Ratio => Engine / Raw;
}

/// <param name="Batches">RunDueWork commands sent, as the sweep job sends them: batches of 500 until one comes back short.</param>
internal sealed record FullSweepFigures(int Batches, int Actions, int Conflicts, TimeSpan Took);

/// <summary>
/// (a) How long the sweep takes to find every due question: RunDueWork's own LINQ query (without its batch limit, so it
/// finds them all) through the engine's context, against the same SQL through a plain SqliteCommand on the same file.
/// </summary>
internal static class SweepBenchmark
{
    public const string RawSql = """SELECT "AssessmentId" FROM "QuestionItems" WHERE "NextActionAt" <= $now ORDER BY "NextActionAt" """;

    public static async Task<SweepFigures> RunAsync(BenchHost bench, int runs)
    {
        var now = bench.Clock.GetUtcNow();
        var connectionString = bench.ConnectionString;
        var (dueItems, dueCycles) = await CountDueAsync(connectionString, now);

        // Warm: both paths have run (query compiled, pages cached) before anything is timed.
        for (var i = 0; i < 2; i++)
        {
            await Check(EngineAsync(bench, now), dueItems, "engine");
            await Check(RawAsync(connectionString, now), dueItems, "raw");
        }
        var engine = new List<TimeSpan>(runs);
        var raw = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            // Alternate which goes first, so neither always runs on the other's leftovers.
            if (i % 2 == 0)
            {
                engine.Add(await Time(() => EngineAsync(bench, now)));
                raw.Add(await Time(() => RawAsync(connectionString, now)));
            }
            else
            {
                raw.Add(await Time(() => RawAsync(connectionString, now)));
                engine.Add(await Time(() => EngineAsync(bench, now)));
            }
        }

        var engineSql = await EngineSqlAsync(bench, now);
        return new SweepFigures(
            dueItems,
            dueCycles,
            runs,
            Median(engine),
            Median(raw),
            engineSql,
            await PlanAsync(connectionString, engineSql, now),
            await PlanAsync(connectionString, RawSql, now),
            await FullSweepAsync(bench));
    }

    /// <summary>RunDueWork's query exactly, less its Take, in a fresh scope as each sweep has.</summary>
    private static async Task<int> EngineAsync(BenchHost bench, DateTimeOffset now)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var due = await DueQuery(db, now).ToListAsync();
        return due.Count;
    }

    private static IQueryable<Guid> DueQuery(CoGovDbContext db, DateTimeOffset now) =>
        db.QuestionItems
            .Where(q => q.NextActionAt <= now)
            .OrderBy(q => q.NextActionAt)
            .Select(q => q.AssessmentId);

    /// <summary>The same rows by hand: the time as the SQLite context stores it (UTC ticks), the ids read into a list.</summary>
    private static async Task<int> RawAsync(string connectionString, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = RawSql;
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync();
        var due = new List<Guid>();
        while (await reader.ReadAsync())
        {
            due.Add(reader.GetGuid(0));
        }
        return due.Count;
    }

    private static async Task<(int Items, int Cycles)> CountDueAsync(string connectionString, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*), COUNT(DISTINCT "AssessmentId") FROM "QuestionItems" WHERE "NextActionAt" <= $now""";
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// The SQL EF Core sends for the LINQ query: ToQueryString's text less the <c>.param set</c> lines before it and the
    /// note after it (the context runs in split-query mode, which does not apply to a query without includes).
    /// </summary>
    private static async Task<string> EngineSqlAsync(BenchHost bench, DateTimeOffset now)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var statement = DueQuery(db, now).ToQueryString().Split('\n').Select(l => l.Trim())
            .SkipWhile(l => l.Length == 0 || l.StartsWith('.'))
            .TakeWhile(l => l.Length > 0);
        return string.Join(' ', statement);
    }

    /// <summary>SQLite's plan for a statement, its parameter (EF's <c>@now</c> or the raw <c>$now</c>) bound to the sweep's moment.</summary>
    private static async Task<string> PlanAsync(string connectionString, string sql, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue(sql.Contains("@now", StringComparison.Ordinal) ? "@now" : "$now", now.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return string.Join("; ", steps);
    }

    /// <summary>
    /// One full sweep that does the work, for information: what <see cref="SweepJob"/> sends, batches of 500 in one
    /// scope until a batch comes back short, acting as CoGov itself.
    /// </summary>
    private static async Task<FullSweepFigures> FullSweepAsync(BenchHost bench)
    {
        const int batch = 500;
        var started = Stopwatch.GetTimestamp();
        await using var scope = bench.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var batches = 0;
        var actions = 0;
        var conflicts = 0;
        DueWorkDone done;
        do
        {
            done = await mediator.Send(new RunDueWork(batch));
            batches++;
            actions += done.QuestionActions;
            conflicts += done.Conflicts;
        }
        while (done.QuestionActions + done.CyclesOpened >= batch);
        return new FullSweepFigures(batches, actions, conflicts, Stopwatch.GetElapsedTime(started));
    }

    private static async Task Check(Task<int> run, int expected, string which)
    {
        var found = await run;
        if (found != expected)
        {
            throw new InvalidOperationException($"The {which} query found {found} due items; counting found {expected}.");
        }
    }

    private static async Task<TimeSpan> Time(Func<Task<int>> run)
    {
        var started = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(started);
    }

    internal static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
