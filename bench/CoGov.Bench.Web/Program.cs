using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CoGov.Bench.Web;

/// <summary>
/// The web app's figures for the README, printed, never asserted: (1) the bytes a cold browser downloads for the
/// accountable manager's "My questions", (2) the chase board's server time with 10,000 open questions in one organisation.
/// </summary>
internal static class WebBench
{
    private const string DemoPassword = "CoGov-demo-2026!";
    private const string DemoManager = "daniel.reyes@riverside-hospital.example";
    private const string InboxPath = "organisations/riverside-hospital/my-questions";

    private const string Usage = """
        Usage: dotnet run -c Release --project bench/CoGov.Bench.Web -- [options]
          --questions N   open questions in the chase board's organisation (default 10000)
          --runs N        timed GETs and queries of the chase board, median reported (default 15)
          --only inbox|chase   one of the two figures
          --keep          keep the SQLite file and print where it is
        """;

    public static async Task<int> Main(string[] args)
    {
        var questions = 10_000;
        var runs = 15;
        string? only = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--questions" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var q) && q > 0:
                    questions = q;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    i++;
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "inbox" or "chase":
                    only = args[++i];
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var started = Stopwatch.GetTimestamp();
        var ranAt = TimeProvider.System.GetUtcNow();
        void Progress(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s] {line}");

        FirstLoadFigures? inbox = null;
        if (only is null or "inbox")
        {
            await using var published = await PublishedApp.StartAsync(WebBenchApp.RepositoryFolder(), keep, Progress);
            Progress($"published app started at {published.Address}; first load of /{InboxPath} in a cold chromium, signed in as {DemoManager} ...");
            inbox = await FirstLoad.MeasureAsync(published.Address, DemoManager, DemoPassword, InboxPath);
        }
        ChaseFigures? chase = null;
        string? database = null;
        if (only is null or "chase")
        {
            await using var app = new WebBenchApp(keep);
            app.StartServer();
            database = app.DatabasePath;
            Progress($"app started in this process at {app.Address} on {app.DatabasePath} (Production, migrated, demo imported)");
            Progress($"generating one organisation with {questions:N0} open questions (the engine benchmark's generator) ...");
            chase = await ChaseBoardTiming.MeasureAsync(app, questions, runs, DemoPassword, Progress);
        }

        Console.WriteLine();
        Console.WriteLine(Table(args, ranAt, inbox, chase, Stopwatch.GetElapsedTime(started)));
        if (keep && database is not null)
        {
            Console.WriteLine($"The chase board's database is kept at {database}");
        }
        return 0;
    }

    private static string Table(string[] args, DateTimeOffset ranAt, FirstLoadFigures? inbox, ChaseFigures? chase, TimeSpan runTime)
    {
        var lines = new List<string>
        {
            $"CoGov web benchmark, {ranAt:yyyy-MM-dd HH:mm} UTC (dotnet run -c Release --project bench/CoGov.Bench.Web{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")})",
            $"machine   {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
            "app       (1) src/CoGov.Web published in Release, run with --demo in Production on 127.0.0.1;",
            "          (2) CoGov.Web's Program in this process (WebApplicationFactory on Kestrel, 127.0.0.1), Release, Production, clock set",
        };
        if (inbox is not null)
        {
            lines.Add("");
            lines.Add($"(1) first load of /{InboxPath} as {DemoManager}, cold chromium (a new browser context: empty cache)");
            lines.Add($"    landed on {inbox.FinalUrl}");
            lines.Add($"    {"what",-62} {"status",6} {"encoding",-9} {"on the wire",12} {"decoded",10}");
            foreach (var r in inbox.Resources)
            {
                lines.Add($"    {Shorten(r.Url),-62} {r.Status,6} {(r.Encoding.Length == 0 ? "-" : r.Encoding),-9} {Kilobytes(r.WireBytes),12} {Kilobytes(r.BodyBytes),10}");
            }
            lines.Add($"    web socket frames: {inbox.WebSocketFrames} ({Kilobytes(inbox.WebSocketBytes)}); failed requests: {inbox.Failed}");
            var met = inbox.WireBytes <= 500 * 1024;
            lines.Add($"    total on the wire, {inbox.Resources.Count} responses {Kilobytes(inbox.WireBytes),36} {Kilobytes(inbox.BodyBytes),10}   target <= 500 KB   {(met ? "met" : "MISSED")}");
        }
        if (chase is not null)
        {
            lines.Add("");
            lines.Add($"(2) chase board of {chase.OrganisationKey}: {chase.OpenQuestions:N0} open questions in {chase.Systems:N0} systems (generated in {chase.Generation.TotalSeconds:0} s), " +
                $"at {chase.Now:yyyy-MM-dd HH:mm} UTC");
            lines.Add($"    on the board: {chase.Totals.Overdue:N0} overdue, {chase.Totals.DueThisWeek:N0} due this week, {chase.Totals.WaitingOnUs:N0} waiting on the workers' side");
            lines.Add(Row($"GET /organisations/{chase.OrganisationKey}/chase (100 rows a section), median of {chase.Page.Runs}", chase.Page));
            lines.Add(Row($"GetChaseBoard through IMediator (100 rows a section), median of {chase.Query.Runs}", chase.Query, rows: true));
            lines.Add(Row($"info: GET ...?all=true (every row), median of {chase.AllPage.Runs}", chase.AllPage));
            lines.Add(Row($"info: GetChaseBoard with every row, median of {chase.AllQuery.Runs}", chase.AllQuery, rows: true));
        }
        lines.Add("");
        lines.Add($"whole run {(int)runTime.TotalMinutes} min {runTime.Seconds:00} s");
        return string.Join(Environment.NewLine, lines);
    }

    /// <param name="rows">For a query: its result is counted in rows; for a page, in the HTML's bytes.</param>
    private static string Row(string what, Timing timing, bool rows = false) =>
        $"    {what,-78} {timing.Median.TotalMilliseconds,8:0.0} ms  (fastest {timing.Fastest.TotalMilliseconds:0.0}, slowest {timing.Slowest.TotalMilliseconds:0.0}; " +
        $"{(rows ? $"{timing.Bytes:N0} rows" : Kilobytes(timing.Bytes) + " of HTML")})";

    private static string Kilobytes(long bytes) => $"{bytes / 1024d:N1} KB";

    private static string Shorten(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;
        return path.Length > 62 ? path[..59] + "..." : path;
    }
}
