using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Chasing;

/// <summary>
/// Everything routed to the current person, as the accountable manager or as their delegate, across the
/// organisation's cycles not yet signed off: overdue first (oldest first), then what they owe by deadline, then what
/// waits on the workers' side or the committee, then what is settled.
/// </summary>
public sealed record GetMyQuestions(string OrganisationKey) : IQuery<QuestionsForMe>, IOrganisationRequest;

/// <param name="PersonName">Who the current user is in the organisation; empty (with no questions) when they are not one of its people.</param>
public sealed record QuestionsForMe(string OrganisationName, string? PersonName, IReadOnlyList<QuestionForMe> Questions);

/// <param name="QuestionText">The question's wording, shortened for a list.</param>
/// <param name="AsDelegate">Routed to someone else, who delegated the answer to this person.</param>
/// <param name="Deadline">When the answer is due, while the clock runs; empty once it is answered, settled or waiting on a decision.</param>
public sealed record QuestionForMe(
    string SystemKey,
    string SystemName,
    int Cycle,
    int Number,
    string QuestionText,
    QuestionState State,
    bool AsDelegate,
    DateTimeOffset? Deadline,
    bool IsOverdue)
{
    /// <summary>Where the question comes in the list: what the person must do now first, what is done with last.</summary>
    public int Standing() =>
        IsOverdue ? 0
        : Deadline is not null ? 1
        : State.IsWithWorkers() ? 2
        : 3;
}

public sealed class GetMyQuestionsHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetMyQuestions, QuestionsForMe>
{
    public async ValueTask<QuestionsForMe> Handle(GetMyQuestions query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        if (user.PersonId is not { } me)
        {
            return new QuestionsForMe(organisation.Name, null, []);
        }
        var personName = await db.People.AsNoTracking()
            .Where(p => p.Id == me && p.OrganisationId == organisation.Id)
            .Select(p => p.Name)
            .SingleOrDefaultAsync(cancellationToken);

        // Projected in SQL on the assignee and delegate indexes: a manager's list never loads whole cycles.
        var rows = await (
                from item in db.QuestionItems
                join assessment in db.Assessments on item.AssessmentId equals assessment.Id
                join system in db.Systems on assessment.SystemId equals system.Id
                where item.AssigneeId == me || item.DelegateId == me
                where assessment.OrganisationId == organisation.Id && assessment.State != AssessmentState.SignedOff
                select new
                {
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    assessment.Cycle,
                    assessment.TemplateId,
                    item.Number,
                    item.State,
                    item.Deadline,
                    AsDelegate = item.AssigneeId != me,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var texts = await QuestionTexts.LoadAsync(db, rows.Select(r => r.TemplateId), organisation.Language, cancellationToken);
        var now = clock.GetUtcNow();
        var questions = rows
            .Select(r =>
            {
                var clockRunning = QuestionItem.ClockRuns(r.State, r.Deadline);
                return new QuestionForMe(r.SystemKey, r.SystemName, r.Cycle, r.Number, texts.Short(r.TemplateId, r.Number), r.State,
                    r.AsDelegate, clockRunning ? r.Deadline : null, QuestionItem.IsOverdueAt(r.State, r.Deadline, now));
            })
            .OrderBy(q => q.Standing())
            .ThenBy(q => q.Deadline)
            .ThenBy(q => q.SystemName, StringComparer.CurrentCulture)
            .ThenBy(q => q.Cycle)
            .ThenBy(q => q.Number)
            .ToList();
        return new QuestionsForMe(organisation.Name, personName, questions);
    }
}
