using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// How the outbox is delivered (configuration section <c>Mail</c>). With no SMTP host, mail is written as .eml files to a
/// pickup folder, so a fresh machine sends nothing anywhere yet loses nothing either.
/// </summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The sender as an address with a display name, such as <c>Joint Committee &lt;committee@example.org&gt;</c>.</summary>
    public string From { get; set; } = "CoGov <cogov@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where .eml files go when there is no SMTP host; relative paths are taken from the app's content root.</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    /// <summary>How many due messages one round takes on.</summary>
    public int BatchSize { get; set; } = 50;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deliver the outbox from this process. Off for a node that should only write mail (or a test or benchmark that
    /// moves a fake clock by weeks, which would otherwise run a round for every poll interval skipped).
    /// </summary>
    public bool Deliver { get; set; } = true;

    /// <summary>
    /// Attempts after which a mail that cannot arrive as things stand (its recipient has no usable address) is given up.
    /// A mail the server did not take is never given up: the outage ends, or someone fixes the settings, and it goes.
    /// </summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>
    /// The hour of the day (0 to 23, in each organisation's own time zone) at which the daily digest goes to those who
    /// chose one.
    /// </summary>
    public int DigestHour { get; set; } = 8;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    /// <summary>The SMTP server; SMTP is used only when this is set.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// TLS as MailKit names it: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (port 465), <c>StartTlsWhenAvailable</c>,
    /// <c>None</c>, or <c>Auto</c> (by port).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Sign-in for servers that require it; none when empty.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long any one step of talking to the server (connecting, each command) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Refuses to start with settings that would only fail later, one mail at a time.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var problems = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            problems.Add($"Mail:From '{options.From}' is not an address such as 'CoGov <cogov@example.org>'.");
        }
        if (options.BatchSize < 1)
        {
            problems.Add($"Mail:BatchSize must be 1 or more, not {options.BatchSize}.");
        }
        // A timer that could not be built would stop the delivery service for good, so out-of-range intervals stop the start instead.
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"Mail:PollInterval must be longer than zero and at most a day, not {options.PollInterval}.");
        }
        if (options.MaxAttempts < 1)
        {
            problems.Add($"Mail:MaxAttempts must be 1 or more, not {options.MaxAttempts}.");
        }
        if (options.DigestHour is < 0 or > 23)
        {
            problems.Add($"Mail:DigestHour must be an hour of the day from 0 to 23, not {options.DigestHour}.");
        }
        if (options.UsesSmtp)
        {
            if (options.Smtp.Port is < 1 or > 65535)
            {
                problems.Add($"Mail:Smtp:Port must be between 1 and 65535, not {options.Smtp.Port}.");
            }
            if (options.Smtp.Timeout <= TimeSpan.Zero)
            {
                problems.Add($"Mail:Smtp:Timeout must be longer than zero, not {options.Smtp.Timeout}.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupFolder))
        {
            problems.Add("Mail:PickupFolder is empty; with no Mail:Smtp:Host, mail is written there.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
