using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Systems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// An organisation's front page: its joint committee, its algorithmic systems with where each stands, and what the
/// current person may do from it.
/// </summary>
public sealed record GetOrganisation(string OrganisationKey) : IQuery<OrganisationOverview>, IOrganisationRequest;

/// <param name="MayRegisterSystem">The current person may put a system on the register (<see cref="SystemRegistrationRule"/>).</param>
public sealed record OrganisationOverview(
    string Key,
    string Name,
    string? Sector,
    string? Country,
    string CommitteeName,
    IReadOnlyList<CommitteeMember> Committee,
    IReadOnlyList<SystemSummary> Systems,
    bool MayRegisterSystem);

public sealed record CommitteeMember(string Name, string Title, Side Side, CommitteeRole Role);

/// <param name="LatestCycle">The newest cycle, or null when the system has not been assessed yet.</param>
public sealed record SystemSummary(
    string Key,
    string Name,
    string Department,
    Sourcing Sourcing,
    string Vendor,
    int? LatestCycle,
    AssessmentState? LatestState,
    int OpenQuestions,
    int OverdueQuestions);

public sealed class GetOrganisationHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetOrganisation, OrganisationOverview>
{
    public async ValueTask<OrganisationOverview> Handle(GetOrganisation query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);

        var committee = organisation.Committee.Seats
            .Select(seat => (Seat: seat, Person: organisation.FindPerson(seat.PersonId)!))
            .OrderBy(s => s.Seat.Side).ThenByDescending(s => s.Seat.Role).ThenBy(s => s.Person.Name)
            .Select(s => new CommitteeMember(s.Person.Name, s.Person.Title, s.Seat.Side, s.Seat.Role))
            .ToList();

        var overdue = QuestionItem.OverdueAt(clock.GetUtcNow());
        var systems = await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisation.Id)
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Key,
                s.Name,
                s.Department,
                s.Sourcing,
                s.Vendor,
                Latest = db.Assessments.Where(a => a.SystemId == s.Id).OrderByDescending(a => a.Cycle)
                    .Select(a => new
                    {
                        a.Cycle,
                        a.State,
                        Open = a.Questions.Count(q => QuestionStates.Open.Contains(q.State)),
                        Overdue = a.Questions.AsQueryable().Count(overdue),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        return new OrganisationOverview(
            organisation.Key,
            organisation.Name,
            organisation.Sector,
            organisation.Country,
            organisation.Committee.Name,
            committee,
            systems.Select(s => new SystemSummary(s.Key, s.Name, s.Department, s.Sourcing, s.Vendor,
                s.Latest?.Cycle, s.Latest?.State, s.Latest?.Open ?? 0, s.Latest?.Overdue ?? 0)).ToList(),
            SystemRegistrationRule.Allows(user, user.PersonId is { } personId ? organisation.ActorFor(personId) : null));
    }
}
