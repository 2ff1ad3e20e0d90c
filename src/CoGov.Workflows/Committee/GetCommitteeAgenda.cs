using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Committee;

/// <summary>
/// The joint committee's agenda: every challenged answer in a cycle not yet signed off, with the answer, the grounds of
/// the challenge and the question's history, and whether the current person may record the committee's resolution.
/// </summary>
public sealed record GetCommitteeAgenda(string OrganisationKey) : IQuery<CommitteeAgenda>, IOrganisationRequest;

public sealed record CommitteeAgenda(string OrganisationName, IReadOnlyList<AgendaItem> Items);

/// <param name="CanResolve">Whether the current person may record the committee's resolution, as the model says.</param>
public sealed record AgendaItem(
    string SystemKey,
    string SystemName,
    int Cycle,
    int Number,
    string ThemeTitle,
    string QuestionText,
    string? Answer,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    string Grounds,
    string ChallengedBy,
    DateTimeOffset ChallengedAt,
    IReadOnlyList<QuestionHistoryEntry> History,
    bool CanResolve);

/// <summary>One entry of a question's log, as the record has it.</summary>
public sealed record QuestionHistoryEntry(int Sequence, DateTimeOffset At, string ActorName, LogEntryKind Kind, string Text);

public sealed class GetCommitteeAgendaHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetCommitteeAgenda, CommitteeAgenda>
{
    public async ValueTask<CommitteeAgenda> Handle(GetCommitteeAgenda query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        // An account that is not one of the organisation's people (an administrator) may read the agenda but act on nothing.
        var actor = user.PersonId is { } personId && organisation.FindPerson(personId) is not null ? organisation.ActorFor(personId) : null;

        var challenged = await (
                from item in db.QuestionItems.AsNoTracking()
                join assessment in db.Assessments on item.AssessmentId equals assessment.Id
                join system in db.Systems on assessment.SystemId equals system.Id
                where assessment.OrganisationId == organisation.Id && assessment.State != AssessmentState.SignedOff
                    && item.State == QuestionState.Challenged
                orderby system.Name, assessment.Cycle, item.Number
                select new { Item = item, assessment.TemplateId, SystemKey = system.Key, SystemName = system.Name, assessment.Cycle })
            .ToListAsync(cancellationToken);
        if (challenged.Count == 0)
        {
            return new CommitteeAgenda(organisation.Name, []);
        }

        var assessmentIds = challenged.Select(c => c.Item.AssessmentId).Distinct().ToList();
        var numbers = challenged.Select(c => c.Item.Number).Distinct().ToList();
        // Entries of the same numbers in other questions of these cycles come along and are dropped below: one query, not one each.
        var log = (await db.LogEntries.AsNoTracking()
                .Where(e => assessmentIds.Contains(e.AssessmentId) && e.QuestionNumber != null && numbers.Contains(e.QuestionNumber.Value))
                .OrderBy(e => e.Sequence)
                .Select(e => new { e.AssessmentId, Number = e.QuestionNumber!.Value, Entry = new QuestionHistoryEntry(e.Sequence, e.At, e.ActorName, e.Kind, e.Text) })
                .ToListAsync(cancellationToken))
            .ToLookup(e => (e.AssessmentId, e.Number), e => e.Entry);

        var templateIds = challenged.Select(c => c.TemplateId).Distinct().ToList();
        var wording = (await (
                    from question in db.Set<Question>().AsNoTracking()
                    join theme in db.Set<Theme>() on question.ThemeId equals theme.Id
                    where templateIds.Contains(theme.TemplateId) && numbers.Contains(question.Number)
                    select new { theme.TemplateId, question.Number, Question = question.Text, Theme = theme.Title })
                .ToListAsync(cancellationToken))
            .ToDictionary(w => (w.TemplateId, w.Number));

        var language = organisation.Language;
        var items = challenged.Select(c =>
        {
            var history = log[(c.Item.AssessmentId, c.Item.Number)].ToList();
            var challenge = history.Last(e => e.Kind == LogEntryKind.Challenged);
            var answer = history.LastOrDefault(e => e.Kind == LogEntryKind.Answered);
            var words = wording.GetValueOrDefault((c.TemplateId, c.Item.Number));
            return new AgendaItem(
                c.SystemKey,
                c.SystemName,
                c.Cycle,
                c.Item.Number,
                words?.Theme.In(language) ?? c.Item.ThemeKey,
                words?.Question.In(language) ?? "",
                c.Item.LatestAnswer,
                answer?.ActorName,
                c.Item.AnsweredAt,
                challenge.Text,
                challenge.ActorName,
                challenge.At,
                history,
                actor is not null && c.Item.PermittedTriggers(actor).Contains(QuestionTrigger.Resolve));
        }).ToList();
        return new CommitteeAgenda(organisation.Name, items);
    }
}
