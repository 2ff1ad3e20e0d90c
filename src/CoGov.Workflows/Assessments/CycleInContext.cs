using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Assessments;

/// <summary>A request about one cycle of one system's assessment.</summary>
public interface ICycleRequest : IOrganisationRequest
{
    string SystemKey { get; }
    int Cycle { get; }
}

/// <summary>A request about one question of one cycle.</summary>
public interface IQuestionRequest : ICycleRequest
{
    int Number { get; }
}

/// <summary>
/// One cycle loaded for a change, with everything its rules need: the organisation (people and committee, to know who
/// is acting and to whom things escalate), the system, the policy (the clock rules) and the person acting.
/// </summary>
public sealed record CycleInContext(Organisation Organisation, AlgorithmicSystem System, Assessment Assessment, RoutingPolicy Policy, Actor Actor)
{
    public DeadlineRules Deadlines => Policy.Deadlines;

    public static async Task<CycleInContext> LoadAsync(CoGovDbContext db, UserContext user, ICycleRequest request, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations
            .Include(o => o.People)
            .Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleOrDefaultAsync(o => o.Key == request.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{request.OrganisationKey}'.");
        var system = await db.Systems.SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == request.SystemKey, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{request.SystemKey}'.");
        var assessment = await db.Assessments
            .Include(a => a.Questions)
            .Include(a => a.Log)
            .Include(a => a.SignOffs)
            .SingleOrDefaultAsync(a => a.SystemId == system.Id && a.Cycle == request.Cycle, cancellationToken)
            ?? throw new NotFoundException($"{system.Name} has no cycle {request.Cycle}.");
        var policy = await db.RoutingPolicies.SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken)
            ?? throw new InvalidOperationException($"{organisation.Name} has no routing policy; import one.");
        return new CycleInContext(organisation, system, assessment, policy, ActorOf(organisation, user));
    }

    /// <summary>
    /// The person acting: every change in the record is made by a named person of the organisation. An account that is a
    /// member without being one of its people (an administrator) can look, but not act on questions.
    /// </summary>
    internal static Actor ActorOf(Organisation organisation, UserContext user) =>
        user.PersonId is { } personId
            ? organisation.ActorFor(personId)
            : throw new ForbiddenException($"Your account is not one of {organisation.Name}'s people, so it cannot act on its questions.");
}
