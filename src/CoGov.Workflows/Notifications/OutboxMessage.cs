using CoGov.Domain.Assessments;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// A mail to send, written in the same transaction as the change it tells of, so neither exists without the other.
/// It records who and why; the sender words the mail when it sends it, from the log entry it points to.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(Notification notification)
    {
        Id = Guid.CreateVersion7();
        Kind = notification.Kind;
        RecipientPersonId = notification.RecipientPersonId;
        AssessmentId = notification.AssessmentId;
        QuestionNumber = notification.QuestionNumber;
        LogEntryId = notification.Entry.Id;
        CreatedAt = notification.Entry.At;
        NextAttemptAt = notification.Entry.At;
    }

    public Guid Id { get; private set; }
    public NotificationKind Kind { get; private set; }
    public Guid RecipientPersonId { get; private set; }
    public Guid AssessmentId { get; private set; }
    public int? QuestionNumber { get; private set; }
    public Guid LogEntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When to try next; empty once sent or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>
    /// The digest this message waits for, when its recipient takes one mail a day and it can wait; empty for a message
    /// that goes on its own. A held message is due at the digest's hour and goes out inside that digest.
    /// </summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public void Sent(DateTimeOffset at)
    {
        Attempts++;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Keeps the message for its recipient's next digest, due at <paramref name="digestAt"/>.</summary>
    public void HoldFor(DateTimeOffset digestAt)
    {
        HeldUntil = digestAt;
        NextAttemptAt = digestAt;
    }

    /// <summary>Sends a held message on its own at the next round, when its recipient goes back to every mail.</summary>
    public void Release(DateTimeOffset at)
    {
        HeldUntil = null;
        if (SentAt is null && NextAttemptAt is not null)
        {
            NextAttemptAt = at;
        }
    }

    /// <summary>
    /// Holds the message off other senders until <paramref name="until"/> while one sends it; saved against the row's
    /// concurrency version, only one claim can win. If that sender dies, the claim runs out and the mail is tried again.
    /// </summary>
    public void Claim(DateTimeOffset until) => NextAttemptAt = until;

    /// <summary>
    /// Backs off after a failed attempt: a minute, then doubling, at most six hours between tries. A server that is down
    /// is tried again for as long as it takes.
    /// </summary>
    public void Failed(DateTimeOffset at, string error)
    {
        Attempts++;
        LastError = Truncate(error);
        var wait = TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Min(Attempts - 1, 10))));
        NextAttemptAt = at + wait;
    }

    /// <summary>Stops trying a mail that cannot arrive as things stand (no usable address), keeping why for an administrator.</summary>
    public void GiveUp(string reason)
    {
        NextAttemptAt = null;
        LastError = Truncate($"Given up after {Attempts} attempts: {reason}");
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
