using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Questions;

/// <summary>
/// One question of one cycle as its page shows it: the question, who answers it and by when, every log entry about it
/// oldest first, whether the cycle's log is intact, and what the person asking may do with it now (asked of the model,
/// so a page never decides).
/// </summary>
[AnswerLinks.AnswerableThroughLink]
public sealed record GetQuestionThread(string OrganisationKey, string SystemKey, int Cycle, int Number) : IQuery<QuestionThread>, IQuestionRequest;

/// <param name="AccountableManager">The manager the question is routed to; empty while it is a draft.</param>
/// <param name="Delegate">Another manager the accountable manager delegated the answer to.</param>
/// <param name="Deadline">When the answer is due, while the clock runs; in the organisation's time zone.</param>
/// <param name="TimeZoneId">The organisation's time zone, which every time here is given in.</param>
/// <param name="Log">The whole cycle's log checked, since an entry about another question can break this one's chain.</param>
/// <param name="Managers">The organisation's managers, by name, to route or delegate to.</param>
/// <param name="Anchors">The log compared with every anchor CoGov knows of it (decision record 19).</param>
public sealed record QuestionThread(
    string OrganisationName,
    string SystemName,
    int Cycle,
    string TemplateTitle,
    AssessmentState CycleState,
    int Number,
    string ThemeTitle,
    string Text,
    QuestionState State,
    NamedPerson? AccountableManager,
    NamedPerson? Delegate,
    QuestionClock Clock,
    DateTimeOffset? Deadline,
    bool IsOverdue,
    int? RequestedExtensionDays,
    CarriedOverAnswer? CarriedOver,
    string TimeZoneId,
    IReadOnlyList<QuestionLogEntry> Entries,
    LogVerification Log,
    IReadOnlyList<QuestionAction> PermittedActions,
    IReadOnlyList<NamedPerson> Managers,
    IReadOnlyList<Ledger.AnchorCheck>? Anchors = null)
{
    public bool May(QuestionAction action) => PermittedActions.Contains(action);
}

public sealed record NamedPerson(string Key, string Name, string Title);

/// <param name="AwaitingConfirmation">Nothing has been answered in this cycle yet: the manager is to confirm or update it.</param>
public sealed record CarriedOverAnswer(string Answer, int FromCycle, bool AwaitingConfirmation);

/// <param name="ActorSide">The side of the person who acted; empty when CoGov itself acted.</param>
/// <param name="ViaLink">Whether the person acted through an answer link rather than signed in (decision record 21).</param>
public sealed record QuestionLogEntry(int Sequence, DateTimeOffset At, string ActorName, Side? ActorSide, LogEntryKind Kind, string Text, bool ViaLink = false)
{
    /// <summary>The entry's hash in the cycle's chain, for a program to check against a printed record or an export.</summary>
    public string Hash { get; init; } = "";

    /// <summary>The hash of the entry before it in the cycle's log (of any question), which this entry's hash covers.</summary>
    public string PreviousHash { get; init; } = "";
}

/// <summary>Where the accountable manager's clock stands.</summary>
public enum QuestionClock
{
    /// <summary>A draft: nobody owes an answer yet.</summary>
    NotSent,

    /// <summary>The manager owes an answer by the deadline.</summary>
    Running,

    /// <summary>The answer is with the workers' side (or the committee): the manager owes nothing meanwhile.</summary>
    StoppedWithWorkers,

    /// <summary>The manager asked for more time; the workers' side decides, and the clock waits.</summary>
    StoppedForMoreTime,

    /// <summary>Accepted, resolved or withdrawn: nothing more is owed in this cycle.</summary>
    Settled,
}

/// <summary>What a person can do with a question from its page: the model's triggers, plus chasing a late answer.</summary>
public enum QuestionAction
{
    Send,
    Answer,
    Delegate,
    RequestMoreTime,
    Accept,
    RequestClarification,
    Challenge,
    GrantMoreTime,
    RefuseMoreTime,
    Withdraw,
    Reassign,
    Resolve,
    RemindNow,
    EscalateNow,
}

