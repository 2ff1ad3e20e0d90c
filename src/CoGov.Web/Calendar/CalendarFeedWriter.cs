using System.Globalization;
using CoGov.Web.Components.Pages.Cycles;
using CoGov.Web.Components.Pages.Questions;
using CoGov.Web.Components.Pages.Systems;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;
using IcalCalendar = Ical.Net.Calendar;

namespace CoGov.Web.Calendar;

/// <summary>
/// Writes a feed as iCalendar text with Ical.Net, which folds long lines and escapes text as RFC 5545 asks. Times are
/// written in the organisation's time zone with its VTIMEZONE, so a deadline at 17:00 in Berlin stays 17:00 in Berlin on
/// a phone set to any zone and across a change of clocks; every link goes to the page from the public origin.
/// </summary>
public sealed class CalendarFeedWriter(PublicOrigin origin, IStringLocalizer<CalendarFeedWriter> L, TimeProvider clock)
{
    /// <summary>The same identifier for the product as long as CoGov writes feeds; calendars compare it.</summary>
    private const string ProductId = "-//CoGov//Calendar feeds//EN";

    public string Write(CalendarFeedContent feed)
    {
        var calendar = new IcalCalendar { ProductId = ProductId, Method = null };
        calendar.AddProperty("X-WR-CALNAME", feed.Kind == CalendarFeedKind.Committee
            ? L["{0}: joint committee", feed.OrganisationName]
            : L["{0}: {1}", feed.OrganisationName, feed.PersonName]);
        calendar.AddProperty("X-WR-TIMEZONE", feed.TimeZoneId);
        // Rules from a year back cover every event the feed can hold (cancelled ones go after 30 days).
        var earliest = feed.Events.Count > 0 ? feed.Events.Min(e => e.At).UtcDateTime.AddYears(-1) : clock.GetUtcNow().UtcDateTime.AddYears(-1);
        calendar.AddTimeZone(feed.TimeZoneId, earliest, includeHistoricalData: false);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(feed.TimeZoneId);
        foreach (var item in feed.Events)
        {
            calendar.Events.Add(Event(feed, item, zone));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private CalendarEvent Event(CalendarFeedContent feed, FeedEvent item, TimeZoneInfo zone)
    {
        var link = origin.Link(Page(feed.OrganisationKey, item));
        var local = TimeZoneInfo.ConvertTime(item.At, zone).DateTime;
        var summary = Summary(item);
        var calendarEvent = new CalendarEvent
        {
            Uid = item.Uid,
            Sequence = item.Sequence,
            DtStamp = new CalDateTime(item.Changed.UtcDateTime, CalDateTime.UtcTzId),
            LastModified = new CalDateTime(item.Changed.UtcDateTime, CalDateTime.UtcTzId),
            // A deadline is a moment, not a day: a timed event of no length at that moment, which blocks no time.
            DtStart = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), feed.TimeZoneId),
            Transparency = "TRANSPARENT",
            Status = item.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            Summary = item.Cancelled ? L["Cancelled: {0}", summary] : summary,
            Description = Description(item, link),
            Url = new Uri(link),
        };
        if (item.AlarmAt is { } alarmAt && !item.Cancelled && alarmAt < item.At)
        {
            calendarEvent.Alarms.Add(new Alarm
            {
                Action = Ical.Net.AlarmAction.Display,
                Description = summary,
                Trigger = new Trigger(-Duration.FromTimeSpanExact(item.At - alarmAt)),
            });
        }
        return calendarEvent;
    }

    private string Summary(FeedEvent item) => item.Kind switch
    {
        FeedEventKind.AnswerDue => L["Answer due: question {0}, {1}", item.Number ?? 0, item.SystemName],
        FeedEventKind.AnswerChased => L["Answer expected: question {0}, {1}", item.Number ?? 0, item.SystemName],
        FeedEventKind.SignOffPending => L["Sign-off pending: cycle {0} of {1}", item.Cycle, item.SystemName],
        FeedEventKind.CountersignaturePending => L["Countersignature pending: cycle {0} of {1}", item.Cycle, item.SystemName],
        FeedEventKind.ReassessmentOpens => L["Reassessment opens: cycle {0} of {1}", item.Cycle, item.SystemName],
        _ => L["Cycle {0} of {1} due", item.Cycle, item.SystemName],
    };

    private string Description(FeedEvent item, string link)
    {
        var lines = new List<string>();
        if (item.QuestionText is { Length: > 0 } text)
        {
            lines.Add(L["Question {0}: {1}", item.Number ?? 0, text]);
        }
        lines.Add(L["System: {0}, cycle {1}", item.SystemName, item.Cycle.ToString(CultureInfo.CurrentCulture)]);
        if (item.Cancelled)
        {
            lines.Add(L["This no longer applies to you."]);
        }
        lines.Add(link);
        return string.Join("\n", lines);
    }

    private static string Page(string organisationKey, FeedEvent item) => item.Kind switch
    {
        FeedEventKind.AnswerDue or FeedEventKind.AnswerChased => QuestionPage.Url(organisationKey, item.SystemKey, item.Cycle, item.Number ?? 0),
        FeedEventKind.SignOffPending or FeedEventKind.CountersignaturePending => CycleSignOff.Url(organisationKey, item.SystemKey, item.Cycle),
        FeedEventKind.ReassessmentOpens => SystemQuestions.Url(organisationKey, item.SystemKey),
        _ => SystemQuestions.Url(organisationKey, item.SystemKey, item.Cycle),
    };
}
