using CoGov.Domain.Assessments;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>
/// A system's register entry and one cycle of its assessment (the newest unless <see cref="Cycle"/> says which):
/// the questions grouped by theme, each with its state, accountable manager and deadline; and what the current person
/// may do from the page.
/// </summary>
public sealed record GetSystemQuestions(string OrganisationKey, string SystemKey, int? Cycle = null) : IQuery<SystemQuestions>, IOrganisationRequest;

public sealed record SystemQuestions(
    string OrganisationName,
    SystemRegisterEntry System,
    IReadOnlyList<int> Cycles,
    CycleQuestions? Cycle,
    SystemActions Actions,
    IReadOnlyList<StoredRecordSummary> Records);

/// <summary>What the current person may do about the system's cycles, asked of the model.</summary>
/// <param name="MayOpenNextCycle">
/// They may open cycle <paramref name="NextCycle"/>: there is no cycle yet, or the newest is signed off by both sides, and
/// they hold the role <see cref="OpenCycle"/> needs.
/// </param>
/// <param name="MaySendQuestions">They may send draft questions of the newest cycle, <paramref name="NewestCycle"/>, and hold the role <see cref="SendQuestions"/> needs.</param>
/// <param name="MayKeepRecords">They may print and keep a cycle's record: any of the organisation's people, of either side.</param>
public sealed record SystemActions(bool MayOpenNextCycle, int NextCycle, bool MaySendQuestions, int? NewestCycle, bool MayKeepRecords = false)
{
    public static readonly SystemActions None = new(false, 1, false, null);
}

public sealed record SystemRegisterEntry(
    string Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    SystemStatus Status = SystemStatus.InUse,
    DateOnly? StatusSince = null);

/// <param name="OffersSignOff">
/// The cycle's sign-off page has something for the current person: they may sign off or countersign now (as the model
/// says and with the role the command needs), or the cycle awaits or holds signatures to read.
/// </param>
public sealed record CycleQuestions(
    int Number,
    string TemplateTitle,
    int TemplateVersion,
    AssessmentState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    string AccountableManager,
    IReadOnlyList<ThemeQuestions> Themes,
    bool OffersSignOff)
{
    /// <summary>The organisation's time zone (its routing policy's), in which its people read deadlines.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}

public sealed record ThemeQuestions(string Key, string Title, string Rationale, IReadOnlyList<QuestionRow> Questions);

public sealed record QuestionRow(int Number, string Text, QuestionState State, string? Assignee, DateTimeOffset? Deadline, bool IsOverdue)
{
    /// <summary>The manager the assignee delegated the answer to, if any; the assignee stays accountable.</summary>
    public string? Delegate { get; init; }

    /// <summary>The most recent answer in full (the settled one, once settled); earlier answers stay in the log.</summary>
    public string? Answer { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }
}

public sealed class GetSystemQuestionsHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetSystemQuestions, SystemQuestions>
{
    public async ValueTask<SystemQuestions> Handle(GetSystemQuestions query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        // Members who are not one of the organisation's people (an administrator) can look but act on nothing.
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;
        var system = await db.ReadSystemAsync(organisation, query.SystemKey, cancellationToken);

        var cycles = await db.Assessments.Where(a => a.SystemId == system.Id).OrderBy(a => a.Cycle).Select(a => a.Cycle).ToListAsync(cancellationToken);
        if (query.Cycle is { } asked && !cycles.Contains(asked))
        {
            throw new NotFoundException($"{system.Name} has no cycle {asked}.");
        }
        var register = new SystemRegisterEntry(system.Key, system.Name, system.Purpose, system.Vendor, system.Sourcing,
            system.ContractNotes, system.PersonalData, system.Department, system.Status, system.StatusSince);
        if (cycles.Count == 0)
        {
            return new SystemQuestions(organisation.Name, register, cycles, null,
                SystemActions.None with { MayOpenNextCycle = actor is not null && Assessment.MayOpen(actor) && !system.IsRetired && user.MaySend<OpenCycle>() }, []);
        }

        var cycleNumber = query.Cycle ?? cycles[^1];
        var assessment = await LoadCycleAsync(system.Id, cycleNumber, cancellationToken);
        var newest = cycleNumber == cycles[^1] ? assessment : await LoadCycleAsync(system.Id, cycles[^1], cancellationToken);
        var template = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Id == assessment.TemplateId, cancellationToken);
        var names = organisation.People.ToDictionary(p => p.Id, p => p.Name);

        var now = clock.GetUtcNow();
        var language = organisation.Language;
        var items = assessment.Questions.ToDictionary(q => q.Number);
        QuestionRow Row(Domain.Questionnaires.Question question)
        {
            var item = items[question.Number];
            var assignee = item.AssigneeId is { } id ? names.GetValueOrDefault(id) : null;
            return new QuestionRow(question.Number, question.Text.In(language), item.State, assignee, item.Deadline, item.IsOverdue(now))
            {
                Delegate = item.DelegateId is { } delegateId ? names.GetValueOrDefault(delegateId) : null,
                Answer = item.LatestAnswer,
                AnsweredAt = item.AnsweredAt,
            };
        }
        var themes = template.Themes.OrderBy(t => t.Order)
            .Select(theme => new ThemeQuestions(
                theme.Key,
                theme.Title.In(language),
                theme.Rationale.In(language),
                theme.Questions.Where(q => items.ContainsKey(q.Number)).OrderBy(q => q.Number).Select(Row).ToList()))
            .ToList();

        var actions = actor is null
            ? SystemActions.None with { NextCycle = cycles[^1] + 1, NewestCycle = cycles[^1] }
            : new SystemActions(
                // Assessment.OpenNext takes only a previous cycle both sides have signed, of a system not retired; opening is the workers' side's.
                // The side the model asks about is not enough: each action is offered only with the role its command needs.
                MayOpenNextCycle: Assessment.MayOpen(actor) && newest.IsReadOnly && !system.IsRetired && user.MaySend<OpenCycle>(),
                NextCycle: cycles[^1] + 1,
                MaySendQuestions: newest.Questions.Any(q => q.CanFire(QuestionTrigger.Send, actor)) && user.MaySend<SendQuestions>(),
                NewestCycle: cycles[^1],
                MayKeepRecords: user.MaySend<GenerateAssessmentRecord>());
        var records = await db.StoredRecords.AsNoTracking().OfSystem(system.Id).ToListAsync(cancellationToken);
        var offersSignOff = (actor is not null && ((assessment.CanSignOff(actor) && user.MaySend<SignOffCycle>())
                || (assessment.CanCountersign(actor) && user.MaySend<CountersignCycle>())))
            || assessment.State is AssessmentState.AwaitingSignOff or AssessmentState.SignedOff;

        return new SystemQuestions(organisation.Name, register, cycles, new CycleQuestions(
            assessment.Cycle,
            template.Title.In(language),
            template.Version,
            assessment.State,
            assessment.OpenedAt,
            assessment.DueAt,
            names.GetValueOrDefault(assessment.AccountableManagerId, "?"),
            themes,
            offersSignOff)
        {
            TimeZone = await DigestRule.TimeZoneOfAsync(db, organisation.Id, cancellationToken),
        }, actions, records);
    }

    /// <summary>One cycle with what its rules need to answer who may do what: its questions and its signatures.</summary>
    private Task<Assessment> LoadCycleAsync(Guid systemId, int cycle, CancellationToken cancellationToken) =>
        db.Assessments.AsNoTracking()
            .Include(a => a.Questions)
            .Include(a => a.SignOffs)
            .SingleAsync(a => a.SystemId == systemId && a.Cycle == cycle, cancellationToken);
}
