using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>Whether the organisation requires a second factor of its administrators and chairs, for the form that changes it.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetTwoFactorRequirement(string OrganisationKey) : IQuery<bool>, IOrganisationRequest;

public sealed class GetTwoFactorRequirementHandler(CoGovDbContext db) : IQueryHandler<GetTwoFactorRequirement, bool>
{
    public async ValueTask<bool> Handle(GetTwoFactorRequirement query, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().Where(o => o.Key == query.OrganisationKey)
            .Select(o => (bool?)o.TwoFactorRequired).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
}
