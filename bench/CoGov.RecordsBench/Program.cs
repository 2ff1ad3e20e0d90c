using System.Diagnostics;
using System.Globalization;
using CoGov.RecordsBench;
using CoGov.Web.Records;
using CoGov.Workflows.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

// The records benchmark: warm print times and the memory of the process tree (this process and Chromium's), printed,
// never asserted. Exit code 0 whether or not a target is met.
CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var asked) ? asked : 20;
var soak = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var soakAsked) ? soakAsked : 200;

var services = new ServiceCollection()
    .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
    .AddLocalization()
    .AddSingleton(TimeProvider.System)
    .AddSingleton(Options.Create(new RecordPrinterOptions()))
    .AddSingleton<RecordPrinter>()
    .BuildServiceProvider();
var printer = services.GetRequiredService<RecordPrinter>();
if (printer.Unavailable is { } why)
{
    Console.Error.WriteLine(why);
    return 0;
}

Console.WriteLine($"CoGov records benchmark, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC (dotnet run -c Release --project bench/CoGov.RecordsBench)");
Console.WriteLine($"machine   {Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"runs      median of {runs} warm prints each (after 3 to warm up); memory is the PSS of this process and its chromium processes");
Console.WriteLine();

var demo = Documents.Record(answerWords: 150, logEntries: 60);
var (long60, longWords) = SixtyPages();
var pack = Documents.Pack(systems: 20);

await MeasureAsync("demo record (19 questions, ~150-word answers)", ct => printer.PrintAsync(demo, ct), "target <= 400 ms");
await MeasureAsync($"long record ({longWords}-word answers)", ct => printer.PrintAsync(long60, ct), "");
await MeasureAsync("meeting pack (20 systems)", ct => printer.PrintAsync(pack, ct), "target <= 1.5 s");

// Growth: the same record printed again and again; memory after 20 prints against after 200.
GC.Collect();
var after20 = 0L;
for (var i = 1; i <= soak; i++)
{
    await printer.PrintAsync(demo, CancellationToken.None);
    if (i == 20)
    {
        GC.Collect();
        after20 = ProcessTree.PssBytes();
    }
}
GC.Collect();
var afterSoak = ProcessTree.PssBytes();
Console.WriteLine($"{"growth",-48} after 20 prints {Mb(after20)}, after {soak} {Mb(afterSoak)} ({(afterSoak - after20) / 1024.0 / 1024.0:+0;-0} MB)");
await printer.DisposeAsync();
return 0;

async Task MeasureAsync(string name, Func<CancellationToken, Task<byte[]>> print, string target)
{
    await using var peak = new PeakMemory();
    byte[] pdf = [];
    for (var i = 0; i < 3; i++)
    {
        pdf = await print(CancellationToken.None);
    }
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        pdf = await print(CancellationToken.None);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    times.Sort();
    using var document = PdfDocument.Open(pdf);
    Console.WriteLine($"{name,-48} {document.NumberOfPages,3} pages  median {times[times.Count / 2],6:0} ms  (min {times[0]:0}, max {times[^1]:0})  peak {Mb(peak.Peak)}  {target}");
}

(AssessmentRecord Record, int Words) SixtyPages()
{
    // The answer length that gives about 60 pages, found once rather than assumed from a page size.
    foreach (var words in new[] { 1100, 1250, 1400, 1550, 1700 })
    {
        var record = Documents.Record(answerWords: words, logEntries: 300);
        var pdf = printer.PrintAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        using var document = PdfDocument.Open(pdf);
        if (document.NumberOfPages >= 60)
        {
            return (record, words);
        }
    }
    return (Documents.Record(answerWords: 1700, logEntries: 300), 1700);
}

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MB";
