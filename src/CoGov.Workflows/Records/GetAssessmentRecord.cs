using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Records;

/// <summary>
/// Everything the formal record of one cycle of one system holds, the document both sides file: the cover, every theme
/// and question in the questionnaire's order with the answer in full, both sides' signatures, the whole log and the
/// log's verified head hash, which a committee quotes to prove later that the record matches the system.
/// </summary>
public sealed record GetAssessmentRecord(string OrganisationKey, string SystemKey, int Cycle) : IQuery<AssessmentRecord>, ICycleRequest;

/// <param name="Language">The organisation's language: the language the record's own texts are written in.</param>
/// <param name="TimeZoneId">The organisation's time zone, which every time in the record is given in.</param>
/// <param name="GeneratedAt">When the record was put together, in the organisation's time zone.</param>
/// <param name="Verification">The log's chain walked: its head hash is what the record quotes.</param>
/// <param name="MayStore">Whether the current person may generate and keep a PDF of it.</param>
/// <param name="Anchors">The log compared with every anchor CoGov knows of it (decision record 19).</param>
public sealed record AssessmentRecord(
    RecordCover Cover,
    IReadOnlyList<RecordTheme> Themes,
    RecordSignatures Signatures,
    IReadOnlyList<RecordLogEntry> Log,
    LogVerification Verification,
    string Language,
    string TimeZoneId,
    DateTimeOffset GeneratedAt,
    bool MayStore,
    IReadOnlyList<Ledger.AnchorCheck>? Anchors = null)
{
    public IEnumerable<RecordQuestion> Questions => Themes.SelectMany(t => t.Questions);

    /// <summary>The document's title, as the PDF's metadata and the page title carry it.</summary>
    public string Title => $"{Cover.SystemName}: assessment record, cycle {Cover.Cycle}";
}

/// <param name="SignedAt">When the second side signed, so the cycle became the committee's settled record.</param>
public sealed record RecordCover(
    string OrganisationKey,
    string OrganisationName,
    string SystemKey,
    string SystemName,
    string SystemPurpose,
    int Cycle,
    string TemplateTitle,
    int TemplateVersion,
    AssessmentState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SignedAt,
    string AccountableManager,
    string CommitteeName,
    IReadOnlyList<RecordMember> WorkersSide,
    IReadOnlyList<RecordMember> ManagementSide,
    RecordRegister? Register = null);

/// <summary>
/// The key fields of the system's register entry as it stands when the record is printed (decision record 13): where
/// the system is in its life, who answers for it, what it decides and who oversees that, where its data is held and
/// for how long, and the impact assessments published about it.
/// </summary>
/// <param name="Version">The entry's version, so a reader can find in its history what the record showed.</param>
public sealed record RecordRegister(
    SystemStatus Status,
    DateOnly? StatusSince,
    string? Owner,
    string Contact,
    string DecisionsSupported,
    string HumanOversight,
    string StorageJurisdiction,
    string Retention,
    IReadOnlyList<ImpactAssessmentLink> ImpactAssessments,
    int Version);

public sealed record RecordMember(string Name, string Title, CommitteeRole Role);

public sealed record RecordTheme(string Key, string Title, IReadOnlyList<RecordQuestion> Questions);

/// <param name="AccountableManager">The manager the question was routed to; empty while it is a draft.</param>
/// <param name="Deadline">When the answer is due, while the manager's clock runs.</param>
/// <param name="Answer">The accepted answer, or the latest when none is accepted; empty when nothing was answered in this cycle.</param>
/// <param name="CarriedOverAnswer">The answer settled in an earlier cycle, when this cycle has none of its own yet.</param>
/// <param name="Resolution">The joint committee's resolution of a challenge.</param>
/// <param name="Events">Clarifications, challenges and requests for more time, oldest first, for the record's one-line summary.</param>
public sealed record RecordQuestion(
    int Number,
    string Text,
    string? AccountableManager,
    string? Delegate,
    DateTimeOffset? Deadline,
    bool IsOverdue,
    QuestionState State,
    RecordAnswer? Answer,
    string? CarriedOverAnswer,
    RecordAnswer? Resolution,
    IReadOnlyList<RecordEvent> Events);

