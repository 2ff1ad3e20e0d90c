using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Calendar;

/// <summary>What one calendar event stands for.</summary>
public enum FeedEventKind
{
    /// <summary>An answer the person owes, as accountable manager or delegate.</summary>
    AnswerDue,

    /// <summary>An answer due to a question the person sent and chases.</summary>
    AnswerChased,

    /// <summary>An open cycle's due date.</summary>
    CycleDue,

    /// <summary>Every question is settled; management's sign-off is awaited.</summary>
    SignOffPending,

    /// <summary>Management signed; the workers' side's countersignature is awaited.</summary>
    CountersignaturePending,

    /// <summary>A reassessment CoGov opens on schedule.</summary>
    ReassessmentOpens,
}

/// <param name="Uid">Stable for the question (or cycle, or reassessment) whatever happens to it, so a calendar updates the event it has.</param>
/// <param name="At">When it falls, in UTC; the feed writes it in the organisation's time zone.</param>
/// <param name="Sequence">How many times the event has changed since it was first listed, read from the cycle's log.</param>
/// <param name="Cancelled">No longer applies (answered, withdrawn, reassigned away, signed off); kept a while so calendars remove it.</param>
/// <param name="Changed">When the event last changed, for DTSTAMP.</param>
/// <param name="AlarmAt">When to alert: the policy's first reminder before the deadline.</param>
public sealed record FeedEvent(
    string Uid,
    FeedEventKind Kind,
    DateTimeOffset At,
    int Sequence,
    bool Cancelled,
    DateTimeOffset Changed,
    string SystemKey,
    string SystemName,
    int Cycle,
    int? Number = null,
    string? QuestionText = null,
    DateTimeOffset? AlarmAt = null);

/// <param name="TimeZoneId">The organisation's time zone (its routing policy's), IANA.</param>
public sealed record CalendarFeedContent(
    string OrganisationKey,
    string OrganisationName,
    string PersonName,
    CalendarFeedKind Kind,
    string TimeZoneId,
    IReadOnlyList<FeedEvent> Events);

/// <summary>
/// Reads a calendar feed by the secret in its address. Not a request through the pipeline: calendar apps cannot sign in,
/// so the secret is the authorisation, and what it shows is decided here at every request from the membership as it
/// stands now, as the pipeline would decide it: no membership (removed), a membership no longer the feed's person, or a
/// committee feed whose member has left the committee all read as no feed at all (decision record 22).
/// </summary>
public sealed class CalendarFeedReader(CoGovDbContext db, TimeProvider clock)
{
    /// <summary>How long an event that stopped applying stays in the feed as cancelled, so every phone that had it removes it.</summary>
    public static readonly TimeSpan CancelledFor = TimeSpan.FromDays(30);

    /// <summary>The log entries that change a question's event: its deadline, its state or who answers it. Reminders, overdue notices and escalations do not.</summary>
    internal static readonly IReadOnlyList<LogEntryKind> QuestionChanges =
    [
        LogEntryKind.Sent, LogEntryKind.Answered, LogEntryKind.ClarificationRequested, LogEntryKind.Accepted, LogEntryKind.Challenged,
        LogEntryKind.Resolved, LogEntryKind.Withdrawn, LogEntryKind.Reassigned, LogEntryKind.Delegated, LogEntryKind.ExtensionRequested,
        LogEntryKind.ExtensionGranted, LogEntryKind.ExtensionRefused,
    ];

    /// <summary>The log entries that change a cycle's event: its signatures.</summary>
    internal static readonly IReadOnlyList<LogEntryKind> CycleChanges = [LogEntryKind.SignedOff, LogEntryKind.Countersigned];

    /// <summary>A manager owes an answer by the deadline while the clock runs, and while more time is asked (the answer is still owed).</summary>
    private static readonly IReadOnlyList<QuestionState> Owed = [.. QuestionStates.AwaitingManagement, QuestionState.ExtensionRequested];

