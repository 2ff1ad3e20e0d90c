using System.Globalization;
using System.Text;
using CoGov.Workflows.Notifications;
using MimeKit;

namespace CoGov.Workflows.Members;

/// <summary>
/// The mail an invitation sends: to set a password (a new login, or one that never accepted an earlier invitation), or
/// to say an existing login now also belongs to the organisation. Plain text in the committee's words, like the
/// outbox's mail; the link is the only thing to act on.
/// </summary>
internal static class InvitationMail
{
    public sealed record Facts(
        string RecipientName,
        string RecipientAddress,
        string OrganisationName,
        string CommitteeName,
        string InvitedBy,
        string? PersonName,
        IReadOnlyList<string> Roles,
        string Link,
        DateTimeOffset? Expires,
        TimeZoneInfo TimeZone);

    public static MimeMessage Compose(MailOptions options, Guid id, DateTimeOffset now, Facts facts)
    {
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Dear {facts.RecipientName},").AppendLine().AppendLine();
        string subject;
        if (facts.Expires is { } expires)
        {
            subject = $"You are invited to CoGov for {facts.OrganisationName}";
            body.Append(CultureInfo.InvariantCulture,
                    $"{facts.InvitedBy} has invited you to CoGov, where the {facts.CommitteeName} of {facts.OrganisationName} puts questions about the algorithmic systems used at work to the managers accountable for them, and records their answers.")
                .AppendLine().AppendLine();
            AppendWho(body, facts);
            body.AppendLine("To accept, choose your password at this address:").AppendLine()
                .Append("  ").AppendLine(facts.Link).AppendLine()
                .Append(CultureInfo.InvariantCulture, $"The link works once, until {When(expires, facts.TimeZone)}. After that, ask {facts.InvitedBy} to invite you again.")
                .AppendLine().AppendLine()
                .AppendLine("If you did not expect this invitation, ignore this mail: nothing happens until the link is used.");
        }
        else
        {
            subject = $"You now also belong to {facts.OrganisationName} in CoGov";
            body.Append(CultureInfo.InvariantCulture,
                    $"{facts.InvitedBy} has added your CoGov login to {facts.OrganisationName}, where the {facts.CommitteeName} puts questions about the algorithmic systems used at work to the managers accountable for them.")
                .AppendLine().AppendLine();
            AppendWho(body, facts);
            body.AppendLine("Sign in with your usual password:").AppendLine()
                .Append("  ").AppendLine(facts.Link);
        }
        body.AppendLine()
            .AppendLine("-- ")
            .AppendLine("Sent by CoGov. A reply to this mail reaches no one.");
        return DirectMail.Compose(options, id, now, facts.RecipientName, facts.RecipientAddress, subject, body.ToString());
    }

    /// <summary>Sends the mail; what went wrong when it could not be sent, for the sender to say and log.</summary>
    public static async Task<Exception?> TrySendAsync(IMailTransport transport, MailOptions options, DateTimeOffset now, Facts facts, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await transport.SendAsync(id, Compose(options, id, now, facts), cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    private static void AppendWho(StringBuilder body, Facts facts)
    {
        if (facts.PersonName is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"You are there as {facts.PersonName}.").AppendLine();
        }
        if (facts.Roles.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"Your roles: {string.Join(", ", facts.Roles.Select(Describe))}.").AppendLine();
        }
        if (facts.PersonName is not null || facts.Roles.Count > 0)
        {
            body.AppendLine();
        }
    }

    private static string Describe(string role) => role switch
    {
        Identity.Roles.Steward => "union steward",
        Identity.Roles.Manager => "manager",
        Identity.Roles.CommitteeChair => "chair of the joint committee",
        Identity.Roles.Admin => "administrator",
        _ => role,
    };

    /// <summary>A time as the organisation reads it, named, in words that do not depend on the server.</summary>
    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
