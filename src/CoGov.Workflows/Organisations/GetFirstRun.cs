using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// Whether CoGov has no organisation yet: the first-run setup address is open only then. Sent by the web app as CoGov
/// itself before it prints or serves that address.
/// </summary>
[RequiresOperator] // about the instance, not one organisation
public sealed record GetFirstRun : IQuery<FirstRunStanding>;

public sealed record FirstRunStanding(bool NoOrganisationYet);

public sealed class GetFirstRunHandler(CoGovDbContext db) : IQueryHandler<GetFirstRun, FirstRunStanding>
{
    public async ValueTask<FirstRunStanding> Handle(GetFirstRun query, CancellationToken cancellationToken) =>
        new(!await db.Organisations.AnyAsync(cancellationToken));
}
