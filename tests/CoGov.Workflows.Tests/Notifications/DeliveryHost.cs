using System.Collections.Concurrent;
using CoGov.Workflows.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>
/// The engine built as the app builds it, with <c>AddNotificationDelivery</c> and the <c>Mail</c> settings a test gives,
/// on a database a <see cref="TestApp"/> has already set up. The host itself is never started: a test starts and stops
/// the delivery service alone, so nothing else (migrations, seeding, schedules) runs beside it.
/// </summary>
internal sealed class DeliveryHost : IDisposable
{
    private DeliveryHost(IHost host, LogCapture logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => Host.Services;

    public OutboxDelivery Delivery => Services.GetServices<IHostedService>().OfType<OutboxDelivery>().Single();

    public static DeliveryHost Create(TestDatabase database, FakeTimeProvider clock, string contentRoot, IEnumerable<KeyValuePair<string, string?>> mail)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = contentRoot,
            Configuration = new ConfigurationManager { ["hostBuilder:reloadConfigOnChange"] = "false" },
        });
        var logs = new LogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Configuration["ConnectionStrings:CoGov"] = database.ConnectionString;
        foreach (var (key, value) in mail)
        {
            builder.Configuration[$"{MailOptions.SectionName}:{key}"] = value;
        }
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddCoGovWorkflows();
        builder.AddNotificationDelivery();
        return new DeliveryHost(builder.Build(), logs);
    }

    public void Dispose() => Host.Dispose();
}

/// <summary>Keeps what is logged, so a test can see that a failure was reported rather than thrown.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
