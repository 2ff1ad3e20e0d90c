using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// A steward or an administrator records that a person wants their questions as answer links even though they have a
/// login (<see cref="Person.PrefersAnswerLinks"/>). In the audit log as an edit of the person.
/// </summary>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record ChangeAnswerLinkPreference(string OrganisationKey, string PersonKey, bool Prefers) : ICommand, IOrganisationRequest;

public sealed class ChangeAnswerLinkPreferenceValidator : AbstractValidator<ChangeAnswerLinkPreference>
{
    public ChangeAnswerLinkPreferenceValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.PersonKey).NotEmpty();
    }
}

public sealed class ChangeAnswerLinkPreferenceHandler(CoGovDbContext db, OrganisationAudit audit) : ICommandHandler<ChangeAnswerLinkPreference>
{
    public async ValueTask<Unit> Handle(ChangeAnswerLinkPreference command, CancellationToken cancellationToken)
    {
        var organisation = await PeopleRules.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var person = PeopleRules.Find(organisation, command.PersonKey);
        if (organisation.ChangeAnswerLinkPreference(person, command.Prefers))
        {
            await audit.RecordAsync(organisation.Id, AuditKind.PersonEdited, command.Prefers
                ? $"{person.Name} now gets answer links to their questions, even with a login."
                : $"{person.Name} now signs in to answer, when they have a login.", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return Unit.Value;
    }
}

/// <summary>Whether a person prefers answer links, and whether they have a login here, for the form on their page.</summary>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record GetAnswerLinkPreference(string OrganisationKey, string PersonKey) : IQuery<AnswerLinkPreference>, IOrganisationRequest;

public sealed record AnswerLinkPreference(string PersonName, bool Prefers, bool HasLogin, bool IsRetired);

public sealed class GetAnswerLinkPreferenceHandler(CoGovDbContext db) : IQueryHandler<GetAnswerLinkPreference, AnswerLinkPreference>
{
    public async ValueTask<AnswerLinkPreference> Handle(GetAnswerLinkPreference query, CancellationToken cancellationToken)
    {
        var person = await (from p in db.People
                            join o in db.Organisations on p.OrganisationId equals o.Id
                            where o.Key == query.OrganisationKey && p.Key == query.PersonKey
                            select new { p.Id, p.OrganisationId, p.Name, p.PrefersAnswerLinks, p.RetiredAt })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no person '{query.PersonKey}'.");
        var hasLogin = await db.Memberships.AnyAsync(m => m.PersonId == person.Id && m.OrganisationId == person.OrganisationId, cancellationToken);
        return new AnswerLinkPreference(person.Name, person.PrefersAnswerLinks, hasLogin, person.RetiredAt is not null);
    }
}