public sealed class GetQuestionThreadHandler(CoGovDbContext db, UserContext user, TimeProvider clock, Ledger.LogAnchors anchors) : IQueryHandler<GetQuestionThread, QuestionThread>
{
    public async ValueTask<QuestionThread> Handle(GetQuestionThread query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        // The whole log, not only this question's entries: verifying the chain needs every link.
        var (system, assessment) = await db.ReadCycleAsync(organisation, query.SystemKey, query.Cycle, cycles => cycles.Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs), cancellationToken);
        var item = assessment.Questions.FirstOrDefault(q => q.Number == query.Number)
            ?? throw new NotFoundException($"Cycle {query.Cycle} of {system.Name} has no question {query.Number}.");
        var template = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Id == assessment.TemplateId, cancellationToken);
        var policy = await db.RoutingPolicies.AsNoTracking()
            .SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        var timeZone = policy?.Calendar.TimeZone ?? TimeZoneInfo.Utc;
        DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, timeZone);

        var language = organisation.Language;
        var theme = template.ThemeOf(item.Number);
        var question = theme.Questions.Single(q => q.Number == item.Number);
        NamedPerson? Named(Guid? personId) =>
            personId is { } id && organisation.FindPerson(id) is { } person ? new NamedPerson(person.Key, person.Name, person.Title) : null;

        var entries = assessment.Log
            .Where(e => e.QuestionNumber == item.Number)
            .Select(e => new QuestionLogEntry(
                e.Sequence,
                Local(e.At),
                e.ActorName,
                e.ActorPersonId is { } id ? organisation.FindPerson(id)?.Side : null,
                e.Kind,
                e.Text,
                AnswerLinks.AnswerLinkGrant.IsLinkLogin(e.ActingLogin))
            {
                Hash = e.Hash,
                PreviousHash = e.PreviousHash,
            })
            .ToList();

        var clockState = ClockOf(item.State);
        var carriedOver = item.CarriedOverAnswer is { } carried
            ? new CarriedOverAnswer(carried, item.CarriedOverFromCycle ?? assessment.Cycle - 1, item.LatestAnswer is null && !item.State.IsSettled())
            : null;
        var managers = organisation.People
            .Where(p => p.Side == Side.Management)
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new NamedPerson(p.Key, p.Name, p.Title))
            .ToList();

        var check = await Ledger.CycleLogChecks.CheckAsync(db, assessment, organisation.Key, system.Key, system.Name,
            await anchors.ReadFileAsync(cancellationToken), null, [], null, cancellationToken);

        return new QuestionThread(
            organisation.Name,
            system.Name,
            assessment.Cycle,
            template.Title.In(language),
            assessment.State,
            item.Number,
            theme.Title.In(language),
            question.Text.In(language),
            item.State,
            Named(item.AssigneeId),
            Named(item.DelegateId),
            clockState,
            clockState == QuestionClock.Running && item.Deadline is { } deadline ? Local(deadline) : null,
            item.IsOverdue(clock.GetUtcNow()),
            item.State == QuestionState.ExtensionRequested ? item.RequestedExtensionDays : null,
            carriedOver,
            timeZone.Id,
            entries,
            check.Log,
            PermittedActions(assessment, item, organisation),
            managers,
            check.Anchors);
    }

    /// <summary>
    /// Asked of the model for the person the user is in this organisation; a member who is none of its people (an
    /// administrator) may look but do nothing, as the commands would refuse them too.
    /// </summary>
    private List<QuestionAction> PermittedActions(Assessment assessment, QuestionItem item, Organisation organisation)
    {
        if (user.PersonId is not { } personId || assessment.IsReadOnly)
        {
            return [];
        }
        var actor = organisation.ActorFor(personId);
        var actions = item.PermittedTriggers(actor).Select(ActionOf).ToList();
        if (assessment.CanChase(item.Number, actor))
        {
            actions.Add(QuestionAction.RemindNow);
            actions.Add(QuestionAction.EscalateNow);
        }
        // The model answers by the person's side; the membership's roles are the pipeline's to check, asked here of
        // the command each action sends, so a member whose roles were taken away is offered nothing they would be refused.
        return [.. actions.Where(MaySend)];
    }

    private bool MaySend(QuestionAction action) => action switch
    {
        QuestionAction.Send => user.MaySend<Cycles.SendQuestions>(),
        QuestionAction.Answer => user.MaySend<AnswerQuestion>(),
        QuestionAction.Delegate => user.MaySend<DelegateQuestion>(),
        QuestionAction.RequestMoreTime => user.MaySend<RequestExtension>(),
        QuestionAction.Accept => user.MaySend<AcceptAnswer>(),
        QuestionAction.RequestClarification => user.MaySend<RequestClarification>(),
        QuestionAction.Challenge => user.MaySend<ChallengeAnswer>(),
        QuestionAction.GrantMoreTime or QuestionAction.RefuseMoreTime => user.MaySend<DecideExtension>(),
        QuestionAction.Withdraw => user.MaySend<WithdrawQuestion>(),
        QuestionAction.Reassign => user.MaySend<ReassignQuestion>(),
        QuestionAction.Resolve => user.MaySend<RecordCommitteeResolution>(),
        QuestionAction.RemindNow => user.MaySend<SendReminder>(),
        QuestionAction.EscalateNow => user.MaySend<EscalateQuestion>(),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static QuestionClock ClockOf(QuestionState state) => state switch
    {
        QuestionState.Draft => QuestionClock.NotSent,
        QuestionState.ExtensionRequested => QuestionClock.StoppedForMoreTime,
        _ when state.IsWithManagement() => QuestionClock.Running,
        _ when state.IsSettled() => QuestionClock.Settled,
        _ => QuestionClock.StoppedWithWorkers,
    };

    private static QuestionAction ActionOf(QuestionTrigger trigger) => trigger switch
    {
        QuestionTrigger.Send => QuestionAction.Send,
        QuestionTrigger.Answer => QuestionAction.Answer,
        QuestionTrigger.RequestClarification => QuestionAction.RequestClarification,
        QuestionTrigger.Accept => QuestionAction.Accept,
        QuestionTrigger.Challenge => QuestionAction.Challenge,
        QuestionTrigger.Resolve => QuestionAction.Resolve,
        QuestionTrigger.Withdraw => QuestionAction.Withdraw,
        QuestionTrigger.Reassign => QuestionAction.Reassign,
        QuestionTrigger.Delegate => QuestionAction.Delegate,
        QuestionTrigger.RequestExtension => QuestionAction.RequestMoreTime,
        QuestionTrigger.GrantExtension => QuestionAction.GrantMoreTime,
        QuestionTrigger.RefuseExtension => QuestionAction.RefuseMoreTime,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };
}
