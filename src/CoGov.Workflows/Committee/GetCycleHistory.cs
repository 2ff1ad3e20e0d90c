using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Committee;

/// <summary>Every cycle of every system of the organisation, newest first: the committee's record of what it has assessed.</summary>
public sealed record GetCycleHistory(string OrganisationKey) : IQuery<CycleHistory>, IOrganisationRequest;

public sealed record CycleHistory(string OrganisationName, IReadOnlyList<CycleHistoryRow> Cycles);

/// <param name="ManagementSignOff">The accountable manager's signature, when given.</param>
/// <param name="WorkersCountersignature">The workers' side's countersignature, when given.</param>
/// <param name="NotSettled">Questions neither accepted, resolved nor withdrawn, drafts included.</param>
public sealed record CycleHistoryRow(
    string SystemKey,
    string SystemName,
    int Cycle,
    string QuestionnaireTitle,
    int QuestionnaireVersion,
    AssessmentState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    CycleSignature? ManagementSignOff,
    CycleSignature? WorkersCountersignature,
    int Accepted,
    int Resolved,
    int Withdrawn,
    int NotSettled);

public sealed record CycleSignature(string Name, DateTimeOffset At);

public sealed class GetCycleHistoryHandler(CoGovDbContext db) : IQueryHandler<GetCycleHistory, CycleHistory>
{
    public async ValueTask<CycleHistory> Handle(GetCycleHistory query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");

        // One row per cycle, counted and signed in SQL.
        var rows = await (
                from assessment in db.Assessments.AsNoTracking()
                join system in db.Systems on assessment.SystemId equals system.Id
                join template in db.Templates on assessment.TemplateId equals template.Id
                where assessment.OrganisationId == organisation.Id
                orderby assessment.OpenedAt descending, system.Name, assessment.Cycle descending
                select new
                {
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    assessment.Cycle,
                    template.Title,
                    template.Version,
                    assessment.State,
                    assessment.OpenedAt,
                    assessment.DueAt,
                    Management = assessment.SignOffs.Where(s => s.Side == Side.Management)
                        .Select(s => new { s.PersonName, s.SignedAt }).FirstOrDefault(),
                    Workers = assessment.SignOffs.Where(s => s.Side == Side.Workers)
                        .Select(s => new { s.PersonName, s.SignedAt }).FirstOrDefault(),
                    Accepted = assessment.Questions.Count(q => q.State == QuestionState.Accepted),
                    Resolved = assessment.Questions.Count(q => q.State == QuestionState.Resolved),
                    Withdrawn = assessment.Questions.Count(q => q.State == QuestionState.Withdrawn),
                    Total = assessment.Questions.Count(),
                })
            .ToListAsync(cancellationToken);

        return new CycleHistory(organisation.Name, rows.Select(r => new CycleHistoryRow(
                r.SystemKey,
                r.SystemName,
                r.Cycle,
                r.Title.In(organisation.Language),
                r.Version,
                r.State,
                r.OpenedAt,
                r.DueAt,
                r.Management is { } m ? new CycleSignature(m.PersonName, m.SignedAt) : null,
                r.Workers is { } w ? new CycleSignature(w.PersonName, w.SignedAt) : null,
                r.Accepted,
                r.Resolved,
                r.Withdrawn,
                r.Total - r.Accepted - r.Resolved - r.Withdrawn))
            .ToList());
    }
}
