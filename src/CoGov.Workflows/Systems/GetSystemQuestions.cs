using CoGov.Domain.Assessments;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>
/// A system's register entry and one cycle of its assessment (the newest unless <see cref="Cycle"/> says which):
/// the questions grouped by theme, each with its state, accountable manager and deadline.
/// </summary>
public sealed record GetSystemQuestions(string OrganisationKey, string SystemKey, int? Cycle = null) : IQuery<SystemQuestions>, IOrganisationRequest;

public sealed record SystemQuestions(
    string OrganisationName,
    SystemRegisterEntry System,
    IReadOnlyList<int> Cycles,
    CycleQuestions? Cycle);

public sealed record SystemRegisterEntry(
    string Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department);

public sealed record CycleQuestions(
    int Number,
    string TemplateTitle,
    int TemplateVersion,
    AssessmentState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    string AccountableManager,
    IReadOnlyList<ThemeQuestions> Themes);

public sealed record ThemeQuestions(string Key, string Title, string Rationale, IReadOnlyList<QuestionRow> Questions);

public sealed record QuestionRow(int Number, string Text, QuestionState State, string? Assignee, DateTimeOffset? Deadline, bool IsOverdue);

public sealed class GetSystemQuestionsHandler(CoGovDbContext db, TimeProvider clock) : IQueryHandler<GetSystemQuestions, SystemQuestions>
{
    public async ValueTask<SystemQuestions> Handle(GetSystemQuestions query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var system = await db.Systems.AsNoTracking()
            .SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == query.SystemKey, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{query.SystemKey}'.");

        var cycles = await db.Assessments.Where(a => a.SystemId == system.Id).OrderBy(a => a.Cycle).Select(a => a.Cycle).ToListAsync(cancellationToken);
        if (query.Cycle is { } asked && !cycles.Contains(asked))
        {
            throw new NotFoundException($"{system.Name} has no cycle {asked}.");
        }
        var register = new SystemRegisterEntry(system.Key, system.Name, system.Purpose, system.Vendor, system.Sourcing,
            system.ContractNotes, system.PersonalData, system.Department);
        if (cycles.Count == 0)
        {
            return new SystemQuestions(organisation.Name, register, cycles, null);
        }

        var cycleNumber = query.Cycle ?? cycles[^1];
        var assessment = await db.Assessments.AsNoTracking()
            .Include(a => a.Questions)
            .SingleAsync(a => a.SystemId == system.Id && a.Cycle == cycleNumber, cancellationToken);
        var template = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Id == assessment.TemplateId, cancellationToken);
        var names = await db.People.AsNoTracking()
            .Where(p => p.OrganisationId == organisation.Id)
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var now = clock.GetUtcNow();
        var language = organisation.Language;
        var items = assessment.Questions.ToDictionary(q => q.Number);
        QuestionRow Row(Domain.Questionnaires.Question question)
        {
            var item = items[question.Number];
            var assignee = item.AssigneeId is { } id ? names.GetValueOrDefault(id) : null;
            return new QuestionRow(question.Number, question.Text.In(language), item.State, assignee, item.Deadline, item.IsOverdue(now));
        }
        var themes = template.Themes.OrderBy(t => t.Order)
            .Select(theme => new ThemeQuestions(
                theme.Key,
                theme.Title.In(language),
                theme.Rationale.In(language),
                theme.Questions.Where(q => items.ContainsKey(q.Number)).OrderBy(q => q.Number).Select(Row).ToList()))
            .ToList();

        return new SystemQuestions(organisation.Name, register, cycles, new CycleQuestions(
            assessment.Cycle,
            template.Title.In(language),
            template.Version,
            assessment.State,
            assessment.OpenedAt,
            assessment.DueAt,
            names.GetValueOrDefault(assessment.AccountableManagerId, "?"),
            themes));
    }
}
