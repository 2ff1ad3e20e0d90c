using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.People;

/// <summary>
/// An administrator retires a person who no longer takes part: they stay in every log and record and can no longer be
/// chosen for anything new. Refused while a committee seat, the routing policy or a manager's escalation still depends
/// on them (<see cref="Organisation.RetirePerson"/>).
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record RetirePerson(string OrganisationKey, string PersonKey) : ICommand, IOrganisationRequest;

public sealed class RetirePersonValidator : AbstractValidator<RetirePerson>
{
    public RetirePersonValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.PersonKey).NotEmpty();
    }
}

public sealed class RetirePersonHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<RetirePerson>
{
    public async ValueTask<Unit> Handle(RetirePerson command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var person = PeopleRules.Find(organisation, command.PersonKey);
        var policy = await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        organisation.RetirePerson(person, policy?.Names(person.Key) == true, clock.GetUtcNow());
        await audit.RecordAsync(organisation.Id, AuditKind.PersonRetired, $"Retired {person.Name} ({person.Key}).", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
