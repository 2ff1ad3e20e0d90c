using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>The organisations the signed-in user belongs to, with who they are in each.</summary>
public sealed record GetMyOrganisations : IQuery<IReadOnlyList<MyOrganisation>>;

public sealed record MyOrganisation(string Key, string Name, string? Sector, string? PersonName, string? PersonTitle);

public sealed class GetMyOrganisationsHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetMyOrganisations, IReadOnlyList<MyOrganisation>>
{
    public async ValueTask<IReadOnlyList<MyOrganisation>> Handle(GetMyOrganisations query, CancellationToken cancellationToken) =>
        await (from membership in db.Memberships
               where membership.UserId == user.UserId
               join organisation in db.Organisations on membership.OrganisationId equals organisation.Id
               join person in db.People on membership.PersonId equals person.Id into people
               from person in people.DefaultIfEmpty()
               orderby organisation.Name
               select new MyOrganisation(organisation.Key, organisation.Name, organisation.Sector, person == null ? null : person.Name, person == null ? null : person.Title))
            .ToListAsync(cancellationToken);
}