/// <param name="IsAccepted">The workers' side accepted this answer (or the committee resolved the question on it).</param>
public sealed record RecordAnswer(string Text, string By, DateTimeOffset At, bool IsAccepted);

public sealed record RecordEvent(LogEntryKind Kind, DateTimeOffset At);

public sealed record RecordSignatures(RecordSignature? Management, RecordSignature? Workers);

public sealed record RecordSignature(string Name, string Statement, DateTimeOffset At);

/// <param name="Login">The login that acted, as its address (or "CoGov"); empty for entries made before CoGov recorded it.</param>
public sealed record RecordLogEntry(int Sequence, DateTimeOffset At, string ActorName, LogEntryKind Kind, int? QuestionNumber, string Text, string? Login = null);

public sealed class GetAssessmentRecordHandler(CoGovDbContext db, UserContext user, TimeProvider clock, Ledger.LogAnchors anchors) : IQueryHandler<GetAssessmentRecord, AssessmentRecord>
{
    public async ValueTask<AssessmentRecord> Handle(GetAssessmentRecord query, CancellationToken cancellationToken) =>
        await AssessmentRecords.LoadAsync(db, user, clock, anchors, query, cancellationToken);
}

/// <summary>Puts a cycle's record together; shared by the query and the command that prints and keeps it.</summary>
internal static class AssessmentRecords
{
    /// <summary>The kinds of entry the one-line summary under a question counts.</summary>
    private static readonly LogEntryKind[] Summarised =
    [
        LogEntryKind.ClarificationRequested,
        LogEntryKind.Challenged,
        LogEntryKind.Resolved,
        LogEntryKind.ExtensionRequested,
        LogEntryKind.ExtensionGranted,
        LogEntryKind.ExtensionRefused,
    ];

