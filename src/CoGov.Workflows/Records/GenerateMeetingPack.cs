using System.Globalization;
using CoGov.Domain.Common;
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

public sealed class GenerateMeetingPackHandler(CoGovDbContext db, UserContext user, TimeProvider clock, IRecordPrinter printer)
    : ICommandHandler<GenerateMeetingPack, StoredRecordSummary>
{
    public async ValueTask<StoredRecordSummary> Handle(GenerateMeetingPack command, CancellationToken cancellationToken)
    {
        var actor = user.Actor
            ?? throw new ForbiddenException("Your account is not one of the organisation's people, so it cannot keep records for it.");
        if (printer.Unavailable is { } why)
        {
            throw new DomainRuleException(why);
        }
        var pack = await MeetingPacks.LoadAsync(db, user, clock, new GetMeetingPack(command.OrganisationKey, command.MeetingDate), cancellationToken);
        var pdf = await printer.PrintAsync(pack, cancellationToken);
        var stored = new StoredRecord(
            RecordKind.MeetingPack,
            actor.OrganisationId,
            null,
            null,
            null,
            command.MeetingDate,
            string.Create(CultureInfo.InvariantCulture, $"{command.OrganisationKey}-meeting-pack-{command.MeetingDate:yyyy-MM-dd}-generated-{pack.GeneratedAt:yyyy-MM-dd-HHmm}.pdf"),
            pdf,
            actor.PersonId,
            actor.Name,
            pack.GeneratedAt,
            null);
        db.StoredRecords.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return StoredRecords.Summary(stored);
    }
}
