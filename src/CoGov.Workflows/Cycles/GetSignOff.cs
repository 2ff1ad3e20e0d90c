using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// One cycle's sign-off: where its questions stand, which are not settled yet, both sides' signatures, and whether the
/// current person may sign it off for management or countersign it for the workers' side now.
/// </summary>
public sealed record GetSignOff(string OrganisationKey, string SystemKey, int Cycle) : IQuery<SignOffSheet>, IOrganisationRequest;

/// <param name="Counts">How many questions are in each state, for the states that have any, in the lifecycle's order.</param>
/// <param name="Unsettled">The questions still neither accepted, resolved nor withdrawn, by number.</param>
/// <param name="CanSignOff">Whether the current person may sign the cycle off for management now, as the model says, holding the role <see cref="SignOffCycle"/> needs.</param>
/// <param name="CanCountersign">Whether the current person may countersign it now, as the model says, holding the role <see cref="CountersignCycle"/> needs.</param>
public sealed record SignOffSheet(
    string OrganisationName,
    string SystemKey,
    string SystemName,
    int Cycle,
    string QuestionnaireTitle,
    int QuestionnaireVersion,
    AssessmentState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    string AccountableManager,
    int Questions,
    IReadOnlyList<StateCount> Counts,
    IReadOnlyList<UnsettledQuestion> Unsettled,
    SignedStatement? ManagementSignOff,
    SignedStatement? WorkersCountersignature,
    bool CanSignOff,
    bool CanCountersign);

public sealed record StateCount(QuestionState State, int Count);

public sealed record UnsettledQuestion(int Number, string Text, QuestionState State, bool IsOverdue);

public sealed record SignedStatement(string Name, string Statement, DateTimeOffset At);

public sealed class GetSignOffHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : IQueryHandler<GetSignOff, SignOffSheet>
{
    public async ValueTask<SignOffSheet> Handle(GetSignOff query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        // The cycle with its questions and signatures, not its log: that is all CanSignOff and CanCountersign look at.
        var (system, assessment) = await db.ReadCycleAsync(organisation, query.SystemKey, query.Cycle, cycles => cycles.Include(a => a.Questions).Include(a => a.SignOffs), cancellationToken);
        var template = await db.Templates.AsNoTracking()
            .Where(t => t.Id == assessment.TemplateId)
            .Select(t => new { t.Title, t.Version })
            .SingleAsync(cancellationToken);
        var unsettledNumbers = assessment.Questions.Where(q => !q.State.IsSettled()).Select(q => q.Number).ToList();
        var wording = await (
                from question in db.Set<Domain.Questionnaires.Question>().AsNoTracking()
                join theme in db.Set<Domain.Questionnaires.Theme>() on question.ThemeId equals theme.Id
                where theme.TemplateId == assessment.TemplateId && unsettledNumbers.Contains(question.Number)
                select new { question.Number, question.Text })
            .ToDictionaryAsync(q => q.Number, q => q.Text, cancellationToken);

        // An account that is not one of the organisation's people (an administrator) may look but sign nothing.
        var actor = user.PersonId is { } personId && organisation.FindPerson(personId) is not null ? organisation.ActorFor(personId) : null;
        var now = clock.GetUtcNow();
        var language = organisation.Language;
        return new SignOffSheet(
            organisation.Name,
            system.Key,
            system.Name,
            assessment.Cycle,
            template.Title.In(language),
            template.Version,
            assessment.State,
            assessment.OpenedAt,
            assessment.DueAt,
            organisation.FindPerson(assessment.AccountableManagerId)?.Name ?? "?",
            assessment.Questions.Count,
            assessment.Questions.GroupBy(q => q.State).OrderBy(g => LifecycleOrder(g.Key)).Select(g => new StateCount(g.Key, g.Count())).ToList(),
            assessment.Questions.Where(q => !q.State.IsSettled())
                .Select(q => new UnsettledQuestion(q.Number, wording.GetValueOrDefault(q.Number)?.In(language) ?? "", q.State, q.IsOverdue(now)))
                .ToList(),
            Statement(assessment.ManagementSignOff),
            Statement(assessment.WorkersCountersignature),
            actor is not null && assessment.CanSignOff(actor) && user.MaySend<SignOffCycle>(),
            actor is not null && assessment.CanCountersign(actor) && user.MaySend<CountersignCycle>());
    }

    private static SignedStatement? Statement(SignOff? signature) =>
        signature is null ? null : new SignedStatement(signature.PersonName, signature.Statement, signature.SignedAt);

    /// <summary>From not sent to settled, the way a question moves, so the counts read as a progress line.</summary>
    private static int LifecycleOrder(QuestionState state) => state switch
    {
        QuestionState.Draft => 0,
        QuestionState.Sent => 1,
        QuestionState.ClarificationRequested => 2,
        QuestionState.ExtensionRequested => 3,
        QuestionState.Answered => 4,
        QuestionState.Challenged => 5,
        QuestionState.Accepted => 6,
        QuestionState.Resolved => 7,
        QuestionState.Withdrawn => 8,
        _ => 9,
    };
}
