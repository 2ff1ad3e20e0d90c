using System.Globalization;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Records;

/// <summary>Prints the committee's pack for a meeting as things stand now and keeps it, as a new document each time.</summary>
public sealed record GenerateMeetingPack(string OrganisationKey, DateOnly MeetingDate) : ICommand<StoredRecordSummary>, IOrganisationRequest;

public sealed class GenerateMeetingPackValidator : AbstractValidator<GenerateMeetingPack>
{
    public GenerateMeetingPackValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.MeetingDate).NotEqual(default(DateOnly)).WithPhrase("Give the meeting's date.");
    }
}

public sealed class GenerateMeetingPackHandler(CoGovDbContext db, UserContext user, TimeProvider clock, IRecordPrinter printer, Ledger.LogAnchors anchors)
    : ICommandHandler<GenerateMeetingPack, StoredRecordSummary>
{
    public async ValueTask<StoredRecordSummary> Handle(GenerateMeetingPack command, CancellationToken cancellationToken)
    {
        return await db.PrintAndKeepAsync(user, printer, anchors, async _ =>
        {
            var pack = await MeetingPacks.LoadAsync(db, user, clock, new GetMeetingPack(command.OrganisationKey, command.MeetingDate), cancellationToken);
            var pdf = await printer.PrintAsync(pack, cancellationToken);
            return new PrintedRecord(RecordKind.MeetingPack, null, null, null, command.MeetingDate,
                string.Create(CultureInfo.InvariantCulture, $"{command.OrganisationKey}-meeting-pack-{command.MeetingDate:yyyy-MM-dd}-generated-{pack.GeneratedAt:yyyy-MM-dd-HHmm}.pdf"),
                pdf, pack.GeneratedAt, null);
        }, cancellationToken);
    }
}
