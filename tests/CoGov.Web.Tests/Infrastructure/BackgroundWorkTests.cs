using CoGov.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CoGov.Web.Tests.Infrastructure;

/// <summary>The web tests' app runs no background work of its own; a test that needs the sweep and the mail sender asks.</summary>
public sealed class BackgroundWorkTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public void TheTestAppRunsNeitherTheSweepNorTheMailSender()
    {
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), service => service is OutboxDelivery);
        Assert.Null(app.Services.GetService<ISchedulerFactory>());
    }

    [Fact]
    public async Task WithBackgroundWorkTheSweepIsScheduledAndTheMailSenderRuns()
    {
        await using var busy = app.WithBackgroundWork();

        Assert.Contains(busy.Services.GetServices<IHostedService>(), service => service is OutboxDelivery);
        var scheduler = await busy.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(Workflows.Scheduling.SweepJob.Key));
    }
}
