using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>Every version of the organisation's routing policy, newest first, each as a file to download and import again.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetPolicyHistory(string OrganisationKey) : IQuery<PolicyHistory>, IOrganisationRequest;

/// <param name="Current">The number of the version in force.</param>
public sealed record PolicyHistory(string OrganisationKey, string OrganisationName, int Current, IReadOnlyList<PolicyVersionView> Versions);

/// <param name="Change">What it changed, in English as recorded at the time.</param>
/// <param name="Yaml">The version as a file <see cref="ImportRoutingPolicy"/> takes back.</param>
public sealed record PolicyVersionView(int Number, DateTimeOffset At, string By, string Change, string Yaml);

public sealed class GetPolicyHistoryHandler(CoGovDbContext db) : IQueryHandler<GetPolicyHistory, PolicyHistory>
{
    public async ValueTask<PolicyHistory> Handle(GetPolicyHistory query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var policy = await PolicyFormReading.PolicyAsync(db, organisation, cancellationToken);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policy.Id)
            .OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return new PolicyHistory(organisation.Key, organisation.Name, policy.Number, [
            .. versions.Select(v => new PolicyVersionView(v.Number, v.At, v.By, v.Change,
                $"# The routing policy of {organisation.Name}, version {v.Number}. Upload it to put it back in force.\n" + RoutingPolicyYaml.Write(v.Spec))),
        ]);
    }
}
