using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Notifications;

/// <summary>What one round of the sender did.</summary>
/// <param name="Due">Messages the round took on.</param>
/// <param name="HandledElsewhere">Messages another sender claimed first.</param>
public sealed record OutboxRound(int Due, int Sent, int Failed, int GivenUp, int HandledElsewhere);

/// <summary>
/// Delivers a batch of due outbox messages: words each, hands it to the transport, and records the outcome on its row,
/// saving after each so one failure never costs another message its success.
/// </summary>
/// <remarks>
/// Several senders can run at once (two app instances, or a round still going when the next starts). Each claims a
/// message before sending it by moving its next attempt a while ahead and saving against the row's concurrency
/// version: only one claim of the same row can succeed, and a claimed row is no longer due for anyone else. A sender
/// that stops between claiming and recording leaves the claim to run out, and the message is sent again then, under
/// the same Message-Id.
/// </remarks>
public sealed partial class OutboxSender(
    CoGovDbContext db,
    NotificationMail mail,
    IMailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    /// <summary>How long a claim holds off other senders: far longer than one send may take (each SMTP step has its own timeout).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    public async Task<OutboxRound> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .ThenBy(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0, givenUp = 0, elsewhere = 0;
        foreach (var message in due)
        {
            if (!await ClaimAsync(message, cancellationToken))
            {
                elsewhere++;
                LogHandledElsewhere(message.Id);
                continue;
            }

            var (error, undeliverable) = await DeliverAsync(message, cancellationToken);
            var at = clock.GetUtcNow();
            if (error is null)
            {
                message.Sent(at);
            }
            else
            {
                message.Failed(at, error);
                if (undeliverable && message.Attempts >= settings.MaxAttempts)
                {
                    message.GiveUp(error);
                }
            }

            // The mail is out (or not) whatever happens to the caller now: record it even while the host is stopping.
            if (!await SaveAsync(message, CancellationToken.None))
            {
                elsewhere++;
                LogClaimLost(message.Id);
                continue;
            }
            if (error is null)
            {
                sent++;
                LogSent(message.Id, message.Kind, message.Attempts);
            }
            else if (message.NextAttemptAt is null)
            {
                givenUp++;
                LogGivenUp(message.Id, message.Kind, message.Attempts, error);
            }
            else
            {
                failed++;
                LogFailed(message.Id, message.Kind, message.Attempts, message.NextAttemptAt.Value, error);
            }
        }
        return new OutboxRound(due.Count, sent, failed, givenUp, elsewhere);
    }

    private async Task<bool> ClaimAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        message.Claim(clock.GetUtcNow() + ClaimFor);
        return await SaveAsync(message, cancellationToken);
    }

    /// <summary>Saves the message's row, or learns that another sender changed it first and lets it go.</summary>
    private async Task<bool> SaveAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(message).State = EntityState.Detached;
            return false;
        }
    }

    /// <returns>Empty when delivered; otherwise what went wrong, and whether trying again can help before someone fixes the data.</returns>
    private async Task<(string? Error, bool Undeliverable)> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var composed = await mail.ComposeAsync(message, cancellationToken);
            await transport.SendAsync(message.Id, composed, cancellationToken);
            return (null, false);
        }
        catch (UndeliverableMailException ex)
        {
            return (ex.Message, true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the transport throws (refused connection, timeout, a server's refusal) is worth another try.
            return (Describe(ex), false);
        }
    }

    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }
        return string.Join(" <- ", parts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent outbox message {MessageId} ({Kind}) at attempt {Attempts}.")]
    private partial void LogSent(Guid messageId, NotificationKind kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) failed at attempt {Attempts}; next attempt at {NextAttemptAt:o}: {Error}")]
    private partial void LogFailed(Guid messageId, NotificationKind kind, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Kind}) given up after {Attempts} attempts: {Error}")]
    private partial void LogGivenUp(Guid messageId, NotificationKind kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId} was claimed by another sender first.")]
    private partial void LogHandledElsewhere(Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was changed by another sender while this one sent it (its claim ran out); the receiver may get it twice, under the same Message-Id.")]
    private partial void LogClaimLost(Guid messageId);
}
