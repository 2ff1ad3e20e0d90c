using System.Diagnostics;
using System.Globalization;
using CoGov.Bench;
using Microsoft.Data.Sqlite;

// The engine's benchmark: figures printed beside raw SQLite baselines run in the same process, never asserted.
// Exit code 0 whether or not a target is met: it reports, it does not fail.
BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var started = Stopwatch.GetTimestamp();
var ranAt = TimeProvider.System.GetUtcNow();
void Progress(string line)
{
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"[{Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s, {process.WorkingSet64 / 1024 / 1024,5} MB] {line}");
}

await using var bench = await BenchHost.StartAsync(options);
Progress($"engine started on {bench.FilePath} (migrated, templates and default policy imported)");

Progress($"generating {options.Organisations:N0} organisations x {BenchOptions.SystemsPerOrganisation} systems x 19 questions ...");
var data = await DataGenerator.GenerateAsync(bench.Services, options.Organisations, BenchOptions.SystemsPerOrganisation, Progress);
await DataGenerator.VerifyAsync(bench.Services, data);
var rows = await RowCounts.ReadAsync(bench.ConnectionString);
await Checkpoint(bench.ConnectionString);
var fileAfterGeneration = bench.FileBytes();
Progress($"generated {data.QuestionItems:N0} question items in {data.Took.TotalSeconds:0.0} s; file {Megabytes(fileAfterGeneration)}");

// Set, not advanced: advancing a fake clock fires a periodic timer once per period skipped, and the outbox sender's
// 30-second timer would run some 23,000 rounds for the week skipped, beside what is being timed.
bench.Clock.AdjustTime(data.SweepMoment);
// Generation's garbage is not the measurements' business.
GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();

Progress($"(a) timing the sweep's query, {options.Runs} runs each, then one full sweep ...");
var sweep = await SweepBenchmark.RunAsync(bench, options.Runs);
Progress($"(a) done: engine {Milliseconds(sweep.Engine)}, raw {Milliseconds(sweep.Raw)}; full sweep {sweep.FullSweep.Took.TotalSeconds:0.0} s");

Progress($"(b) {options.Answers:N0} raw inserts and {options.Answers:N0} answers through the command path, in alternating blocks ...");
var writes = await AnswerBenchmark.RunAsync(bench, data, options.Answers);
Progress($"(b) done: engine {writes.EngineRate:N0}/s, raw {writes.RawRate:N0}/s");

var rowsAtEnd = await RowCounts.ReadAsync(bench.ConnectionString);
var table = Table(options, data, rows, rowsAtEnd.OutboxSent - rows.OutboxSent, fileAfterGeneration, sweep, writes, Stopwatch.GetElapsedTime(started), ranAt,
    await SqliteVersion(bench.ConnectionString), bench.FileBytes());
Console.WriteLine();
Console.WriteLine(table);
if (options.Keep)
{
    Console.WriteLine($"The database is kept at {bench.FilePath}");
}
return 0;

