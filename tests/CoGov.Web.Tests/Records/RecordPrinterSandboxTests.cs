using System.Collections.Concurrent;
using CoGov.Web.Records;
using CoGov.Web.Tests.Components.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Tests.Records;

/// <summary>
/// <c>Records:Sandbox</c> with the real Chromium (decision record 18). Chromium refuses to sandbox a root process, so
/// what each setting does depends on who runs the tests; each test says what it must do in both cases.
/// </summary>
public sealed class RecordPrinterSandboxTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AutoPrintsInTheSandboxWhenItCanStartAndOtherwiseWithoutItAndAWarningSayingWhy()
    {
        var (printer, log) = Printer(PrintSandbox.Auto);
        await using (printer)
        {
            var pdf = await printer.PrintAsync(RecordBuilder.Record(), CancellationToken.None);

            Assert.True(PdfText.PageCount(pdf) > 1);
            if (Environment.IsPrivilegedProcess)
            {
                Assert.False(printer.IsSandboxed);
                Assert.Contains(log, m => m.Level == LogLevel.Warning && m.Text.Contains("CoGov runs as root, which Chromium will not sandbox", StringComparison.Ordinal));
            }
            else
            {
                // Sandboxed, or (on a kernel without user namespaces) printed anyway with the reason in the log.
                Assert.True(printer.IsSandboxed == true || log.Any(m => m.Level == LogLevel.Warning && m.Text.Contains("sandbox could not start", StringComparison.Ordinal)));
            }
            Assert.Contains(log, m => m.Text.Contains(printer.IsSandboxed == true ? "in its sandbox" : "without its sandbox", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OnNeverPrintsWithoutTheSandboxAndSaysSoWhenItCannotStart()
    {
        var (printer, log) = Printer(PrintSandbox.On);
        await using (printer)
        {
            if (Environment.IsPrivilegedProcess)
            {
                var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => printer.PrintAsync(RecordBuilder.Record(), CancellationToken.None));

                Assert.Contains("Records:Sandbox is On: records are not printed", refused.Message, StringComparison.Ordinal);
                Assert.False(printer.IsBrowserOpen);
                Assert.Contains(log, m => m.Level == LogLevel.Error && m.Text.Contains("sandbox could not start", StringComparison.Ordinal));
            }
            else
            {
                await printer.PrintAsync(RecordBuilder.Record(), CancellationToken.None);

                Assert.True(printer.IsSandboxed);
            }
        }
    }

    [Fact]
    public async Task OffPrintsWithoutTheSandboxAndWarnsThatItIsOff()
    {
        var (printer, log) = Printer(PrintSandbox.Off);
        await using (printer)
        {
            var pdf = await printer.PrintAsync(RecordBuilder.Record(), CancellationToken.None);

            Assert.True(PdfText.PageCount(pdf) > 1);
            Assert.False(printer.IsSandboxed);
            Assert.Contains(log, m => m.Level == LogLevel.Warning && m.Text.Contains("Records:Sandbox is Off", StringComparison.Ordinal));
        }
    }

    private (RecordPrinter Printer, ConcurrentQueue<(LogLevel Level, string Text)> Log) Printer(PrintSandbox sandbox)
    {
        var log = new ConcurrentQueue<(LogLevel, string)>();
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(new QueueLoggerProvider(log)));
        var options = Options.Create(new RecordPrinterOptions { Sandbox = sandbox });
        return (new RecordPrinter(app.Services.GetRequiredService<IServiceScopeFactory>(), loggers, TimeProvider.System, options), log);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel, string)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(log);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<(LogLevel, string)> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue((logLevel, formatter(state, exception)));
    }
}
