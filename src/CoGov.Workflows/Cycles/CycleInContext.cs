using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// One cycle loaded for a change, with what its rules need and no more: every answer loads the cycle's questions and
/// signatures (the aggregate the model changes), and only the commands that name other people or run the clock load
/// the organisation or the policy. The log is never loaded for a change: the model appends to it from the hash and
/// length kept on the cycle.
/// </summary>
public sealed class CycleInContext
{
    /// <summary>
    /// The cycle with its questions and signatures: the aggregate every change loads, so compiled once rather than
    /// translated again for every answer. The system is found by its key within the organisation and the cycle by its
    /// number within the system, each on its unique index, instead of testing every cycle of the organisation.
    /// </summary>
    private static readonly Func<CoGovDbContext, Guid, string, int, CancellationToken, Task<Assessment?>> FindCycle =
        EF.CompileAsyncQuery((CoGovDbContext db, Guid organisationId, string systemKey, int cycle, CancellationToken cancellationToken) =>
            (from system in db.Systems
             where system.OrganisationId == organisationId && system.Key == systemKey
             join assessment in db.Assessments on system.Id equals assessment.SystemId
             where assessment.Cycle == cycle && assessment.OrganisationId == organisationId
             select assessment)
            .Include(a => a.Questions)
            .Include(a => a.SignOffs)
            .AsSingleQuery()
            .SingleOrDefault());

    private readonly Organisation? _organisation;
    private readonly RoutingPolicy? _policy;
    private readonly AlgorithmicSystem? _system;

    private CycleInContext(Assessment assessment, Actor actor, Organisation? organisation, RoutingPolicy? policy, AlgorithmicSystem? system)
    {
        Assessment = assessment;
        Actor = actor;
        _organisation = organisation;
        _policy = policy;
        _system = system;
    }

    public Assessment Assessment { get; }
    public Actor Actor { get; }

    public Organisation Organisation => _organisation ?? throw NotLoaded(nameof(CycleNeeds.Organisation));
    public RoutingPolicy Policy => _policy ?? throw NotLoaded(nameof(CycleNeeds.Policy));
    public AlgorithmicSystem System => _system ?? throw NotLoaded(nameof(CycleNeeds.System));
    public DeadlineRules Deadlines => Policy.Deadlines;

    public static async Task<CycleInContext> LoadAsync(CoGovDbContext db, UserContext user, ICycleRequest request, CycleNeeds needs, CancellationToken cancellationToken)
    {
        // The authorisation behaviour has already found who is acting in this organisation.
        var actor = user.Actor
            ?? throw new ForbiddenException($"Your account is not one of the organisation's people, so it cannot act on its questions.");
        var assessment = await FindCycle(db, actor.OrganisationId, request.SystemKey, request.Cycle, cancellationToken)
            ?? throw new NotFoundException($"There is no cycle {request.Cycle} of a system '{request.SystemKey}'.");

        var organisation = needs.HasFlag(CycleNeeds.Organisation)
            ? await db.Organisations.AsNoTracking()
                .Include(o => o.People)
                .Include(o => o.Committee).ThenInclude(c => c.Seats)
                .SingleAsync(o => o.Id == actor.OrganisationId, cancellationToken)
            : null;
        var policy = needs.HasFlag(CycleNeeds.Policy)
            ? await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == actor.OrganisationId, cancellationToken)
                ?? throw new InvalidOperationException("The organisation has no routing policy; import one.")
            : null;
        var system = needs.HasFlag(CycleNeeds.System)
            ? await db.Systems.SingleAsync(s => s.Id == assessment.SystemId, cancellationToken)
            : null;
        return new CycleInContext(assessment, actor, organisation, policy, system);
    }

    /// <summary>
    /// The person acting: every change in the record is made by a named person of the organisation. An account that is a
    /// member without being one of its people (an administrator) can look, but not act on questions.
    /// </summary>
    internal static Actor ActorOf(Organisation organisation, UserContext user) =>
        user.PersonId is { } personId
            ? organisation.ActorFor(personId) with { Login = user.UserId }
            : throw new ForbiddenException($"Your account is not one of {organisation.Name}'s people, so it cannot act on its questions.");

    private static InvalidOperationException NotLoaded(string what) =>
        new($"The command did not ask for the {what} to be loaded; add CycleNeeds.{what} to its handler's needs.");
}