    /// <summary>The feed the secret opens, or null when it opens none (unknown, regenerated, revoked, or its member gone).</summary>
    public async Task<CalendarFeedContent?> ReadAsync(string? secret, CancellationToken cancellationToken)
    {
        // A secret is 43 characters; anything much longer is not one, and is not hashed.
        if (string.IsNullOrEmpty(secret) || secret.Length > 128)
        {
            return null;
        }
        var hash = CalendarFeed.Hash(secret);
        var owner = await (
                from f in db.CalendarFeeds
                join m in db.Memberships on f.MembershipId equals m.Id
                join o in db.Organisations on f.OrganisationId equals o.Id
                join p in db.People on f.PersonId equals p.Id
                where f.TokenHash == hash && m.PersonId == f.PersonId && m.OrganisationId == o.Id && p.OrganisationId == o.Id
                select new
                {
                    f.Kind,
                    OrganisationId = o.Id,
                    OrganisationKey = o.Key,
                    OrganisationName = o.Name,
                    o.Language,
                    PersonId = p.Id,
                    PersonName = p.Name,
                    m.Roles,
                    Seated = db.Set<CommitteeSeat>().Any(s => s.PersonId == p.Id),
                })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null || !CalendarFeedRules.MayFollow(owner.Kind, owner.Seated, owner.Roles))
        {
            return null;
        }
        var policy = await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == owner.OrganisationId, cancellationToken);
        var now = clock.GetUtcNow();
        var since = now - CancelledFor;
        var events = owner.Kind == CalendarFeedKind.Committee
            ? await CommitteeEventsAsync(owner.OrganisationId, since, cancellationToken)
            : [.. await QuestionEventsAsync(owner.OrganisationId, owner.PersonId, owner.Roles.Contains(Roles.Steward), owner.Language, policy, since, cancellationToken),
               // The cycles the person signs off for management: their due dates, and the sign-off once every question is settled.
               .. await CyclesAsync(owner.OrganisationId, owner.PersonId, since, cancellationToken)];
        return new CalendarFeedContent(owner.OrganisationKey, owner.OrganisationName, owner.PersonName, owner.Kind,
            policy?.Spec.TimeZone ?? "UTC", [.. events.OrderBy(e => e.At).ThenBy(e => e.Uid, StringComparer.Ordinal)]);
    }

    private async Task<List<FeedEvent>> QuestionEventsAsync(
        Guid organisationId, Guid me, bool chases, string language, Domain.Policies.RoutingPolicy? policy, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Questions reassigned away from the person: their cycle's log says who it went to, the outbox who was told it left.
        var away = await db.Outbox.AsNoTracking()
            .Where(m => m.RecipientPersonId == me && m.Kind == NotificationKind.ReassignedAway && m.CreatedAt >= since && m.QuestionNumber != null)
            .Select(m => new { m.AssessmentId, Number = m.QuestionNumber!.Value })
            .ToListAsync(cancellationToken);
        var awayCycles = away.Select(a => a.AssessmentId).Distinct().ToList();

        var rows = await (
                from item in db.QuestionItems
                join assessment in db.Assessments on item.AssessmentId equals assessment.Id
                join system in db.Systems on assessment.SystemId equals system.Id
                where assessment.OrganisationId == organisationId && item.State != QuestionState.Draft && item.Deadline != null
                where assessment.State != AssessmentState.SignedOff || assessment.LastActivityAt >= since
                where item.AssigneeId == me || item.DelegateId == me || (chases && item.SentById == me) || awayCycles.Contains(item.AssessmentId)
                select new
                {
                    item.AssessmentId,
                    assessment.TemplateId,
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    assessment.Cycle,
                    item.Number,
                    item.State,
                    item.Deadline,
                    Answers = item.AssigneeId == me || item.DelegateId == me,
                    Sent = item.SentById == me,
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        rows = [.. rows.Where(r => r.Answers || (chases && r.Sent) || away.Contains(new { r.AssessmentId, r.Number }))];

        var changes = await ChangesAsync(rows.Select(r => r.AssessmentId), QuestionChanges, questions: true, cancellationToken);
        var texts = await QuestionTexts.LoadAsync(db, rows.Select(r => r.TemplateId), language, cancellationToken);
        var events = new List<FeedEvent>();
        foreach (var row in rows)
        {
            var deadline = row.Deadline!.Value;
            var (count, last) = changes.GetValueOrDefault((row.AssessmentId, row.Number), (1, deadline));
            var applies = Owed.Contains(row.State) && (row.Answers || (chases && row.Sent));
            if (!applies && last < since)
            {
                continue;
            }
            events.Add(new FeedEvent(
                $"question-{row.AssessmentId:N}-{row.Number}@cogov",
                row.Answers || !row.Sent ? FeedEventKind.AnswerDue : FeedEventKind.AnswerChased,
                deadline,
                Math.Max(0, count - 1),
                !applies,
                last,
                row.SystemKey,
                row.SystemName,
                row.Cycle,
                row.Number,
                texts.Short(row.TemplateId, row.Number),
                policy is { Spec.ReminderDaysBeforeDue.Count: > 0 } ? policy.Deadlines.ReminderAt(deadline, 0) : null));
        }
        return events;
    }

    /// <summary>Every cycle of the organisation, at its stage, and every reassessment scheduled.</summary>
    private async Task<List<FeedEvent>> CommitteeEventsAsync(Guid organisationId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var events = await CyclesAsync(organisationId, null, since, cancellationToken);
        var systems = await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisationId)
            .Select(s => new
            {
                s.Id,
                s.Key,
                s.Name,
                s.NextCycleOpensAt,
                Newest = db.Assessments.Where(a => a.SystemId == s.Id).OrderByDescending(a => a.Cycle)
                    .Select(a => new { a.Cycle, a.OpenedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        foreach (var system in systems)
        {
            var newest = system.Newest?.Cycle ?? 0;
            if (system.NextCycleOpensAt is { } opens)
            {
                // Set once, when the cycle before is signed off by both sides; it never moves after.
                events.Add(new FeedEvent($"reassessment-{system.Id:N}-{newest + 1}@cogov", FeedEventKind.ReassessmentOpens, opens, 0, false,
                    opens, system.Key, system.Name, newest + 1));
            }
            else if (system.Newest is { Cycle: > 1 } opened && opened.OpenedAt >= since)
            {
                // The reassessment opened: its own cycle's event takes over, and the scheduled one is taken away.
                events.Add(new FeedEvent($"reassessment-{system.Id:N}-{opened.Cycle}@cogov", FeedEventKind.ReassessmentOpens, opened.OpenedAt, 1, true,
                    opened.OpenedAt, system.Key, system.Name, opened.Cycle));
            }
        }
        return events;
    }

    /// <param name="accountableManager">Only the cycles this person signs off for management; null for every cycle.</param>
    private async Task<List<FeedEvent>> CyclesAsync(Guid organisationId, Guid? accountableManager, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var cycles = await (
                from assessment in db.Assessments
                join system in db.Systems on assessment.SystemId equals system.Id
                where assessment.OrganisationId == organisationId
                where accountableManager == null || assessment.AccountableManagerId == accountableManager
                where assessment.State != AssessmentState.SignedOff || assessment.LastActivityAt >= since
                select new
                {
                    assessment.Id,
                    assessment.Cycle,
                    assessment.State,
                    assessment.DueAt,
                    assessment.LastActivityAt,
                    SystemKey = system.Key,
                    SystemName = system.Name,
                    ManagementSigned = db.SignOffs.Any(s => s.AssessmentId == assessment.Id && s.Side == Side.Management),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var changes = await ChangesAsync(cycles.Select(c => c.Id), CycleChanges, questions: false, cancellationToken);
        return [.. cycles.Select(cycle =>
        {
            var signedOff = cycle.State == AssessmentState.SignedOff;
            var (count, last) = changes.GetValueOrDefault((cycle.Id, 0), (0, cycle.LastActivityAt));
            var kind = cycle.ManagementSigned ? FeedEventKind.CountersignaturePending
                : cycle.State == AssessmentState.AwaitingSignOff ? FeedEventKind.SignOffPending
                : FeedEventKind.CycleDue;
            // The stage shows in the event's title, so reaching sign-off changes the event too.
            var sequence = count + (kind == FeedEventKind.SignOffPending ? 1 : 0);
            return new FeedEvent($"cycle-{cycle.Id:N}@cogov", kind, cycle.DueAt, sequence, signedOff,
                count > 0 ? last : cycle.LastActivityAt, cycle.SystemKey, cycle.SystemName, cycle.Cycle);
        })];
    }

    /// <summary>
    /// How many log entries of these kinds each question (or, for the cycle's own entries, each cycle under number 0) has,
    /// and when the latest was written: the log is append-only, so the count only grows, and it is the event's SEQUENCE.
    /// </summary>
    private async Task<Dictionary<(Guid Cycle, int Number), (int Count, DateTimeOffset Last)>> ChangesAsync(
        IEnumerable<Guid> cycles, IReadOnlyList<LogEntryKind> kinds, bool questions, CancellationToken cancellationToken)
    {
        var ids = cycles.Distinct().ToList();
        var entries = await db.LogEntries.AsNoTracking()
            .Where(e => ids.Contains(e.AssessmentId) && kinds.Contains(e.Kind) && (questions ? e.QuestionNumber != null : e.QuestionNumber == null))
            .Select(e => new { e.AssessmentId, e.QuestionNumber, e.At })
            .ToListAsync(cancellationToken);
        return entries
            .GroupBy(e => (e.AssessmentId, e.QuestionNumber ?? 0))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Max(e => e.At)));
    }
}
