using System.Diagnostics;
using System.Security.Claims;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CoGov.Workflows.Questions;

namespace CoGov.Bench;

internal sealed record WriteFigures(
    int Count,
    TimeSpan Engine,
    TimeSpan Raw,
    TimeSpan RawCommits,
    string JournalMode,
    string EngineSynchronous,
    string RawSynchronous,
    GcFigures EngineGc,
    ProfileFigures? Profile)
{
    public double EngineRate => Count / Engine.TotalSeconds;
    public double RawRate => Count / Raw.TotalSeconds;
    public double Ratio => EngineRate / RawRate;
}

/// <summary>What the garbage collector did over a stretch of the run: allocation and collections, and the time paused.</summary>
internal sealed record GcFigures(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcFigures Now() => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcFigures operator -(GcFigures after, GcFigures before) => new(
        after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    public static GcFigures operator +(GcFigures a, GcFigures b) => new(
        a.AllocatedBytes + b.AllocatedBytes, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Paused + b.Paused);
}

internal sealed record ProfileFigures(int Commands, TimeSpan SqlTime, int Commits, TimeSpan CommitTime, IReadOnlyList<CommandProfile.Statement> Statements);

/// <summary>
/// (b) Answering questions through the real command path (authorisation, validation, the cycle loaded in context, the
/// question's machine, the log entry's hash, the outbox, one save), one command per DI scope and one after another,
/// against single-row inserts on the same file, each in a transaction of its own, with the same journal mode and
/// synchronous setting: what the disk and SQLite allow for durable writes one at a time.
/// </summary>
internal static class AnswerBenchmark
{
    private const int WarmUp = 200;
    private const int Blocks = 10;
    private const string RawTable = "BenchRawWrites";

    /// <summary>About the length of a real answer: a few sentences.</summary>
    private const string AnswerText =
        "The system allocates shifts from availability and skills only. Managers can override any allocation; the vendor " +
        "has no access to individual data after the nightly export, and the model is reviewed every quarter with the " +
        "workers' representatives.";

    public static async Task<WriteFigures> RunAsync(BenchHost bench, GeneratedData data, int count)
    {
        var plan = Plan(data, WarmUp + count);
        count = plan.Count - WarmUp;
        var connectionString = bench.ConnectionString;
        var (journalMode, engineSynchronous) = await EnginePragmasAsync(bench);

        await using var raw = new SqliteConnection(connectionString);
        await raw.OpenAsync();
        var rawSynchronous = await ScalarAsync(raw, "PRAGMA synchronous");
        await ExecuteAsync(raw, $"""CREATE TABLE "{RawTable}" ("Id" INTEGER PRIMARY KEY, "At" INTEGER NOT NULL, "Text" TEXT NOT NULL)""");
        await using var insert = raw.CreateCommand();
        insert.CommandText = $"""INSERT INTO "{RawTable}" ("At", "Text") VALUES ($at, $text)""";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$text", AnswerText);
        insert.Prepare();

        for (var i = 0; i < WarmUp; i++)
        {
            await AnswerAsync(bench, plan[i]);
            RawInsert(raw, insert, at, i);
        }

        // Interleaved in blocks, so both see the same disk: a virtual disk's flush time drifts over a minute by a
        // factor of two, which would otherwise land on whichever ran in the slower stretch.
        var rawTook = TimeSpan.Zero;
        var rawCommits = 0L;
        var engineTook = TimeSpan.Zero;
        var gc = new GcFigures(0, 0, 0, 0, TimeSpan.Zero);
        bench.Profile?.Reset();
        var blockSize = Math.Max(1, (count + Blocks - 1) / Blocks);
        for (var first = 0; first < count; first += blockSize)
        {
            var last = Math.Min(count, first + blockSize);
            var rawStarted = Stopwatch.GetTimestamp();
            for (var i = first; i < last; i++)
            {
                rawCommits += RawInsert(raw, insert, at, WarmUp + i);
            }
            rawTook += Stopwatch.GetElapsedTime(rawStarted);

            bench.Profile?.Resume();
            var gcBefore = GcFigures.Now();
            var engineStarted = Stopwatch.GetTimestamp();
            for (var i = first; i < last; i++)
            {
                await AnswerAsync(bench, plan[WarmUp + i]);
            }
            engineTook += Stopwatch.GetElapsedTime(engineStarted);
            gc += GcFigures.Now() - gcBefore;
            bench.Profile?.Pause();
        }

        await ExecuteAsync(raw, $"""DROP TABLE "{RawTable}" """);
        await CheckAnsweredAsync(bench, plan.Count);

        ProfileFigures? profile = null;
        if (bench.Profile is { } recorded)
        {
            var statements = recorded.Statements();
            profile = new ProfileFigures(statements.Sum(s => s.Count), TimeSpan.FromTicks(statements.Sum(s => s.Time.Ticks)),
                recorded.Transactions.Commits, recorded.Transactions.CommitTime, statements);
        }
        return new WriteFigures(count, engineTook, rawTook, Stopwatch.GetElapsedTime(0, rawCommits), journalMode, engineSynchronous, rawSynchronous, gc, profile);
    }

    private sealed record PlannedAnswer(string OrganisationKey, string SystemKey, int Number, ClaimsPrincipal Assignee);

    /// <summary>
    /// Which questions are answered: one per cycle in turn across every organisation, a different question each time
    /// round, so the answers spread over the whole data set rather than one cycle's log growing.
    /// </summary>
    private static List<PlannedAnswer> Plan(GeneratedData data, int wanted)
    {
        var total = Math.Min(wanted, data.QuestionItems);
        var plan = new List<PlannedAnswer>(total);
        for (var i = 0; i < total; i++)
        {
            var cycle = i % data.Cycles;
            var round = i / data.Cycles;
            var number = 1 + (cycle + round) % data.QuestionsPerCycle;
            var organisation = data.Organisations[cycle / data.SystemsPerOrganisation];
            plan.Add(new PlannedAnswer(organisation.Key, GeneratedData.SystemKey(cycle % data.SystemsPerOrganisation), number,
                organisation.AssigneeOf(number)));
        }
        return plan;
    }

    /// <summary>One answer as a page sends it: a scope of its own, the signed-in manager, the mediator.</summary>
    private static async Task AnswerAsync(BenchHost bench, PlannedAnswer answer)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(answer.Assignee);
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new AnswerQuestion(answer.OrganisationKey, answer.SystemKey, 1, answer.Number, AnswerText));
    }

    /// <returns>The Stopwatch ticks spent committing, where the disk is waited for.</returns>
    private static long RawInsert(SqliteConnection connection, SqliteCommand insert, SqliteParameter at, int i)
    {
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        at.Value = i;
        insert.ExecuteNonQuery();
        var committing = Stopwatch.GetTimestamp();
        transaction.Commit();
        return Stopwatch.GetTimestamp() - committing;
    }

    /// <summary>The journal mode of the file and the synchronous setting of a connection the engine's context opens.</summary>
    private static async Task<(string JournalMode, string Synchronous)> EnginePragmasAsync(BenchHost bench)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            return (await ScalarAsync(connection, "PRAGMA journal_mode"), await ScalarAsync(connection, "PRAGMA synchronous"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every answer really went through: the question items say so.</summary>
    private static async Task CheckAnsweredAsync(BenchHost bench, int expected)
    {
        await using var scope = bench.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var answered = await db.QuestionItems.CountAsync(q => q.State == Domain.Assessments.QuestionState.Answered);
        if (answered != expected)
        {
            throw new InvalidOperationException($"{expected} answers were sent but {answered} questions are answered.");
        }
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
