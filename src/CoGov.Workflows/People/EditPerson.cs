using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.People;

/// <summary>
/// An administrator corrects what the organisation records of a person. The key and the side stay as they are
/// (<see cref="Organisation.EditPerson"/> says why).
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record EditPerson(
    string OrganisationKey,
    string PersonKey,
    string Name,
    string Email,
    string? Title,
    string? Department = null,
    string? SuperiorKey = null) : ICommand, IOrganisationRequest, IPersonFields;

public sealed class EditPersonValidator : AbstractValidator<EditPerson>
{
    public EditPersonValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.PersonKey).NotEmpty();
        Include(new PersonFieldsValidator());
    }
}

public sealed class EditPersonHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<EditPerson>
{
    public async ValueTask<Unit> Handle(EditPerson command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var person = PeopleRules.Find(organisation, command.PersonKey);
        var superior = PeopleRules.Superior(organisation, command.SuperiorKey, nameof(command.SuperiorKey));
        var before = PeopleRules.Describe(organisation, person);
        organisation.EditPerson(person, command.Name, command.Title ?? "", command.Email, command.Department, superior);
        var after = PeopleRules.Describe(organisation, person);
        if (after != before)
        {
            await audit.RecordAsync(organisation.Id, AuditKind.PersonEdited, $"Changed {before} to {after}.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}
