using System.Net;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Identity's own mail (confirm an address, reset a password) sent through the engine's mail transport: SMTP when one is
/// configured, otherwise the pickup folder, like every other mail of CoGov. A failure to hand the mail over is thrown,
/// so the person sees the request failed and can try again rather than wait for a mail that will never come.
/// Every link must lie under the public origin (decision record 17): a page that built one from the request's Host would
/// otherwise mail whoever forged that header a working reset link.
/// </summary>
public sealed class AccountEmailSender(
    IMailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider clock,
    IStringLocalizer<AccountEmailSender> localizer,
    PublicOrigin publicOrigin) : IEmailSender<CoGovUser>
{
    public Task SendConfirmationLinkAsync(CoGovUser user, string email, string confirmationLink) =>
        SendAsync(user, email, localizer["Confirm your e-mail address for CoGov"],
            localizer["To confirm that this is your e-mail address for CoGov, open this link:"], Checked(confirmationLink),
            localizer["If you did not ask for this, ignore this mail."]);

    public Task SendPasswordResetLinkAsync(CoGovUser user, string email, string resetLink) =>
        SendAsync(user, email, localizer["Reset your CoGov password"],
            localizer["Someone asked to reset your CoGov password. To choose a new one, open this link:"], Checked(resetLink),
            localizer["If it was not you, ignore this mail: your password stays as it is."]);

    public Task SendPasswordResetCodeAsync(CoGovUser user, string email, string resetCode) =>
        SendAsync(user, email, localizer["Reset your CoGov password"],
            localizer["Someone asked to reset your CoGov password. Your reset code is:"], resetCode,
            localizer["If it was not you, ignore this mail: your password stays as it is."]);

    /// <summary>
    /// Identity's pages hand over their links HTML-encoded, for an HTML mail; this one is plain text, where
    /// <c>&amp;amp;</c> would break the link.
    /// </summary>
    private static string Plain(string link) => WebUtility.HtmlDecode(link);

    /// <exception cref="InvalidOperationException">The link leads somewhere other than the public origin.</exception>
    private string Checked(string link)
    {
        var plain = Plain(link);
        if (!Uri.TryCreate(plain, UriKind.Absolute, out var address)
            || !string.Equals(address.GetLeftPart(UriPartial.Authority), publicOrigin.Origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"An account mail's link must be under App:PublicOrigin ({publicOrigin.Origin}); refusing to mail '{plain}'.");
        }
        return plain;
    }

    private async Task SendAsync(CoGovUser user, string email, string subject, string lead, string action, string closing)
    {
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? email : user.DisplayName;
        var body = string.Join(Environment.NewLine,
            localizer["Dear {0},", name], "",
            lead, "",
            "  " + action, "",
            closing, "",
            "-- ",
            localizer["Sent by CoGov. A reply to this mail reaches no one."]);
        var id = Guid.CreateVersion7();
        await transport.SendAsync(id, DirectMail.Compose(options.Value, id, clock.GetUtcNow(), name, email, subject, body), CancellationToken.None);
    }
}
