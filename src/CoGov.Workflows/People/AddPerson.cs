using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.People;

/// <summary>An administrator adds one of the organisation's people; answers the new person's key.</summary>
/// <param name="Key">The person's key for links and files; empty to make one from the name.</param>
/// <param name="SuperiorKey">For a manager: the manager overdue questions escalate to.</param>
[RequiresRole(Roles.Admin)]
public sealed record AddPerson(
    string OrganisationKey,
    string Name,
    string Email,
    Side Side,
    string? Title,
    string? Department = null,
    string? SuperiorKey = null,
    string? Key = null) : ICommand<string>, IOrganisationRequest, IPersonFields;

public sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Side).IsInEnum().WithPhrase("Choose the person's side.");
        Include(new PersonFieldsValidator());
    }
}

public sealed class AddPersonHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<AddPerson, string>
{
    public async ValueTask<string> Handle(AddPerson command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var superior = PeopleRules.Superior(organisation, command.SuperiorKey, nameof(command.SuperiorKey));
        var person = organisation.AddPerson(command.Key, command.Name, command.Side, command.Title ?? "", command.Email, superior, command.Department);
        await audit.RecordAsync(organisation.Id, AuditKind.PersonAdded, $"Added {PeopleRules.Describe(organisation, person)}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return person.Key;
    }
}
