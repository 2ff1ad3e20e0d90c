using System.Diagnostics;
using CoGov.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>The background service and its registration: rounds on the injected clock, and failures that never stop the host.</summary>
public sealed class OutboxDeliveryTests
{
    private static readonly Dictionary<string, string?> EveryMinuteToOutgoing = new()
    {
        ["PickupFolder"] = "outgoing",
        ["PollInterval"] = "00:01:00",
    };

    [Fact]
    public async Task TheServiceDeliversWhatIsWaitingWhenItStartsAndThenOnceEveryPollInterval()
    {
        await using var app = await OutboxScenario.StartAsync();
        using var contentRoot = new TempFolder();
        await app.SendScreeningQuestionsAsync(2);
        using var host = DeliveryHost.Create(app.Database, app.Clock, contentRoot.Path, EveryMinuteToOutgoing);
        var outgoing = Path.Combine(contentRoot.Path, "outgoing");

        await host.Delivery.StartAsync(CancellationToken.None);
        await Eventually(() => Directory.Exists(outgoing) && Directory.GetFiles(outgoing, "*.eml").Length == 2);
        await app.SendScreeningQuestionsAsync(1, from: 3);
        await Task.Delay(200);
        var beforeTheInterval = Directory.GetFiles(outgoing, "*.eml").Length;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually(() => Directory.GetFiles(outgoing, "*.eml").Length == 3);
        await host.Delivery.StopAsync(CancellationToken.None);

        Assert.Equal(2, beforeTheInterval);
        var outbox = await app.OutboxAsync();
        Assert.Equal(outbox.Select(m => $"{m.Id:D}.eml").Order(StringComparer.Ordinal), Directory.GetFiles(outgoing).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
        Assert.True(host.Delivery.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ARoundThatFailsIsLoggedAndTheNextRoundStillComes()
    {
        // A database with no tables: every round fails in its first query.
        using var database = new TestDatabase();
        using var contentRoot = new TempFolder();
        var clock = new FakeTimeProvider(TestApp.Now);
        using var host = DeliveryHost.Create(database, clock, contentRoot.Path, EveryMinuteToOutgoing);
        IReadOnlyList<LogCapture.Entry> Failures() =>
            host.Logs.Entries.Where(e => e.Category == typeof(OutboxDelivery).FullName && e.Level == LogLevel.Error).ToList();

        await host.Delivery.StartAsync(CancellationToken.None);
        await Eventually(() => Failures().Count == 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually(() => Failures().Count == 2);
        var stillRunning = !host.Delivery.ExecuteTask!.IsCompleted;
        await host.Delivery.StopAsync(CancellationToken.None);

        Assert.True(stillRunning);
        Assert.All(Failures(), f => Assert.NotNull(f.Exception));
        Assert.True(host.Delivery.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void WithoutAnSmtpHostMailGoesToThePickupFolderUnderTheContentRoot()
    {
        using var database = new TestDatabase();
        using var contentRoot = new TempFolder();
        using var host = DeliveryHost.Create(database, new FakeTimeProvider(TestApp.Now), contentRoot.Path, []);

        var transport = Assert.IsType<PickupFolderMailTransport>(host.Services.GetRequiredService<IMailTransport>());
        var options = host.Services.GetRequiredService<IOptions<MailOptions>>().Value;

        Assert.Equal(Path.GetFullPath(Path.Combine(contentRoot.Path, "App_Data", "mail")), transport.Folder);
        Assert.Equal("CoGov <cogov@localhost>", options.From);
        Assert.False(options.UsesSmtp);
        Assert.False(Directory.Exists(transport.Folder));
    }

    [Fact]
    public void WithAnSmtpHostMailGoesBySmtpAsConfigured()
    {
        using var database = new TestDatabase();
        using var contentRoot = new TempFolder();
        using var host = DeliveryHost.Create(database, new FakeTimeProvider(TestApp.Now), contentRoot.Path, new Dictionary<string, string?>
        {
            ["From"] = "Joint Committee <committee@riverside-hospital.example>",
            ["Smtp:Host"] = "mail.riverside-hospital.example",
            ["Smtp:Port"] = "465",
            ["Smtp:Security"] = "SslOnConnect",
            ["Smtp:UserName"] = "cogov",
            ["Smtp:Password"] = "secret",
            ["BatchSize"] = "10",
        });

        Assert.IsType<SmtpMailTransport>(host.Services.GetRequiredService<IMailTransport>());
        var options = host.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        Assert.Equal("mail.riverside-hospital.example", options.Smtp.Host);
        Assert.Equal(465, options.Smtp.Port);
        Assert.Equal(MailKit.Security.SecureSocketOptions.SslOnConnect, options.Smtp.Security);
        Assert.Equal("cogov", options.Smtp.UserName);
        Assert.Equal(10, options.BatchSize);
    }

    [Fact]
    public void RegisteringTwiceRunsOneDeliveryServiceWithOneTransport()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        builder.AddNotificationDelivery();
        builder.AddNotificationDelivery();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDelivery));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IMailTransport));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(OutboxSender));
    }

    [Fact]
    public void SettingsThatCouldOnlyFailLaterAreRefusedWithWhatIsWrong()
    {
        using var database = new TestDatabase();
        using var contentRoot = new TempFolder();
        using var host = DeliveryHost.Create(database, new FakeTimeProvider(TestApp.Now), contentRoot.Path, new Dictionary<string, string?>
        {
            ["From"] = "the committee",
            ["BatchSize"] = "0",
            ["PollInterval"] = "30.00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<MailOptions>>().Value);

        Assert.Contains("Mail:From 'the committee' is not an address such as 'CoGov <cogov@example.org>'.", error.Failures);
        Assert.Contains("Mail:BatchSize must be 1 or more, not 0.", error.Failures);
        Assert.Contains("Mail:PollInterval must be longer than zero and at most a day, not 30.00:00:00.", error.Failures);
    }

    /// <summary>Waits for the background service to get somewhere: it runs on its own, so its effects come a moment later.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "The background service did not get there within ten seconds.");
            await Task.Delay(10);
        }
    }
}
