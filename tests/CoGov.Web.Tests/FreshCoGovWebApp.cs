using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoGov.Web.Tests;

/// <summary>The real app as a fresh install starts: templates and the default policy, no organisation, no demo; its log kept.</summary>
public sealed partial class FreshCoGovWebApp() : CoGovWebApp(demo: false)
{
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>Everything the app logged, as its console would show the messages.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>The tokens of the setup addresses the app printed.</summary>
    public IReadOnlyList<string> PrintedSetupTokens =>
        [.. Log.SelectMany(m => SetupAddress().Matches(m)).Select(m => Uri.UnescapeDataString(m.Groups[1].Value))];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(_log))));
    }

    /// <summary>Started: migrated, seeded, and the start-up's messages written.</summary>
    public static async Task<FreshCoGovWebApp> StartAsync()
    {
        var app = new FreshCoGovWebApp();
        await app.InitializeAsync();
        return app;
    }

    [GeneratedRegex(@"/setup\?token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex SetupAddress();

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(log);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));
    }
}
