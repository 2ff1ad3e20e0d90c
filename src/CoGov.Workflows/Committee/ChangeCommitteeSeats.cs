using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Committee;

/// <summary>
/// An administrator gives the joint committee its new composition, whole: the seats listed are the seats afterwards.
/// One seat at a time could never keep both sides equal, so parity and one chair a side are checked on the result
/// (<see cref="Organisation.ChangeCommittee"/>).
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record ChangeCommitteeSeats(string OrganisationKey, IReadOnlyList<SeatChoice> Seats) : ICommand, IOrganisationRequest;

public sealed record SeatChoice(string PersonKey, CommitteeRole Role);

public sealed class ChangeCommitteeSeatsValidator : AbstractValidator<ChangeCommitteeSeats>
{
    public ChangeCommitteeSeatsValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Seats).NotNull();
        RuleForEach(c => c.Seats).ChildRules(seat =>
        {
            seat.RuleFor(s => s.PersonKey).NotEmpty();
            seat.RuleFor(s => s.Role).IsInEnum().WithPhrase("Choose member or chair for each seat.");
        });
    }
}

public sealed class ChangeCommitteeSeatsHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<ChangeCommitteeSeats>
{
    public async ValueTask<Unit> Handle(ChangeCommitteeSeats command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var seats = command.Seats.Select(s => (PeopleRules.Find(organisation, s.PersonKey), s.Role)).ToList();
        var changes = organisation.ChangeCommittee(seats);
        if (changes.Count > 0)
        {
            await audit.RecordAsync(organisation.Id, AuditKind.CommitteeChanged,
                $"Changed the seats of {organisation.Committee.Name}: {string.Join("; ", changes)}.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}
