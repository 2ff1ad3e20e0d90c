using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// A plain-text mail about someone's account (an invitation, a password reset), handed to the transport at once rather
/// than written to the outbox: the outbox tells of a cycle's log entries and their people, and an account mail has
/// neither. It is put together like the outbox's mail so both read and travel alike.
/// </summary>
public static class DirectMail
{
    public static MimeMessage Compose(MailOptions options, Guid id, DateTimeOffset date, string toName, string toAddress, string subject, string body)
    {
        var from = MailboxAddress.Parse(options.From);
        var mail = new MimeMessage
        {
            Subject = subject,
            MessageId = NotificationMail.MessageIdFor(id, from.Domain is { Length: > 0 } domain ? domain : "localhost"),
            Date = date,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body },
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(toName, toAddress));
        // RFC 3834: no out-of-office replies to a machine that cannot read them.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.Prepare(EncodingConstraint.SevenBit);
        return mail;
    }
}
