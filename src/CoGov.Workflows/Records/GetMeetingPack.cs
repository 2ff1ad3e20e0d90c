using CoGov.Domain.Assessments;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Records;

/// <summary>
/// The joint committee's pack for one meeting: a summary per system, overdue questions by accountable manager,
/// challenged answers with their grounds, answers waiting for the workers' side's review, cycles due or reassessments
/// opening in the next 90 days, and sign-offs pending. It is put together from the very queries the chase board, the
/// agenda and the dashboard show, so the pack and the screens never disagree.
/// </summary>
public sealed record GetMeetingPack(string OrganisationKey, DateOnly MeetingDate) : IQuery<MeetingPack>, IOrganisationRequest;

/// <param name="GeneratedAt">When the pack was put together; what is overdue is as of this moment.</param>
/// <param name="MayStore">Whether the current person may print and keep it: any of the organisation's people.</param>
public sealed record MeetingPack(
    string OrganisationKey,
    string OrganisationName,
    string CommitteeName,
    DateOnly MeetingDate,
    string Language,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<SystemRow> Systems,
    IReadOnlyList<UnassessedSystem> NotAssessed,
    IReadOnlyList<ManagerOverdue> OverdueByManager,
    IReadOnlyList<AgendaItem> Challenged,
    IReadOnlyList<ChaseRow> AwaitingReview,
    IReadOnlyList<UpcomingCycle> Upcoming,
    IReadOnlyList<PendingSignOff> SignOffsPending,
    bool MayStore)
{
    public string Title => $"{CommitteeName}: meeting pack, {MeetingDate:yyyy-MM-dd}";
}

/// <param name="Manager">The accountable manager, or empty for questions routed to nobody known.</param>
public sealed record ManagerOverdue(string? Manager, IReadOnlyList<ChaseRow> Questions);

/// <param name="ManagementSigned">The accountable manager has signed off; the workers' side's countersignature is awaited.</param>
public sealed record PendingSignOff(string SystemKey, string SystemName, int Cycle, string AccountableManager, bool ManagementSigned, DateTimeOffset? ManagementSignedAt);

public sealed class GetMeetingPackHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetMeetingPack, MeetingPack>
{
    public async ValueTask<MeetingPack> Handle(GetMeetingPack query, CancellationToken cancellationToken) =>
        await MeetingPacks.LoadAsync(db, user, clock, query, cancellationToken);
}

internal static class MeetingPacks
{
    public static async Task<MeetingPack> LoadAsync(CoGovDbContext db, UserContext user, TimeProvider clock, GetMeetingPack query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var now = clock.GetUtcNow();
        // The screens' own handlers, run in this request: the same rows, the same order, the same idea of "overdue".
        var board = await new GetChaseBoardHandler(db, user, clock).Handle(new GetChaseBoard(query.OrganisationKey), cancellationToken);
        var agenda = await new GetCommitteeAgendaHandler(db, user).Handle(new GetCommitteeAgenda(query.OrganisationKey), cancellationToken);
        var dashboard = await new GetCommitteeDashboardHandler(db, clock).Handle(new GetCommitteeDashboard(query.OrganisationKey), cancellationToken);

        var pending = await (
                from assessment in db.Assessments.AsNoTracking()
                join system in db.Systems on assessment.SystemId equals system.Id
                where assessment.OrganisationId == organisation.Id && assessment.State == AssessmentState.AwaitingSignOff
                orderby system.Name, assessment.Cycle
                select new
                {
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    assessment.Cycle,
                    assessment.AccountableManagerId,
                    ManagementSignedAt = db.SignOffs
                        .Where(s => s.AssessmentId == assessment.Id && s.Side == Domain.Organisations.Side.Management)
                        .Select(s => (DateTimeOffset?)s.SignedAt).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);

        return new MeetingPack(
            organisation.Key,
            organisation.Name,
            organisation.Committee.Name,
            query.MeetingDate,
            organisation.Language,
            now,
            dashboard.Grids.SelectMany(g => g.Systems).OrderBy(s => s.SystemName, StringComparer.CurrentCulture).ToList(),
            dashboard.NotAssessed,
            board.Overdue
                .GroupBy(r => r.Manager)
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.CurrentCulture)
                .Select(g => new ManagerOverdue(g.Key, g.ToList()))
                .ToList(),
            agenda.Items,
            board.WaitingOnUs.Where(r => r.State == QuestionState.Answered).ToList(),
            dashboard.Upcoming,
            pending.Select(p => new PendingSignOff(p.SystemKey, p.SystemName, p.Cycle,
                    organisation.FindPerson(p.AccountableManagerId)?.Name ?? "?", p.ManagementSignedAt is not null, p.ManagementSignedAt))
                .ToList(),
            AssessmentRecords.MayStore(user, organisation));
    }
}
