using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// Delivers the outbox in the background: a round at start (mail left by a stop goes out at once), then one every poll
/// interval. Each round has a DI scope, and so a database context, of its own. A failed round is logged and the next
/// one tried; nothing here may stop the host.
/// </summary>
public sealed partial class OutboxDelivery(
    IServiceScopeFactory scopes,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // From the injected clock, so a test's FakeTimeProvider decides when rounds happen.
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        try
        {
            do
            {
                await DeliverDueAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Rounds until one takes less than a full batch or sends nothing, so a backlog drains without waiting an interval per batch.</summary>
    private async Task DeliverDueAsync(CancellationToken stoppingToken)
    {
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            OutboxRound round;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                round = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
                return;
            }
            if (round.Due > 0)
            {
                LogRound(round.Due, round.Sent, round.Failed, round.GivenUp, round.HandledElsewhere);
            }
            if (round.Due < batchSize || round.Sent + round.Held == 0)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of outbox delivery failed; the next round tries again.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox round: {Due} due, {Sent} sent, {Failed} failed, {GivenUp} given up, {HandledElsewhere} handled by another sender.")]
    private partial void LogRound(int due, int sent, int failed, int givenUp, int handledElsewhere);
}