static string Table(BenchOptions options, GeneratedData data, RowCounts rows, long mailDelivered, long fileAfterGeneration, SweepFigures sweep, WriteFigures writes,
    TimeSpan runTime, DateTimeOffset ranAt, string sqliteVersion, long fileAtEnd)
{
    var lines = new List<string>
    {
        $"CoGov engine benchmark, {ranAt:yyyy-MM-dd HH:mm} UTC (dotnet run -c Release --project bench/CoGov.Bench{Arguments(options)})",
        $"machine   {Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, SQLite {sqliteVersion}",
        $"data      {data.Organisations.Count:N0} organisations, {data.Systems:N0} systems, {data.Cycles:N0} cycles, {rows.QuestionItems:N0} question items, " +
            $"{rows.LogEntries:N0} log entries, {rows.Outbox:N0} outbox messages, {rows.People:N0} people, {rows.Logins:N0} logins",
        $"file      {Megabytes(fileAfterGeneration)} after generation ({data.Took.TotalSeconds:0} s), {Megabytes(fileAtEnd)} at the end; " +
            $"journal {writes.JournalMode}, synchronous {Synchronous(writes.EngineSynchronous)} (raw connection: {Synchronous(writes.RawSynchronous)})",
        $"due       {sweep.DueItems:N0} question items in {sweep.DueCycles:N0} cycles ({Percent((double)sweep.DueCycles / data.Cycles)} of cycles) at {data.SweepMoment:yyyy-MM-dd HH:mm} UTC",
        "",
        $"(a) find every due item ({sweep.DueItems:N0} rows), median of {sweep.Runs} warm runs",
        Row("engine: RunDueWork's LINQ query (no Take), EF Core", Milliseconds(sweep.Engine)),
        Row("raw:    same SQL on the NextActionAt index, SqliteCommand", Milliseconds(sweep.Raw)),
        Row("engine / raw", $"{sweep.Ratio:0.00}x", "target <= 2x", Verdict(sweep.Ratio <= 2)),
        Row("engine time", Milliseconds(sweep.Engine), "target < 1 s", Verdict(sweep.Engine < TimeSpan.FromSeconds(1))),
        Row("info: one full sweep doing the work (RunDueWork, batches of 500)", $"{sweep.FullSweep.Took.TotalSeconds:0.0} s",
            $"{sweep.FullSweep.Actions:N0} actions, {sweep.FullSweep.Batches} batches, {sweep.FullSweep.Conflicts} conflicts"),
        $"    plan (engine): {sweep.EnginePlan}",
        $"    plan (raw):    {sweep.RawPlan}",
        "",
        $"(b) {writes.Count:N0} durable writes, one after another",
        Row("engine: AnswerQuestion via mediator, a scope each", Rate(writes.EngineRate), $"{writes.Engine.TotalMilliseconds / writes.Count:0.00} ms each"),
        Row("raw:    one-row INSERT, one transaction each", Rate(writes.RawRate),
            $"{writes.Raw.TotalMilliseconds / writes.Count:0.00} ms each, {writes.RawCommits.TotalMilliseconds / writes.Count:0.00} committing"),
        Row("engine / raw", Percent(writes.Ratio), "target >= 25%", Verdict(writes.Ratio >= 0.25)),
        $"    engine's garbage: {writes.EngineGc.AllocatedBytes / 1024d / writes.Count:N0} KB allocated per answer; " +
            $"{writes.EngineGc.Gen0}/{writes.EngineGc.Gen1}/{writes.EngineGc.Gen2} collections (gen 0/1/2), paused {writes.EngineGc.Paused.TotalMilliseconds / writes.Count:0.00} ms per answer",
    };
    if (writes.Profile is { } profile)
    {
        var each = (double)writes.Count;
        lines.Add($"    profile per answer: {profile.Commands / each:0.0} SQL commands taking {profile.SqlTime.TotalMilliseconds / each:0.00} ms, " +
            $"{profile.Commits / each:0.0} commits taking {profile.CommitTime.TotalMilliseconds / each:0.00} ms, " +
            $"the rest in .NET {(writes.Engine - profile.SqlTime - profile.CommitTime).TotalMilliseconds / each:0.00} ms");
        foreach (var statement in profile.Statements.Take(14))
        {
            lines.Add($"      {statement.Count / each,4:0.0} x {statement.Time.TotalMilliseconds / statement.Count,6:0.000} ms  {statement.Sql}");
        }
    }
    lines.Add("");
    // The outbox sender runs in the engine as in the app; mail it delivered would have competed with what was timed.
    lines.Add($"mail delivered by the outbox sender while measuring: {mailDelivered:N0}");
    using var process = Process.GetCurrentProcess();
    lines.Add($"working set {Megabytes(process.WorkingSet64)} at the end, peak {Megabytes(process.PeakWorkingSet64)} (generation's garbage); " +
        $"whole run {(int)runTime.TotalMinutes} min {runTime.Seconds:00} s");
    return string.Join(Environment.NewLine, lines);
}

static string Row(string what, string figure, string target = "", string verdict = "") =>
    $"    {what,-66} {figure,12}   {target,-14} {verdict}".TrimEnd();

static string Verdict(bool met) => met ? "met" : "MISSED";

static string Milliseconds(TimeSpan time) => $"{time.TotalMilliseconds:0.0} ms";

static string Rate(double perSecond) => $"{perSecond:N0}/s";

static string Percent(double fraction) => $"{fraction * 100:0.0}%";

static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:N1} MB";

static string Synchronous(string level) => level switch
{
    "0" => "OFF",
    "1" => "NORMAL",
    "2" => "FULL",
    "3" => "EXTRA",
    _ => level,
};

static string Arguments(BenchOptions options)
{
    var given = new List<string>();
    if (options.Organisations != 1000)
    {
        given.Add($"--organisations {options.Organisations}");
    }
    if (options.Answers != 10_000)
    {
        given.Add($"--answers {options.Answers}");
    }
    if (options.Runs != 9)
    {
        given.Add($"--runs {options.Runs}");
    }
    if (options.Profile)
    {
        given.Add("--profile");
    }
    return given.Count == 0 ? "" : " -- " + string.Join(' ', given);
}

// The generated file is measured as a server would find it: the write-ahead log folded into the database.
static async Task Checkpoint(string connectionString)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
    await command.ExecuteNonQueryAsync();
}

static async Task<string> SqliteVersion(string connectionString)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    return connection.ServerVersion;
}
