using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.People;

/// <summary>
/// The organisation's people and its joint committee, for its administrators: everyone ever added, the retired marked
/// as such, each with their seat; and who may still be chosen as a superior or for a seat.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record GetPeople(string OrganisationKey) : IQuery<PeopleOverview>, IOrganisationRequest;

/// <param name="People">Everyone, by side and name; the retired last on each side.</param>
/// <param name="Superiors">The managers who may be chosen as a superior: those not retired.</param>
/// <param name="ParityProblem">What keeps the committee from parity now, or null.</param>
/// <param name="Quorum">When the committee may decide.</param>
public sealed record PeopleOverview(
    string OrganisationKey,
    string OrganisationName,
    string CommitteeName,
    IReadOnlyList<PersonRow> People,
    IReadOnlyList<PersonChoice> Superiors,
    Phrase? ParityProblem,
    QuorumRule Quorum);

/// <param name="Seat">Their role on the joint committee, or null when they hold no seat.</param>
public sealed record PersonRow(
    string Key,
    string Name,
    Side Side,
    string Title,
    string? Department,
    string Email,
    string? SuperiorKey,
    string? SuperiorName,
    CommitteeRole? Seat,
    DateTimeOffset? RetiredAt)
{
    public bool IsRetired => RetiredAt is not null;
}

public sealed record PersonChoice(string Key, string Name, string Title);

public sealed class GetPeopleHandler(CoGovDbContext db) : IQueryHandler<GetPeople, PeopleOverview>
{
    public async ValueTask<PeopleOverview> Handle(GetPeople query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleOrDefaultAsync(o => o.Key == query.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        return Overview(organisation);
    }

    internal static PeopleOverview Overview(Organisation organisation)
    {
        var people = organisation.People
            .OrderBy(p => p.Side).ThenBy(p => p.IsRetired).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new PersonRow(
                p.Key, p.Name, p.Side, p.Title, p.Department, p.Email,
                organisation.SuperiorOf(p)?.Key, organisation.SuperiorOf(p)?.Name,
                organisation.Committee.SeatOf(p.Id)?.Role, p.RetiredAt))
            .ToList();
        var superiors = organisation.People
            .Where(p => p.Side == Side.Management && !p.IsRetired)
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new PersonChoice(p.Key, p.Name, p.Title))
            .ToList();
        return new PeopleOverview(organisation.Key, organisation.Name, organisation.Committee.Name, people, superiors, organisation.Committee.ParityProblem, organisation.Committee.Quorum);
    }
}