    public static async Task<AssessmentRecord> LoadAsync(CoGovDbContext db, UserContext user, TimeProvider clock, Ledger.LogAnchors anchors, ICycleRequest request, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(request.OrganisationKey, cancellationToken);
        // The whole log: the record prints it, and verifying the chain needs every link.
        var (system, assessment) = await db.ReadCycleAsync(organisation, request.SystemKey, request.Cycle, cycles => cycles.Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs), cancellationToken);
        var template = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Id == assessment.TemplateId, cancellationToken);
        var policy = await db.RoutingPolicies.AsNoTracking()
            .SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        var timeZone = policy?.Calendar.TimeZone ?? TimeZoneInfo.Utc;
        DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, timeZone);

        var now = clock.GetUtcNow();
        var language = organisation.Language;
        string? NameOf(Guid? personId) => personId is { } id ? organisation.FindPerson(id)?.Name : null;
        var log = assessment.Log;
        var logByQuestion = log.Where(e => e.QuestionNumber is not null).ToLookup(e => e.QuestionNumber!.Value);
        var items = assessment.Questions.ToDictionary(q => q.Number);

        RecordQuestion QuestionOf(Domain.Questionnaires.Question question)
        {
            var item = items[question.Number];
            var entries = logByQuestion[item.Number].ToList();
            var answered = entries.LastOrDefault(e => e.Kind == LogEntryKind.Answered);
            var resolved = entries.LastOrDefault(e => e.Kind == LogEntryKind.Resolved);
            var answer = item.LatestAnswer is { } text
                ? new RecordAnswer(text, answered?.ActorName ?? "", Local(item.AnsweredAt ?? answered?.At ?? assessment.OpenedAt),
                    item.State is QuestionState.Accepted or QuestionState.Resolved)
                : null;
            return new RecordQuestion(
                item.Number,
                question.Text.In(language),
                NameOf(item.AssigneeId),
                NameOf(item.DelegateId),
                item.IsClockRunning ? Local(item.Deadline!.Value) : null,
                item.IsOverdue(now),
                item.State,
                answer,
                answer is null ? item.CarriedOverAnswer : null,
                resolved is null ? null : new RecordAnswer(resolved.Text, resolved.ActorName, Local(resolved.At), IsAccepted: true),
                entries.Where(e => Summarised.Contains(e.Kind)).Select(e => new RecordEvent(e.Kind, Local(e.At))).ToList());
        }

        var themes = template.Themes
            .Select(theme => new RecordTheme(
                theme.Key,
                theme.Title.In(language),
                theme.Questions.Where(q => items.ContainsKey(q.Number)).Select(QuestionOf).ToList()))
            .Where(t => t.Questions.Count > 0)
            .ToList();

        IReadOnlyList<RecordMember> Members(Side side) => organisation.Committee.SeatsOf(side)
            .Select(seat => (Seat: seat, Person: organisation.FindPerson(seat.PersonId)))
            .Where(s => s.Person is not null)
            // The chair first, as the committee introduces itself, then by name.
            .OrderByDescending(s => s.Seat.Role).ThenBy(s => s.Person!.Name, StringComparer.CurrentCulture)
            .Select(s => new RecordMember(s.Person!.Name, s.Person.Title, s.Seat.Role))
            .ToList();

        var management = assessment.ManagementSignOff;
        var workers = assessment.WorkersCountersignature;
        var cover = new RecordCover(
            organisation.Key,
            organisation.Name,
            system.Key,
            system.Name,
            system.Purpose,
            assessment.Cycle,
            template.Title.In(language),
            template.Version,
            assessment.State,
            Local(assessment.OpenedAt),
            Local(assessment.DueAt),
            assessment.IsReadOnly ? Local(workers?.SignedAt ?? management!.SignedAt) : null,
            NameOf(assessment.AccountableManagerId) ?? "?",
            organisation.Committee.Name,
            Members(Side.Workers),
            Members(Side.Management),
            new RecordRegister(
                system.Status,
                system.StatusSince,
                system.OwnerId is { } ownerId ? NameOf(ownerId) : null,
                system.Contact,
                system.DecisionsSupported,
                system.HumanOversight,
                system.StorageJurisdiction,
                system.Retention,
                system.ImpactAssessments,
                system.RegisterVersion));

        var check = await Ledger.CycleLogChecks.CheckAsync(db, assessment, organisation.Key, system.Key, system.Name,
            await anchors.ReadFileAsync(cancellationToken), null, [], null, cancellationToken);
        var logins = await LoginsAsync(db, log, cancellationToken);

        return new AssessmentRecord(
            cover,
            themes,
            new RecordSignatures(Signature(management, Local), Signature(workers, Local)),
            log.Select(e => new RecordLogEntry(e.Sequence, Local(e.At), e.ActorName, e.Kind, e.QuestionNumber, e.Text,
                e.ActingLogin is { } login ? logins.GetValueOrDefault(login, login) : null)).ToList(),
            check.Log,
            language,
            timeZone.Id,
            Local(now),
            MayStore: MayStore(user, organisation),
            check.Anchors);
    }

    /// <summary>
    /// The logins that acted, by the address a reader knows them by; a login since deleted keeps its id, and CoGov's
    /// own marker stays as it is.
    /// </summary>
    private static async Task<Dictionary<string, string>> LoginsAsync(CoGovDbContext db, IReadOnlyList<LogEntry> log, CancellationToken cancellationToken)
    {
        var ids = log.Select(e => e.ActingLogin).OfType<string>().Where(l => l != LogEntry.CoGovLogin).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id) && u.Email != null)
                .ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
    }

    /// <summary>
    /// Any of the organisation's people, of either side, may print and keep the record: both sides file it, and a kept
    /// record names the person who made it. An account that is a member without being one of its people (an
    /// administrator) may read it but keeps nothing, as it acts on nothing else.
    /// </summary>
    public static bool MayStore(UserContext user, Organisation organisation) =>
        user.PersonId is { } personId && organisation.FindPerson(personId) is not null;

    private static RecordSignature? Signature(Domain.Assessments.SignOff? signature, Func<DateTimeOffset, DateTimeOffset> local) =>
        signature is null ? null : new RecordSignature(signature.PersonName, signature.Statement, local(signature.SignedAt));
}
