using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Chasing;

/// <summary>
/// The workers' side's chase board across every open cycle of the organisation: what is overdue (oldest first), what
/// falls due in the next seven days (soonest first), and what waits on the workers' side itself (answers to review,
/// requests for more time to decide; longest waiting first). Before them, what needs reassigning: questions with the
/// manager whose accountable person has no login in the organisation (removed, or never invited), so nobody can answer
/// them until the workers' side reassigns them; those are not listed as overdue or due, since chasing them reaches no one.
/// </summary>
/// <param name="PerSection">
/// At most this many rows of each section (the first in its order), with every section's total still counted: a large
/// organisation's board runs to thousands of rows, more than a page on a phone can usefully carry. Null for all.
/// </param>
public sealed record GetChaseBoard(string OrganisationKey, int? PerSection = null) : IQuery<ChaseBoard>, IOrganisationRequest;

/// <param name="ViewerIsWorkersSide">The board is the viewer's own side's ("waiting on us"); others see it to read.</param>
/// <param name="Totals">How many questions each section holds, whether or not all are listed.</param>
public sealed record ChaseBoard(
    string OrganisationName,
    bool ViewerIsWorkersSide,
    IReadOnlyList<ChaseRow> Overdue,
    IReadOnlyList<ChaseRow> DueThisWeek,
    IReadOnlyList<ChaseRow> WaitingOnUs,
    ChaseTotals Totals)
{
    /// <summary>Questions with the manager that no member of the organisation answers for, longest with them first.</summary>
    public IReadOnlyList<ChaseRow> NeedsReassignment { get; init; } = [];

    /// <summary>How far ahead "due this week" looks.</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(7);
}

public sealed record ChaseTotals(int Overdue, int DueThisWeek, int WaitingOnUs, int NeedsReassignment = 0);

/// <param name="QuestionText">The question's wording, shortened for a list.</param>
/// <param name="Manager">The accountable manager the question is routed to.</param>
/// <param name="Deadline">When the answer is due, while the manager's clock runs; empty for what waits on the workers' side.</param>
/// <param name="DaysOverdue">Whole days past the deadline, a part-day counting as one; 0 when not overdue.</param>
/// <param name="WaitingSince">For what waits on the workers' side: when the answer came, or more time was asked.</param>
/// <param name="RequestedExtensionDays">For a request for more time: the working days asked.</param>
/// <param name="CanChase">The viewer may remind or escalate at once (<see cref="Assessment.CanChase"/>).</param>
/// <param name="NeedsReassignment">The question is with a manager no member of the organisation answers for: reassign it.</param>
public sealed record ChaseRow(
    string SystemKey,
    string SystemName,
    int Cycle,
    int Number,
    string QuestionText,
    QuestionState State,
    string? Manager,
    DateTimeOffset? Deadline,
    int DaysOverdue,
    DateTimeOffset? WaitingSince,
    int? RequestedExtensionDays,
    bool CanChase,
    bool NeedsReassignment = false);

