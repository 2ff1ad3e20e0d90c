using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// Writes each mail as <c>&lt;outbox-id&gt;.eml</c> in a folder, for a mail server's pickup directory or for someone to
/// open by hand. The default transport, so a fresh machine needs no mail server.
/// </summary>
public sealed class PickupFolderMailTransport(string folder) : IMailTransport
{
    public const string Extension = ".eml";

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var final = Path.Combine(Folder, outboxId.ToString("D") + Extension);
        // Written under a name no pickup reads (.tmp, unique per write so two writers never share one), then moved into
        // place: a reader sees the whole file or none. The same message sent again replaces its own file.
        var temporary = Path.Combine(Folder, $"{outboxId:D}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(FormatOptions.Default, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                // On disk before it is "sent": the outbox row is marked sent right after this returns.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
