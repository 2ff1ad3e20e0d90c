using CoGov.Domain.Common;

namespace CoGov.Workflows.Records;

/// <summary>For hosts with no printer (the engine's tests, the benchmark): records can be read but not printed.</summary>
internal sealed class NoRecordPrinter : IRecordPrinter
{
    public Phrase Unavailable => new Phrase("This host of CoGov has no PDF printer; records can be read but not printed here.");

    public Task<byte[]> PrintAsync(AssessmentRecord record, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Unavailable.ToString());

    public Task<byte[]> PrintAsync(MeetingPack pack, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Unavailable.ToString());
}
