using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>
/// The daily digest, sent by the real sender from Riverside's real outbox: what may wait is held and goes as one mail at
/// the hour; what a deadline hangs on goes at once; every held message goes exactly once.
/// </summary>
public sealed class DigestTests
{
    /// <summary>The morning after <see cref="TestApp.Now"/> (Monday 23 November 2026, 09:30 UTC) at 08:00 in London, on GMT.</summary>
    private static readonly DateTimeOffset DigestHour = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static Task<Guid> PersonIdAsync(TestApp app, string key) =>
        app.WithDbAsync(db => db.People.Where(p => p.Key == key).Select(p => p.Id).SingleAsync());

    private static async Task ChooseAsync(TestApp app, string personKey, MailDelivery delivery) =>
        await app.SendAsync(new ChangeMailPreference(Riverside.Key, delivery, await PersonIdAsync(app, personKey)));

    [Fact]
    public async Task ADigestPersonGetsOneMailWithEveryHeldMessageAtTheHourWhileOverdueMailGoesAtOnce()
    {
        await using var app = await OutboxScenario.StartAsync();
        await ChooseAsync(app, "kwame-asante", MailDelivery.DailyDigest);
        await app.SendScreeningQuestionsAsync(3);
        // A fourth question due in two hours: its arrival cannot wait until tomorrow.
        await app.ChangeAsync(c => c.Screening.Send(4, c.Person("kwame-asante"), c.Now.AddHours(2), c.Actor("leila-haddad"), c.Now, c.Rules));
        var transport = new RecordingTransport();

        var first = await app.SendDueAsync(transport);

        Assert.Equal(3, first.Held);
        Assert.Equal(1, first.Sent);
        Assert.Equal("Question 4 about CandidateMatch CV Screening is waiting for your answer", Assert.Single(transport.Delivered).Message.Subject);

        // Three hours on the fourth is overdue: the sweep raises it, and it goes at once, digest or not.
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.ChangeAsync(c => c.Screening.PerformDueActions(c.Organisation, c.Rules, c.Now));
        var overdue = await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == NotificationKind.Overdue && m.SentAt == null));
        Assert.True(overdue > 0);
        var second = await app.SendDueAsync(transport);
        Assert.Equal(0, second.Held);
        Assert.Contains(transport.Delivered, d => d.Message.Subject == "Question 4 about CandidateMatch CV Screening is overdue");
        var before = transport.Delivered.Count;
        Assert.Equal(1 + second.Sent, before);

        app.Clock.SetUtcNow(DigestHour);
        var digestRound = await app.SendDueAsync(transport);

        Assert.Equal(1, digestRound.Digests);
        Assert.Equal(3, digestRound.Sent);
        var digest = Assert.Single(transport.Delivered.Skip(before)).Message;
        Assert.Equal("Your CoGov digest for Riverside Municipal Hospital: 3 messages", digest.Subject);
        Assert.Equal("kwame.asante@riverside-hospital.example", Assert.Single(digest.To.Mailboxes).Address);
        foreach (var number in new[] { 1, 2, 3 })
        {
            Assert.Contains($"Question {number} about CandidateMatch CV Screening is waiting for your answer", digest.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/cycles/1/questions/{number}?for=", digest.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/cycles/1/questions/{number}?for=", digest.HtmlBody, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Question 4", digest.TextBody, StringComparison.Ordinal);
        var held = await app.WithDbAsync(db => db.Outbox.Where(m => m.HeldUntil != null).ToListAsync());
        Assert.Equal(3, held.Count);
        Assert.All(held, m => Assert.Equal((DigestHour, 1, (DateTimeOffset?)null), (m.SentAt!.Value, m.Attempts, m.NextAttemptAt)));
    }

    [Fact]
    public async Task EachHeldMessageGoesInExactlyOneDigestAcrossTwoDigestRuns()
    {
        await using var app = await OutboxScenario.StartAsync();
        await ChooseAsync(app, "kwame-asante", MailDelivery.DailyDigest);
        await app.SendScreeningQuestionsAsync(2);
        var transport = new RecordingTransport();
        Assert.Equal(2, (await app.SendDueAsync(transport)).Held);

        app.Clock.SetUtcNow(DigestHour);
        var firstRun = await app.SendDueAsync(transport);
        var secondRun = await app.SendDueAsync(transport);
        app.Clock.SetUtcNow(DigestHour.AddDays(1));
        var nextDay = await app.SendDueAsync(transport);

        Assert.Equal((1, 2), (firstRun.Digests, firstRun.Sent));
        Assert.Equal((0, 0, 0), (secondRun.Due, nextDay.Due, nextDay.Digests));
        Assert.Single(transport.Delivered);
    }

    [Fact]
    public async Task ADigestHandedOnButNotMarkedSentGoesAgainWithTheSameMessagesUnderTheSameMessageId()
    {
        await using var app = await OutboxScenario.StartAsync();
        await ChooseAsync(app, "kwame-asante", MailDelivery.DailyDigest);
        await app.SendScreeningQuestionsAsync(2);
        using var folder = new TempFolder();
        var transport = new LostAfterWritingTransport(new PickupFolderMailTransport(folder.Path));
        await app.SendDueAsync(transport);

        app.Clock.SetUtcNow(DigestHour);
        var lost = await app.SendDueAsync(transport);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await app.SendDueAsync(transport);

        Assert.Equal((0, 2), (lost.Sent, lost.Failed));
        Assert.Equal((1, 2), (again.Digests, again.Sent));
        Assert.Equal(2, transport.Handed.Count);
        Assert.Equal(transport.Handed[0].MessageId, transport.Handed[1].MessageId);
        Assert.Equal(transport.Handed[0].OutboxId, transport.Handed[1].OutboxId);
        Assert.Equal(transport.Handed[0].TextBody, transport.Handed[1].TextBody);
        // The pickup folder holds the digest once: the second write replaced the first.
        Assert.Single(folder.Files("*.eml"));
        var messages = await app.WithDbAsync(db => db.Outbox.Where(m => m.HeldUntil != null).ToListAsync());
        Assert.All(messages, m => Assert.Equal(2, m.Attempts));
        Assert.All(messages, m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task ChoosingEveryMailAgainSendsWhatWaitedForTheDigestAtTheNextRound()
    {
        await using var app = await OutboxScenario.StartAsync();
        await ChooseAsync(app, "kwame-asante", MailDelivery.DailyDigest);
        await app.SendScreeningQuestionsAsync(2);
        var transport = new RecordingTransport();
        Assert.Equal(2, (await app.SendDueAsync(transport)).Held);

        await ChooseAsync(app, "kwame-asante", MailDelivery.EveryMail);
        var round = await app.SendDueAsync(transport);

        Assert.Equal((2, 0, 0), (round.Sent, round.Held, round.Digests));
        Assert.Equal(2, transport.Delivered.Count);
        Assert.All(transport.Delivered, d => Assert.StartsWith("Question ", d.Message.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PeopleWhoChoseNothingGetEveryMailAsItHappens()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(2);
        var transport = new RecordingTransport();

        var round = await app.SendDueAsync(transport);

        Assert.Equal((2, 0), (round.Sent, round.Held));
    }

    [Fact]
    public async Task APersonChangesTheirOwnMailPreferenceSignedInButCannotNameAnotherPerson()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var kwame = await app.UserAsync(Riverside.Kwame);
        var priya = await PersonIdAsync(app, "priya-nair");

        await app.SendAsync(new ChangeMailPreference(Riverside.Key, MailDelivery.DailyDigest), kwame);
        var mine = await app.SendAsync(new GetMailPreference(Riverside.Key), kwame);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeMailPreference(Riverside.Key, MailDelivery.DailyDigest, priya), kwame));

        Assert.Equal(("Kwame Asante", MailDelivery.DailyDigest), (mine.PersonName, mine.Delivery));
        var stored = await app.WithDbAsync(db => db.MailPreferences.Select(p => p.PersonId).ToListAsync());
        Assert.Equal([await PersonIdAsync(app, "kwame-asante")], stored);
    }

    [Theory]
    [InlineData("2026-11-23T09:30:00Z", 8, "2026-11-24T08:00:00Z")]
    [InlineData("2026-11-23T07:59:00Z", 8, "2026-11-23T08:00:00Z")]
    // British Summer Time: 08:00 in London is 07:00 UTC.
    [InlineData("2026-07-01T12:00:00Z", 8, "2026-07-02T07:00:00Z")]
    // The night the clocks go forward, 01:00 does not exist in London: the digest goes at 02:00 BST, 01:00 UTC.
    [InlineData("2027-03-27T12:00:00Z", 1, "2027-03-28T01:00:00Z")]
    public void TheDigestGoesAtTheConfiguredHourOnTheOrganisationsClock(string now, int hour, string expected)
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var at = DigestRule.NextDigestAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), london, hour);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData(NotificationKind.Overdue, null, true)]
    [InlineData(NotificationKind.Escalation, null, true)]
    [InlineData(NotificationKind.LogAnchored, null, true)]
    [InlineData(NotificationKind.QuestionArrived, 23, true)]
    [InlineData(NotificationKind.QuestionArrived, 25, false)]
    [InlineData(NotificationKind.Reminder, -5, true)]
    [InlineData(NotificationKind.Answered, null, false)]
    [InlineData(NotificationKind.SignOffDue, null, false)]
    public void DeadlineMailNeverWaitsForTheDigest(NotificationKind kind, int? hoursToDeadline, bool atOnce)
    {
        var now = TestApp.Now;

        Assert.Equal(atOnce, DigestRule.MustGoAtOnce(kind, hoursToDeadline is { } hours ? now.AddHours(hours) : null, now));
    }

    /// <summary>Writes the mail through a real transport, then fails as if CoGov stopped before marking it sent.</summary>
    private sealed class LostAfterWritingTransport(IMailTransport inner) : IMailTransport
    {
        public List<(Guid OutboxId, string? MessageId, string? TextBody)> Handed { get; } = [];

        public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(outboxId, message, cancellationToken);
            Handed.Add((outboxId, message.MessageId, message.TextBody));
            if (Handed.Count == 1)
            {
                throw new IOException("The process stopped before the outbox recorded the mail as sent.");
            }
        }
    }
}
