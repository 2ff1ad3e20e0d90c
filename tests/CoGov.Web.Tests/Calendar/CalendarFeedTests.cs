using System.Net;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Calendar;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Questions;
using CoGov.Web.Components.Pages.Calendar;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Web.Tests.Calendar.CalendarFeedSteps;

namespace CoGov.Web.Tests.Calendar;

/// <summary>
/// The personal feed as a manager's phone reads it: made on the page, fetched without a cookie, parsed by Ical.Net, in the
/// organisation's time zone, and following the question as its deadline moves and as it is answered.
/// </summary>
public sealed class CalendarFeedTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    /// <summary>Not London, whose winter is UTC: New York, five hours behind in November and four from 14 March 2027.</summary>
    private const string Zone = "America/New_York";

    [Fact]
    public async Task AManagersFeedHoldsOneEventPerOpenQuestionTheyOweAtItsDeadlineInTheOrganisationsTimeZone()
    {
        await MoveTheOrganisationToAsync(Zone);
        var address = await MakeAddressAsync(app, DemoLogins.Daniel, R);

        var (text, calendar) = await ReadAsync(app, address);

        var owed = await OwedByAsync(DemoLogins.Daniel);
        Assert.NotEmpty(owed);
        var open = calendar.Events.Where(e => e.Uid!.StartsWith("question-", StringComparison.Ordinal) && e.Status == Ical.Net.EventStatus.Confirmed).ToList();
        Assert.Equal(owed.Select(q => Uid(q.AssessmentId, q.Number)).Order(), open.Select(e => e.Uid).Order());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        foreach (var question in owed)
        {
            var calendarEvent = open.Single(e => e.Uid == Uid(question.AssessmentId, question.Number));
            Assert.Equal(Zone, calendarEvent.DtStart!.TzId);
            Assert.True(calendarEvent.DtStart.HasTime, "A deadline is a moment, not an all-day event.");
            Assert.Equal(TimeZoneInfo.ConvertTime(question.Deadline, zone).DateTime, calendarEvent.DtStart.Value);
            Assert.Equal(question.Deadline.UtcDateTime, calendarEvent.DtStart.AsUtc);
            Assert.Contains("Answer due: question " + question.Number, calendarEvent.Summary, StringComparison.Ordinal);
            Assert.Contains($"http://localhost/organisations/{R}/systems/", calendarEvent.Description, StringComparison.Ordinal);
            // The alarm comes at the policy's first reminder, before the deadline.
            var alarm = Assert.Single(calendarEvent.Alarms);
            Assert.True(alarm.Trigger!.Duration!.Value.ToTimeSpanUnspecified() < TimeSpan.Zero);
        }
        Assert.Contains($"BEGIN:VTIMEZONE\r\nTZID:{Zone}\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART;TZID={Zone}:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenMoreTimeIsGrantedTheEventMovesToTheNewDeadlineAndItsSequenceRises()
    {
        var address = await MakeAddressAsync(app, DemoLogins.Daniel, R);
        var question = (await OwedByAsync(DemoLogins.Daniel)).First(q => q.State == QuestionState.Sent && q.System == "rostering" && q.Cycle == 2);
        var before = EventOf((await ReadAsync(app, address)).Calendar, question);

        await SendAsAsync(app, DemoLogins.Daniel, new RequestExtension(R, "rostering", 2, question.Number, 5, "Waiting on the vendor."));
        await SendAsAsync(app, DemoLogins.Amara, new DecideExtension(R, "rostering", 2, question.Number, true, "Granted."));

        var after = EventOf((await ReadAsync(app, address)).Calendar, question);
        var moved = (await OwedByAsync(DemoLogins.Daniel)).Single(q => q.AssessmentId == question.AssessmentId && q.Number == question.Number);
        Assert.True(moved.Deadline > question.Deadline);
        Assert.Equal(moved.Deadline.UtcDateTime, after.DtStart!.AsUtc);
        Assert.True(after.Sequence > before.Sequence, $"SEQUENCE stayed at {after.Sequence}.");
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(Ical.Net.EventStatus.Confirmed, after.Status);
    }

    [Fact]
    public async Task AnAnsweredQuestionsEventIsCancelledWithAHigherSequence()
    {
        var address = await MakeAddressAsync(app, DemoLogins.Daniel, R);
        var question = (await OwedByAsync(DemoLogins.Daniel)).Last(q => q.State == QuestionState.Sent);
        var before = EventOf((await ReadAsync(app, address)).Calendar, question);

        await SendAsAsync(app, DemoLogins.Daniel, new AnswerQuestion(R, question.System, question.Cycle, question.Number, "The vendor's documentation is attached."));

        var after = EventOf((await ReadAsync(app, address)).Calendar, question);
        Assert.Equal(Ical.Net.EventStatus.Cancelled, after.Status);
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal(before.DtStart!.AsUtc, after.DtStart!.AsUtc);
    }

    [Fact]
    public async Task AQuestionReassignedAwayIsCancelledInTheFormerManagersFeedAndAppearsInTheNewOnes()
    {
        var daniels = await MakeAddressAsync(app, DemoLogins.Daniel, R);
        var kwames = await MakeAddressAsync(app, DemoLogins.Kwame, R);
        var question = (await OwedByAsync(DemoLogins.Daniel)).First(q => q.State == QuestionState.Sent && q.System == "rostering");
        var before = EventOf((await ReadAsync(app, daniels)).Calendar, question);

        await SendAsAsync(app, DemoLogins.Amara, new ReassignQuestion(R, question.System, question.Cycle, question.Number, "kwame-asante", "Kwame runs the rota team now."));

        var left = EventOf((await ReadAsync(app, daniels)).Calendar, question);
        Assert.Equal(Ical.Net.EventStatus.Cancelled, left.Status);
        Assert.True(left.Sequence > before.Sequence);
        var arrived = EventOf((await ReadAsync(app, kwames)).Calendar, question);
        Assert.Equal(Ical.Net.EventStatus.Confirmed, arrived.Status);
        Assert.Equal(question.Deadline.UtcDateTime, arrived.DtStart!.AsUtc);
    }

    [Fact]
    public async Task AStewardsFeedListsTheQuestionsTheySentThatAwaitAnAnswer()
    {
        // Leila sent the rostering cycle's questions.
        var address = await MakeAddressAsync(app, DemoLogins.Leila, R);

        var (_, calendar) = await ReadAsync(app, address);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var leila = await db.People.Where(p => p.Email == DemoLogins.Leila).Select(p => p.Id).SingleAsync();
        var chased = await db.QuestionItems
            .Where(q => q.SentById == leila && (q.State == QuestionState.Sent || q.State == QuestionState.ClarificationRequested || q.State == QuestionState.ExtensionRequested))
            .Where(q => db.Assessments.Any(a => a.Id == q.AssessmentId && a.State != AssessmentState.SignedOff))
            .Select(q => new { q.AssessmentId, q.Number })
            .ToListAsync();
        Assert.NotEmpty(chased);
        var open = calendar.Events.Where(e => e.Uid!.StartsWith("question-", StringComparison.Ordinal) && e.Status == Ical.Net.EventStatus.Confirmed).ToList();
        Assert.Equal(chased.Select(q => Uid(q.AssessmentId, q.Number)).Order(), open.Select(e => e.Uid).Order());
        Assert.All(open, e => Assert.StartsWith("Answer expected: question", e.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCommitteesFeedListsEveryCycleNotSignedOffAndIsOfferedOnlyToTheCommittee()
    {
        var address = await MakeAddressAsync(app, DemoLogins.Leila, R, CalendarFeedKind.Committee);

        var (_, calendar) = await ReadAsync(app, address);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var hospital = await db.Organisations.Where(o => o.Key == R).Select(o => o.Id).SingleAsync();
        var open = await db.Assessments.Where(a => a.OrganisationId == hospital && a.State != AssessmentState.SignedOff).Select(a => a.Id).ToListAsync();
        Assert.NotEmpty(open);
        Assert.Equal(open.Select(id => $"cycle-{id:N}@cogov").Order(),
            calendar.Events.Where(e => e.Uid!.StartsWith("cycle-", StringComparison.Ordinal) && e.Status == Ical.Net.EventStatus.Confirmed).Select(e => e.Uid).Order());
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.StartsWith("question-", StringComparison.Ordinal));

        // Kwame has no seat and no chair's role: the page offers him his own feed only.
        using var kwame = await app.SignedInClientAsync(DemoLogins.Kwame);
        var page = await CoGovWebApp.ParseAsync(await kwame.GetAsync("/" + CalendarFeeds.Url(R)));
        Assert.NotNull(page.QuerySelector("[data-feed=Personal]"));
        Assert.Null(page.QuerySelector("[data-feed=Committee]"));
    }

    [Fact]
    public async Task AMadeAddressIsShownOnceAndANewOneOrStoppingItMakesTheOldOneAnswer404()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Priya);
        var first = await MakeAddressAsync(client, R);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, first)).StatusCode);
        // Only its hash is kept: the page never shows the address again.
        var later = await (await client.GetAsync("/" + CalendarFeeds.Url(R))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(first, later, StringComparison.Ordinal);
        Assert.DoesNotContain(first[(first.LastIndexOf('/') + 1)..^4], await StoredAsync(), StringComparison.Ordinal);

        var second = await MakeAddressAsync(client, R);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, second)).StatusCode);

        var stopped = await StopAsync(app, DemoLogins.Priya, R);
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, second)).StatusCode);
    }

    [Fact]
    public async Task AnUnchangedFeedAnswers304ToTheETagTheCalendarAlreadyHas()
    {
        var address = await MakeAddressAsync(app, DemoLogins.Kwame, R);
        var first = await FetchAsync(app, address);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.IfNoneMatch.Add(etag);
        var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private static string Uid(Guid cycle, int number) => $"question-{cycle:N}-{number}@cogov";

    private static CalendarEvent EventOf(Ical.Net.Calendar calendar, Owed question) =>
        calendar.Events.Single(e => e.Uid == Uid(question.AssessmentId, question.Number));

    private sealed record Owed(Guid AssessmentId, string System, int Cycle, int Number, QuestionState State, DateTimeOffset Deadline);

    /// <summary>What the person owes, read straight from the database: routed to them or delegated, with the manager, in a cycle not signed off.</summary>
    private async Task<List<Owed>> OwedByAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var person = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        var rows = await (
                from q in db.QuestionItems
                join a in db.Assessments on q.AssessmentId equals a.Id
                join s in db.Systems on a.SystemId equals s.Id
                where (q.AssigneeId == person || q.DelegateId == person) && a.State != AssessmentState.SignedOff
                where q.State == QuestionState.Sent || q.State == QuestionState.ClarificationRequested || q.State == QuestionState.ExtensionRequested
                select new { q.AssessmentId, System = s.Key, a.Cycle, q.Number, q.State, q.Deadline })
            .ToListAsync();
        return [.. rows.Select(r => new Owed(r.AssessmentId, r.System, r.Cycle, r.Number, r.State, r.Deadline!.Value)).OrderBy(r => r.Deadline)];
    }

    /// <summary>Every value the database holds, as text, to look for a secret in.</summary>
    private async Task<string> StoredAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var feeds = await db.CalendarFeeds.AsNoTracking().ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Select(a => a.Text).ToListAsync();
        return string.Join("\n", feeds.Select(f => $"{f.Id} {f.TokenHash}").Concat(audit));
    }

    private async Task MoveTheOrganisationToAsync(string zone)
    {
        var policy = (PolicyForm)(await SendAsAsync(app, DemoLogins.Admin, new GetPolicyForm(R)))!;
        await SendAsAsync(app, DemoLogins.Admin, new ChangeWorkingCalendar(R, policy.Version, zone, policy.Spec.Holidays));
    }
}
