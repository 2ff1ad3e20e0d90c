using CoGov.Domain.Common;

namespace CoGov.Workflows.Records;

/// <summary>
/// Turns a record into a PDF. The engine decides what a record holds and keeps what was printed; how it looks on paper
/// is the web app's (a Razor component printed by a browser engine), so the engine only asks for the bytes.
/// </summary>
public interface IRecordPrinter
{
    /// <summary>Why PDFs cannot be printed on this server (and how to fix it), or null when they can.</summary>
    Phrase? Unavailable { get; }

    Task<byte[]> PrintAsync(AssessmentRecord record, CancellationToken cancellationToken);

    Task<byte[]> PrintAsync(MeetingPack pack, CancellationToken cancellationToken);
}
