using CoGov.Workflows.Common;
using CoGov.Workflows.Common.Behaviours;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Organisations;

/// <summary>The organisations the signed-in user belongs to, with who they are in each, and whether they may create more.</summary>
public sealed record GetMyOrganisations : IQuery<MyOrganisations>;

/// <param name="MayCreateOrganisations">The user operates this instance (decision record 8), so may create organisations.</param>
public sealed record MyOrganisations(IReadOnlyList<MyOrganisation> Organisations, bool MayCreateOrganisations);

public sealed record MyOrganisation(string Key, string Name, string? Sector, string? PersonName, string? PersonTitle);

public sealed class GetMyOrganisationsHandler(CoGovDbContext db, UserContext user, IOptions<OperatorOptions> operators)
    : IQueryHandler<GetMyOrganisations, MyOrganisations>
{
    public async ValueTask<MyOrganisations> Handle(GetMyOrganisations query, CancellationToken cancellationToken)
    {
        var organisations = await (from membership in db.Memberships
                                   where membership.UserId == user.UserId
                                   join organisation in db.Organisations on membership.OrganisationId equals organisation.Id
                                   join person in db.People on membership.PersonId equals person.Id into people
                                   from person in people.DefaultIfEmpty()
                                   orderby organisation.Name
                                   select new MyOrganisation(organisation.Key, organisation.Name, organisation.Sector, person == null ? null : person.Name, person == null ? null : person.Title))
            .ToListAsync(cancellationToken);
        // The same test the authorisation behaviour applies to an operator's request, so the link never leads to a 404.
        var isOperator = user.UserId is { } id && operators.Value.Includes(await OperatorQuery.ConfirmedEmail(db, id, cancellationToken));
        return new MyOrganisations(organisations, isOperator);
    }
}
