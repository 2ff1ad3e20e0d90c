using CoGov.Domain.Assessments;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// Which mail may wait for a recipient's daily digest, and until when (decision record 20). A person who chose the
/// digest still gets at once whatever a deadline hangs on: overdue and escalation mail, the chairs' anchor mail (a
/// record to file as made), and any mail about a question whose answer is due within a day, such as one arriving late.
/// </summary>
public sealed class DigestRule(CoGovDbContext db, IOptions<MailOptions> options)
{
    /// <summary>A deadline this close (or past) does not wait for tomorrow's digest.</summary>
    public static readonly TimeSpan NearDeadline = TimeSpan.FromDays(1);

    public static bool MustGoAtOnce(NotificationKind kind, DateTimeOffset? runningDeadline, DateTimeOffset now) =>
        kind is NotificationKind.Overdue or NotificationKind.Escalation or NotificationKind.LogAnchored
        || runningDeadline <= now + NearDeadline;

    /// <summary>When the message's recipient's next digest goes, if it may wait for it; empty when it goes now.</summary>
    public async Task<DateTimeOffset?> HoldUntilAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var preference = await db.MailPreferences.AsNoTracking()
            .Where(p => p.PersonId == message.RecipientPersonId)
            .Select(p => new { p.Delivery, p.OrganisationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (preference is not { Delivery: MailDelivery.DailyDigest })
        {
            return null;
        }
        if (MustGoAtOnce(message.Kind, await RunningDeadlineAsync(message, cancellationToken), now))
        {
            return null;
        }
        var zone = await TimeZoneOfAsync(db, preference.OrganisationId, cancellationToken);
        return NextDigestAt(now, zone, options.Value.DigestHour);
    }

    /// <summary>The next moment the clock in <paramref name="zone"/> shows <paramref name="hour"/>:00, after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDigestAt(DateTimeOffset now, TimeZoneInfo zone, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = local.Date;
        for (var i = 0; i < 3; i++, day = day.AddDays(1))
        {
            var at = day.AddHours(hour);
            // The hour a spring-forward skips is read as the hour after it.
            if (zone.IsInvalidTime(at))
            {
                at = at.AddHours(1);
            }
            var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
            if (utc > now)
            {
                return utc;
            }
        }
        throw new InvalidOperationException($"No {hour}:00 in {zone.Id} within three days of {now:o}.");
    }

    /// <summary>
    /// The organisation's time zone as its routing policy (or else the instance's default policy) gives it: the one the
    /// committee reads times in.
    /// </summary>
    internal static async Task<TimeZoneInfo> TimeZoneOfAsync(CoGovDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var timeZoneId = await db.RoutingPolicies
            .Where(p => p.OrganisationId == organisationId || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .Select(p => p.Spec)
            .FirstOrDefaultAsync(cancellationToken) is { } spec ? spec.TimeZone : null;
        return timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task<DateTimeOffset?> RunningDeadlineAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.QuestionNumber is not { } number)
        {
            return null;
        }
        var item = await db.QuestionItems.AsNoTracking()
            .Where(q => q.AssessmentId == message.AssessmentId && q.Number == number)
            .Select(q => new { q.State, q.Deadline })
            .SingleOrDefaultAsync(cancellationToken);
        return item is not null && QuestionItem.ClockRuns(item.State, item.Deadline) ? item.Deadline : null;
    }
}
