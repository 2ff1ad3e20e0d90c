using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// Sends through the configured SMTP server with MailKit, one connection per mail: the outbox is low-volume, and a
/// fresh connection each time means one broken session never takes the next mail down with it.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set; without it mail goes to the pickup folder.");
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, smtp.Timeout.TotalMilliseconds) };
        await client.ConnectAsync(host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        // The server has taken the mail: a goodbye that fails or is cut short must not mark it failed and send it twice.
        // The client's timeout bounds the wait.
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception)
        {
        }
    }
}