public sealed class GetChaseBoardHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetChaseBoard, ChaseBoard>
{
    public async ValueTask<ChaseBoard> Handle(GetChaseBoard query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;
        var now = clock.GetUtcNow();
        var horizon = now + ChaseBoard.DueSoonWindow;

        // One query for the whole board, projected to the columns it shows: a large organisation has thousands of open
        // questions, and loading each cycle with its questions and log to list a few of them would cost far more.
        var rows = await (
                from item in db.QuestionItems
                join assessment in db.Assessments on item.AssessmentId equals assessment.Id
                join system in db.Systems on assessment.SystemId equals system.Id
                where assessment.OrganisationId == organisation.Id && assessment.State != AssessmentState.SignedOff
                let unanswerable = !db.Memberships.Any(m => m.OrganisationId == organisation.Id && m.PersonId == item.AssigneeId)
                where (QuestionStates.AwaitingManagement.Contains(item.State) && (item.Deadline <= horizon || unanswerable))
                    || QuestionStates.AwaitingReview.Contains(item.State)
                select new
                {
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    assessment.Cycle,
                    assessment.TemplateId,
                    CycleState = assessment.State,
                    item.Number,
                    item.State,
                    item.Deadline,
                    item.AnsweredAt,
                    item.RequestedExtensionDays,
                    Unanswerable = unanswerable,
                    Manager = db.People.Where(p => p.Id == item.AssigneeId).Select(p => p.Name).FirstOrDefault(),
                    // Only a request for more time needs its log entry's time; the subquery runs for those rows alone.
                    ExtensionAskedAt = item.State == QuestionState.ExtensionRequested
                        ? db.LogEntries
                            .Where(e => e.AssessmentId == item.AssessmentId && e.QuestionNumber == item.Number && e.Kind == LogEntryKind.ExtensionRequested)
                            .Max(e => (DateTimeOffset?)e.At)
                        : null,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var texts = await QuestionTexts.LoadAsync(db, rows.Select(r => r.TemplateId), organisation.Language, cancellationToken);
        var board = rows.Select(r =>
        {
            var clockRunning = QuestionItem.ClockRuns(r.State, r.Deadline);
            var needsReassignment = r.Unanswerable && QuestionStates.AwaitingManagement.Contains(r.State);
            var overdueBy = QuestionItem.IsOverdueAt(r.State, r.Deadline, now) ? now - r.Deadline!.Value : TimeSpan.Zero;
            return new ChaseRow(
                r.SystemKey,
                r.SystemName,
                r.Cycle,
                r.Number,
                texts.Short(r.TemplateId, r.Number),
                r.State,
                r.Manager,
                clockRunning ? r.Deadline : null,
                (int)Math.Ceiling(overdueBy.TotalDays),
                r.State == QuestionState.ExtensionRequested ? r.ExtensionAskedAt : r.State == QuestionState.Answered ? r.AnsweredAt : null,
                r.State == QuestionState.ExtensionRequested ? r.RequestedExtensionDays : null,
                // The model's chasing rule asked of the projected row rather than of a loaded cycle (see above).
                // A reminder or an escalation about a question nobody can answer would only add noise; it needs reassigning.
                CanChase: !needsReassignment && actor is not null && Assessment.MayChase(actor, organisation.Id, r.CycleState, r.State, r.Deadline),
                NeedsReassignment: needsReassignment);
        }).ToList();

        var needsReassignment = board.Where(r => r.NeedsReassignment)
            .OrderBy(r => r.Deadline ?? DateTimeOffset.MaxValue).ThenBy(r => r.SystemName, StringComparer.CurrentCulture).ThenBy(r => r.Cycle).ThenBy(r => r.Number)
            .ToList();
        board = [.. board.Where(r => !r.NeedsReassignment)];
        var overdue = board.Where(r => r.DaysOverdue > 0)
            .OrderBy(r => r.Deadline).ThenBy(r => r.SystemName, StringComparer.CurrentCulture).ThenBy(r => r.Cycle).ThenBy(r => r.Number)
            .ToList();
        var dueThisWeek = board.Where(r => r.Deadline is not null && r.DaysOverdue == 0)
            .OrderBy(r => r.Deadline).ThenBy(r => r.SystemName, StringComparer.CurrentCulture).ThenBy(r => r.Cycle).ThenBy(r => r.Number)
            .ToList();
        var waitingOnUs = board.Where(r => QuestionStates.AwaitingReview.Contains(r.State))
            .OrderBy(r => r.WaitingSince).ThenBy(r => r.SystemName, StringComparer.CurrentCulture).ThenBy(r => r.Cycle).ThenBy(r => r.Number)
            .ToList();
        var limit = query.PerSection is { } perSection && perSection > 0 ? perSection : int.MaxValue;
        return new ChaseBoard(
            organisation.Name,
            actor?.Side == Side.Workers,
            overdue.Take(limit).ToList(),
            dueThisWeek.Take(limit).ToList(),
            waitingOnUs.Take(limit).ToList(),
            new ChaseTotals(overdue.Count, dueThisWeek.Count, waitingOnUs.Count, needsReassignment.Count))
        {
            NeedsReassignment = needsReassignment.Take(limit).ToList(),
        };
    }
}
