using System.Globalization;
using System.Text;
using CoGov.Workflows.Notifications;
using MimeKit;

namespace CoGov.Workflows.Archives;

/// <summary>
/// The mail each committee chair gets when the organisation is exported: an archive holds everything the committee
/// recorded, so neither side should learn of one only when it turns up elsewhere. It names who, when and the file's
/// SHA-256, so a chair can tell the file they are later shown is the one that was made.
/// </summary>
internal static class ExportMail
{
    public sealed record Facts(
        string RecipientName,
        string RecipientAddress,
        string OrganisationName,
        string CommitteeName,
        string ExportedBy,
        DateTimeOffset ExportedAt,
        TimeZoneInfo TimeZone,
        string FileName,
        string Sha256,
        int Cycles,
        int Records);

    public static MimeMessage Compose(MailOptions options, Guid id, Facts facts)
    {
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Dear {facts.RecipientName},").AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture,
                $"{facts.ExportedBy} exported the whole of {facts.OrganisationName} from CoGov on {When(facts.ExportedAt, facts.TimeZone)}: its people, the {facts.CommitteeName}, the systems, {Count(facts.Cycles, "cycle")} with their logs, {Count(facts.Records, "kept record")} and the audit log, in one file.")
            .AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"The file is {facts.FileName}; its SHA-256 is").AppendLine().AppendLine()
            .Append("  ").AppendLine(facts.Sha256).AppendLine()
            .AppendLine("Keep this mail: a file shown to you later as this export is the same file only if it has the same SHA-256. Anyone holding the file can check every cycle's log in it without CoGov.")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"If you did not expect this export, ask {facts.ExportedBy} why it was made: the file holds everything the committee has recorded.")
            .AppendLine().AppendLine()
            .AppendLine("-- ")
            .AppendLine("Sent by CoGov. A reply to this mail reaches no one.");
        return DirectMail.Compose(options, id, facts.ExportedAt, facts.RecipientName, facts.RecipientAddress,
            $"{facts.OrganisationName} was exported from CoGov", body.ToString());
    }

    /// <summary>Sends the mail; what went wrong when it could not be sent, for the command to report and log.</summary>
    public static async Task<Exception?> TrySendAsync(IMailTransport transport, MailOptions options, Facts facts, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await transport.SendAsync(id, Compose(options, id, facts), cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    private static string Count(int count, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");

    /// <summary>A time as the organisation reads it, named, in words that do not depend on the server.</summary>
    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy 'at' HH:mm:ss", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
