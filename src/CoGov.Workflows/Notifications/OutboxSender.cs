using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Notifications;

/// <summary>What one round of the sender did.</summary>
/// <param name="Due">Messages the round took on.</param>
/// <param name="HandledElsewhere">Messages another sender claimed first.</param>
/// <param name="Held">Messages kept for their recipient's daily digest.</param>
/// <param name="Digests">Digest mails sent, each counting its messages in <paramref name="Sent"/>.</param>
public sealed record OutboxRound(int Due, int Sent, int Failed, int GivenUp, int HandledElsewhere, int Held = 0, int Digests = 0);

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
/// A message whose recipient chose a daily digest, and which may wait (<see cref="DigestRule"/>), is held until the
/// digest's hour; then every held message of that recipient goes in one mail, claimed together and marked sent
/// together. A digest sent again after such a stop carries the same messages, so the same Message-Id.
/// </remarks>
public sealed partial class OutboxSender(
    CoGovDbContext db,
    NotificationMail mail,
    DigestRule digestRule,
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

        int sent = 0, failed = 0, givenUp = 0, elsewhere = 0, held = 0, digests = 0;
        var digested = new HashSet<Guid>();
        foreach (var message in due)
        {
            if (message.HeldUntil is not null)
            {
                // Every held message of this recipient went (or failed) in the digest made for the first one.
                if (digested.Add(message.RecipientPersonId))
                {
                    var digest = await SendDigestAsync(message.RecipientPersonId, now, cancellationToken);
                    sent += digest.Sent;
                    failed += digest.Failed;
                    givenUp += digest.GivenUp;
                    elsewhere += digest.HandledElsewhere;
                    digests += digest.Digests;
                }
                continue;
            }
            if (await digestRule.HoldUntilAsync(message, now, cancellationToken) is { } digestAt)
            {
                message.HoldFor(digestAt);
                if (await SaveAsync(message, cancellationToken))
                {
                    held++;
                    LogHeld(message.Id, message.Kind, digestAt);
                }
                else
                {
                    elsewhere++;
                }
                continue;
            }
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
        return new OutboxRound(due.Count, sent, failed, givenUp, elsewhere, held, digests);
    }

    /// <summary>
    /// Sends every due held message of one recipient as one digest: claimed in one save (all or none), worded as one
    /// mail whose Message-Id comes from the messages it carries, and marked sent in one save.
    /// </summary>
    private async Task<OutboxRound> SendDigestAsync(Guid recipientPersonId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = await db.Outbox
            .Where(m => m.RecipientPersonId == recipientPersonId && m.HeldUntil != null && m.NextAttemptAt <= now)
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        if (messages.Count == 0)
        {
            return new OutboxRound(0, 0, 0, 0, 0);
        }
        var claimUntil = clock.GetUtcNow() + ClaimFor;
        foreach (var message in messages)
        {
            message.Claim(claimUntil);
        }
        if (!await SaveAllAsync(messages, cancellationToken))
        {
            LogHandledElsewhere(messages[0].Id);
            return new OutboxRound(messages.Count, 0, 0, 0, messages.Count);
        }

        string? error = null;
        var undeliverable = false;
        var digestId = NotificationMail.DigestIdFor(messages.Select(m => m.Id));
        try
        {
            var composed = await mail.ComposeDigestAsync(messages, now, cancellationToken);
            await transport.SendAsync(digestId, composed, cancellationToken);
        }
        catch (UndeliverableMailException ex)
        {
            (error, undeliverable) = (ex.Message, true);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = Describe(ex);
        }

        var at = clock.GetUtcNow();
        foreach (var message in messages)
        {
            if (error is null)
            {
                message.Sent(at);
            }
            else
            {
                message.Failed(at, error);
                if (undeliverable && message.Attempts >= options.Value.MaxAttempts)
                {
                    message.GiveUp(error);
                }
            }
        }
        if (!await SaveAllAsync(messages, CancellationToken.None))
        {
            LogClaimLost(messages[0].Id);
            return new OutboxRound(messages.Count, 0, 0, 0, messages.Count);
        }
        if (error is null)
        {
            LogDigestSent(digestId, recipientPersonId, messages.Count);
            return new OutboxRound(messages.Count, messages.Count, 0, 0, 0, 0, 1);
        }
        var givenUp = messages.Count(m => m.NextAttemptAt is null);
        LogDigestFailed(digestId, recipientPersonId, messages.Count, error);
        return new OutboxRound(messages.Count, 0, messages.Count - givenUp, givenUp, 0);
    }

    /// <summary>Saves several messages' rows together: all, or (when another sender changed one first) none.</summary>
    private async Task<bool> SaveAllAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var message in messages)
            {
                db.Entry(message).State = EntityState.Detached;
            }
            return false;
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Kind}) held for its recipient's digest at {DigestAt:o}.")]
    private partial void LogHeld(Guid messageId, NotificationKind kind, DateTimeOffset digestAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent digest {DigestId} to person {PersonId}, carrying {Count} outbox messages.")]
    private partial void LogDigestSent(Guid digestId, Guid personId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} to person {PersonId} ({Count} outbox messages) failed: {Error}")]
    private partial void LogDigestFailed(Guid digestId, Guid personId, int count, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId} was claimed by another sender first.")]
    private partial void LogHandledElsewhere(Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was changed by another sender while this one sent it (its claim ran out); the receiver may get it twice, under the same Message-Id.")]
    private partial void LogClaimLost(Guid messageId);
}
