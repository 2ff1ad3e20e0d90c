using System.Text;
using CoGov.Web.Calendar;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Calendar;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using IcalCalendar = Ical.Net.Calendar;

namespace CoGov.Web.Tests.Calendar;

/// <summary>The feed's text as the writer makes it, read back by Ical.Net: times across a change of clocks, long text, cancellations.</summary>
public sealed class CalendarFeedWriterTests
{
    private const string Berlin = "Europe/Berlin";

    /// <summary>17:00 in Berlin on the Friday before clocks go forward (28 March 2027, CET) and on the Tuesday after (CEST).</summary>
    private static readonly DateTimeOffset BeforeTheChange = new(2027, 3, 26, 16, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset AfterTheChange = new(2027, 3, 30, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADeadlineKeepsItsLocalTimeAcrossAChangeOfClocksAndReadsBackAsTheSameMoment()
    {
        var text = Writer().Write(Feed(
            Question("question-a-1@cogov", BeforeTheChange, alarm: BeforeTheChange.AddDays(-3)),
            Question("question-a-2@cogov", AfterTheChange, alarm: AfterTheChange.AddDays(-3))));

        var calendar = IcalCalendar.Load(text)!;
        var before = calendar.Events.Single(e => e.Uid == "question-a-1@cogov");
        var after = calendar.Events.Single(e => e.Uid == "question-a-2@cogov");
        Assert.Equal((Berlin, new DateTime(2027, 3, 26, 17, 0, 0)), (before.DtStart!.TzId, before.DtStart.Value));
        Assert.Equal((Berlin, new DateTime(2027, 3, 30, 17, 0, 0)), (after.DtStart!.TzId, after.DtStart.Value));
        Assert.Equal(BeforeTheChange.UtcDateTime, before.DtStart.AsUtc);
        Assert.Equal(AfterTheChange.UtcDateTime, after.DtStart.AsUtc);
        Assert.True(before.DtStart.HasTime && after.DtStart.HasTime, "A deadline at a time must not be an all-day event.");
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20270326T170000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20270330T170000\r\n", text, StringComparison.Ordinal);
        // The zone's rules travel with the feed, both sides of the change.
        Assert.Contains("TZID:Europe/Berlin\r\n", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0200\r\n", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0100\r\n", text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(-3), before.Alarms.Single().Trigger!.Duration!.Value.ToTimeSpanUnspecified());
    }

    [Fact]
    public void LongAndAccentedTextIsFoldedAtSeventyFiveOctetsWithCrlfAndReadsBackWhole()
    {
        var question = string.Concat(Enumerable.Repeat("Quels systèmes algorithmiques utilisez-vous, et à quelles fins — « décisions » ? ", 6));
        var text = Writer().Write(Feed(Question("question-b-1@cogov", AfterTheChange, text: question)));

        var lines = text[..^2].Split("\r\n");
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.DoesNotContain(lines, line => line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal));
        var calendarEvent = IcalCalendar.Load(text)!.Events.Single();
        Assert.Contains(question, calendarEvent.Description, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://cogov.example.org/organisations/o/systems/s/cycles/2/questions/1"), calendarEvent.Url);
    }

    [Fact]
    public void AnEventThatNoLongerAppliesIsCancelledWithItsSequenceAndNoAlarm()
    {
        var text = Writer().Write(Feed(Question("question-c-1@cogov", AfterTheChange, alarm: AfterTheChange.AddDays(-3)) with { Cancelled = true, Sequence = 3 }));

        var calendarEvent = IcalCalendar.Load(text)!.Events.Single();
        Assert.Equal((Ical.Net.EventStatus.Cancelled, 3), (calendarEvent.Status, calendarEvent.Sequence));
        Assert.Empty(calendarEvent.Alarms);
    }

    private static FeedEvent Question(string uid, DateTimeOffset at, DateTimeOffset? alarm = null, string text = "What systems do you use?") =>
        new(uid, FeedEventKind.AnswerDue, at, 1, false, at.AddDays(-10), "s", "Système", 2, 1, text, alarm);

    private static CalendarFeedContent Feed(params FeedEvent[] events) =>
        new("o", "Organisation", "Person", CalendarFeedKind.Personal, Berlin, events);

    private static CalendarFeedWriter Writer()
    {
        var origin = new PublicOrigin(
            Options.Create(new PublicOriginOptions { PublicOrigin = "https://cogov.example.org" }),
            new HostingEnvironment { EnvironmentName = Environments.Production },
            server: null!);
        var localizers = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = Program.ResourcesPath }), NullLoggerFactory.Instance);
        return new CalendarFeedWriter(origin, new StringLocalizer<CalendarFeedWriter>(localizers), new FakeTimeProvider(AfterTheChange.AddDays(-20)));
    }
}
