using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>Hands one worded mail on: to an SMTP server, or to a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Delivers the mail or throws. Delivering the same outbox message twice must be harmless to the reader: the
    /// pickup folder overwrites its file, and a mail server can drop the second copy by its Message-Id.
    /// </summary>
    Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A mail that cannot arrive as things stand, such as one whose recipient has no usable address. Trying again helps only
/// once someone fixes the data, so such a mail is given up after <see cref="MailOptions.MaxAttempts"/>, unlike one the
/// server did not take, which is tried until it goes.
/// </summary>
public sealed class UndeliverableMailException : Exception
{
    public UndeliverableMailException()
    {
    }

    public UndeliverableMailException(string message) : base(message)
    {
    }

    public UndeliverableMailException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
