using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.People;

/// <summary>One of the organisation's people, for the administrator's form that edits or retires them.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetPerson(string OrganisationKey, string PersonKey) : IQuery<PersonDetail>, IOrganisationRequest;

/// <param name="Superiors">The managers who may be chosen as their superior: not retired, and not themselves.</param>
public sealed record PersonDetail(string OrganisationKey, string OrganisationName, PersonRow Person, IReadOnlyList<PersonChoice> Superiors);

public sealed class GetPersonHandler(CoGovDbContext db) : IQueryHandler<GetPerson, PersonDetail>
{
    public async ValueTask<PersonDetail> Handle(GetPerson query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleOrDefaultAsync(o => o.Key == query.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var overview = GetPeopleHandler.Overview(organisation);
        var person = overview.People.FirstOrDefault(p => p.Key == query.PersonKey)
            ?? throw new NotFoundException($"{organisation.Name} has no person '{query.PersonKey}'.");
        return new PersonDetail(
            organisation.Key,
            organisation.Name,
            person,
            person.Side == Side.Management ? [.. overview.Superiors.Where(s => s.Key != person.Key)] : []);
    }
}
