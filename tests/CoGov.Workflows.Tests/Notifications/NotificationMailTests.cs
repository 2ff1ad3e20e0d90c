using System.Globalization;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>What each mail says, worded from real changes to Riverside's cycles.</summary>
public sealed class NotificationMailTests(NotificationMailTests.Changes changes) : IClassFixture<NotificationMailTests.Changes>
{
    private const string Organisation = "Riverside Municipal Hospital";
    private const string Rostering = "ShiftWise Rostering";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>One of every kind of notification, made once for the class: starting Riverside is the slow part.</summary>
    public sealed class Changes : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public IReadOnlyList<OutboxMessage> Outbox { get; private set; } = [];

        public async Task InitializeAsync()
        {
            App = await OutboxScenario.StartAsync();
            await App.ChangeAsync(c =>
            {
                var rostering = c.Rostering;
                var workers = c.Actor("amara-okafor");
                c.Screening.Send(1, c.Person("kwame-asante"), c.Now.AddDays(14), c.Actor("leila-haddad"), c.Now, c.Rules);
                rostering.Answer(6, "ShiftWise Predict is switched off on every ward until this committee has assessed it.", c.Answerer(rostering, 6), c.Now);
                rostering.RemindNow(7, workers, c.Now);
                rostering.RequestClarification(4, "Which wards were in the pilot, and who chose them?", workers, c.Now, c.Rules);
                rostering.RequestExtension(9, 3, "The appeals log is moving to the new HR system this week.", c.Answerer(rostering, 9), c.Now, c.Rules);
                rostering.RequestExtension(14, 2, "Calderbrook has not sent its bias audit yet.", c.Answerer(rostering, 14), c.Now, c.Rules);
                rostering.DecideExtension(14, grant: false, "The audit was promised for last month.", c.Actor("leila-haddad"), c.Now, c.Rules);
                rostering.Reassign(18, c.Person("helen-marsh"), "The director holds the vendor contract.", workers, c.Now);
                rostering.Challenge(13, "The answer does not say how bank staff were told about the change.", workers, c.Now, c.Organisation);
                // Three days on: the data-protection questions fall overdue and the older ones escalate to the chairs.
                rostering.PerformDueActions(c.Organisation, c.Rules, c.Now.AddDays(3));

                var sam = c.Organisation.AddPerson("sam-lee", "Sam Lee", Side.Management, "Deputy Director of Workforce Planning", "");
                c.Screening.Send(2, sam, c.Now.AddDays(14), c.Actor("leila-haddad"), c.Now, c.Rules);
            });
            Outbox = await App.OutboxAsync();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>
    /// Every kind a cycle raises about a question; the chairs' anchor mail is about the whole log (LedgerTests), and the
    /// sign-off mail about the whole cycle (its own test below).
    /// </summary>
    public static TheoryData<NotificationKind> Kinds =>
        [.. Enum.GetValues<NotificationKind>().Where(k => k is not (NotificationKind.LogAnchored or NotificationKind.SignOffDue))];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindsMailLinksTheQuestionsPageForItsRecipientInBothPartsAndNamesThePreferencesAsListUnsubscribe(NotificationKind kind)
    {
        var message = changes.Outbox.First(m => m.Kind == kind && m.QuestionNumber != 2);
        await using var scope = changes.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var system = await db.Assessments.Where(a => a.Id == message.AssessmentId)
            .Join(db.Systems, a => a.SystemId, s => s.Id, (a, s) => new { s.Key, a.Cycle }).SingleAsync();
        var links = new ExampleMailLinks();
        var link = (await links.QuestionAsync(message.RecipientPersonId, message.AssessmentId, Riverside.Key, system.Key, system.Cycle, message.QuestionNumber!.Value, CancellationToken.None))!.AbsoluteUri;
        var preferences = (await links.MailPreferencesAsync(message.RecipientPersonId, Riverside.Key, CancellationToken.None))!.AbsoluteUri;

        var mail = await OutboxScenario.Wording(scope.ServiceProvider).ComposeAsync(message, CancellationToken.None);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains($": {link}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link)}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Act on the question in CoGov itself", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<{preferences}>", mail.Headers[HeaderId.ListUnsubscribe]);
        Assert.Contains(preferences, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettlingTheLastQuestionMailsTheAccountableManagerTheSignOffPage()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.ChangeAsync(c =>
        {
            foreach (var question in c.Screening.Questions)
            {
                c.Screening.Withdraw(question.Number, "Screening is out of use this year.", c.Actor("leila-haddad"), c.Now);
            }
        });
        var message = Assert.Single(await app.OutboxAsync(), m => m.Kind == NotificationKind.SignOffDue);
        await using var scope = app.Services.CreateAsyncScope();
        var manager = await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Assessments
            .Where(a => a.Id == message.AssessmentId).Select(a => a.AccountableManagerId).SingleAsync();

        var mail = await OutboxScenario.Wording(scope.ServiceProvider).ComposeAsync(message, CancellationToken.None);

        Assert.Equal(manager, message.RecipientPersonId);
        Assert.Equal("Cycle 1 of CandidateMatch CV Screening is ready for your sign-off", mail.Subject);
        Assert.Contains("you can now sign it off for management", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Sign off cycle 1: {ExampleMailLinks.Origin}organisations/{Riverside.Key}/systems/{OutboxScenario.Screening}/cycles/1/sign-off?for=", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindNamesTheOrganisationSystemCycleQuestionDeadlineAndWhatWasRecorded(NotificationKind kind)
    {
        var message = changes.Outbox.First(m => m.Kind == kind && m.QuestionNumber != 2);
        await using var scope = changes.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var expected = await ExpectedAsync(db, message);

        var mail = await OutboxScenario.Wording(scope.ServiceProvider).ComposeAsync(message, CancellationToken.None);
        var body = mail.TextBody;

        Assert.Contains(expected.System, mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"question {message.QuestionNumber}", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(expected.RecipientAddress, Assert.Single(mail.To.Mailboxes).Address);
        Assert.StartsWith($"Dear {expected.RecipientName},", body, StringComparison.Ordinal);
        Assert.Contains(Organisation, body, StringComparison.Ordinal);
        Assert.Contains(expected.System, body, StringComparison.Ordinal);
        Assert.Contains($"cycle {expected.Cycle}", body, StringComparison.Ordinal);
        Assert.Contains($"Question {message.QuestionNumber}: {expected.QuestionText}", body, StringComparison.Ordinal);
        Assert.Contains($", recorded {When(expected.Entry.At)} by {expected.Entry.ActorName}:", body, StringComparison.Ordinal);
        Assert.All(expected.Entry.Text.ReplaceLineEndings("\n").Split('\n'), line => Assert.Contains(line, body, StringComparison.Ordinal));
        if (kind is NotificationKind.Answered or NotificationKind.Challenged or NotificationKind.ReassignedAway)
        {
            Assert.DoesNotContain(" due ", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"due {When(expected.Deadline!.Value)}", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SubjectsSayWhatHappenedInTheCommitteesWords()
    {
        var subjects = new Dictionary<(NotificationKind, int?), string>();
        await using var scope = changes.App.Services.CreateAsyncScope();
        var wording = OutboxScenario.Wording(scope.ServiceProvider);
        foreach (var message in changes.Outbox.Where(m => m.QuestionNumber != 2))
        {
            subjects.TryAdd((message.Kind, message.QuestionNumber), (await wording.ComposeAsync(message, CancellationToken.None)).Subject ?? "");
        }

        Assert.Equal("Question 1 about CandidateMatch CV Screening is waiting for your answer", subjects[(NotificationKind.QuestionArrived, 1)]);
        Assert.Equal($"Question 6 about {Rostering} has been answered", subjects[(NotificationKind.Answered, 6)]);
        // Question 7 was due on Tuesday 17 November; the steward's reminder comes after that.
        Assert.Equal($"Reminder: question 7 about {Rostering} was due 17 November 2026", subjects[(NotificationKind.Reminder, 7)]);
        Assert.Equal($"Question 10 about {Rostering} is overdue", subjects[(NotificationKind.Overdue, 10)]);
        Assert.Equal($"Clarification asked on question 4 about {Rostering}", subjects[(NotificationKind.ClarificationRequested, 4)]);
        Assert.Equal($"More time asked for question 9 about {Rostering}", subjects[(NotificationKind.ExtensionRequested, 9)]);
        Assert.Equal($"More time refused for question 14 about {Rostering}", subjects[(NotificationKind.ExtensionDecided, 14)]);
        Assert.Equal($"Answer to question 13 about {Rostering} challenged", subjects[(NotificationKind.Challenged, 13)]);
        Assert.Equal($"Question 18 about {Rostering} is no longer yours to answer", subjects[(NotificationKind.ReassignedAway, 18)]);
    }

    [Fact]
    public async Task AReminderAfterTheDeadlineSaysTheAnswerIsOverdueAndOneBeforeItSaysWhenItIsDue()
    {
        await using var scope = changes.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var wording = OutboxScenario.Wording(scope.ServiceProvider);
        var reminder = changes.Outbox.Single(m => m.Kind == NotificationKind.Reminder && m.QuestionNumber == 7);
        var arrived = changes.Outbox.Single(m => m.Kind == NotificationKind.QuestionArrived && m.QuestionNumber == 1);
        Task<DateTimeOffset?> DeadlineAsync(OutboxMessage m) =>
            db.QuestionItems.Where(q => q.AssessmentId == m.AssessmentId && q.Number == m.QuestionNumber).Select(q => q.Deadline).SingleAsync();
        var passed = (await DeadlineAsync(reminder))!.Value;
        var toCome = (await DeadlineAsync(arrived))!.Value;

        var late = await wording.ComposeAsync(reminder, CancellationToken.None);
        var early = await wording.ComposeAsync(arrived, CancellationToken.None);

        Assert.True(passed < TestApp.Now && toCome > TestApp.Now);
        Assert.Contains($"Your answer was due {When(passed)} and is overdue.", late.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Your answer is due {When(toCome)}.", early.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEscalationTellsTheManagerItEscalatedAndTellsTheSuperiorItIsTheirsNow()
    {
        await using var scope = changes.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var escalation = await db.LogEntries.AsNoTracking()
            .Where(e => e.Kind == LogEntryKind.Escalated && e.QuestionNumber == 3 && e.Text.Contains("Helen Marsh"))
            .OrderByDescending(e => e.Sequence)
            .FirstAsync();
        var helen = await db.People.Where(p => p.Key == "helen-marsh").Select(p => p.Id).SingleAsync();
        var toSuperior = changes.Outbox.Single(m => m.LogEntryId == escalation.Id && m.RecipientPersonId == helen);
        var toManager = changes.Outbox.Single(m => m.LogEntryId == escalation.Id && m.RecipientPersonId != helen);
        var wording = OutboxScenario.Wording(scope.ServiceProvider);

        var superior = await wording.ComposeAsync(toSuperior, CancellationToken.None);
        var manager = await wording.ComposeAsync(toManager, CancellationToken.None);

        Assert.Equal($"Escalated to you: question 3 about {Rostering} is overdue", superior.Subject);
        Assert.Contains("Daniel Reyes has not answered question 3", superior.TextBody, StringComparison.Ordinal);
        Assert.Equal($"Question 3 about {Rostering} has been escalated", manager.Subject);
        Assert.Equal(DemoLogins.Daniel, Assert.Single(manager.To.Mailboxes).Address);
    }

    [Fact]
    public async Task TheMessageIdIsTheOutboxIdsSoASecondCopyCanBeDropped()
    {
        var message = changes.Outbox.First(m => m.Kind == NotificationKind.Answered);
        await using var scope = changes.App.Services.CreateAsyncScope();
        var wording = OutboxScenario.Wording(scope.ServiceProvider, new MailOptions { From = "Joint Committee <committee@riverside-hospital.example>" });

        var first = await wording.ComposeAsync(message, CancellationToken.None);
        var again = await wording.ComposeAsync(message, CancellationToken.None);

        Assert.Equal($"{message.Id:D}@riverside-hospital.example", first.MessageId);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(message.CreatedAt, first.Date);
        Assert.Equal(new MailboxAddress("Joint Committee", "committee@riverside-hospital.example"), Assert.Single(first.From.Mailboxes));
        Assert.Equal("auto-generated", first.Headers["Auto-Submitted"]);
        Assert.Equal(DemoLogins.Leila, Assert.Single(first.To.Mailboxes).Address);
    }

    [Fact]
    public async Task ARecipientWithoutAnAddressIsUndeliverableAndTheErrorSaysWho()
    {
        var message = changes.Outbox.Single(m => m.QuestionNumber == 2);
        await using var scope = changes.App.Services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<UndeliverableMailException>(() =>
            OutboxScenario.Wording(scope.ServiceProvider).ComposeAsync(message, CancellationToken.None));

        Assert.Equal("Sam Lee has no e-mail address in CoGov; add one to their record and the mail goes at its next attempt.", error.Message);
    }

    private sealed record Expected(string RecipientName, string RecipientAddress, string System, int Cycle, string QuestionText, DateTimeOffset? Deadline, LogEntry Entry);

    private static async Task<Expected> ExpectedAsync(CoGovDbContext db, OutboxMessage message)
    {
        var recipient = await db.People.AsNoTracking().SingleAsync(p => p.Id == message.RecipientPersonId);
        var cycle = await db.Assessments.AsNoTracking().Include(a => a.Questions).SingleAsync(a => a.Id == message.AssessmentId);
        var system = await db.Systems.Where(s => s.Id == cycle.SystemId).Select(s => s.Name).SingleAsync();
        var template = await db.Templates.AsNoTracking().Include(t => t.Themes).ThenInclude(t => t.Questions).SingleAsync(t => t.Id == cycle.TemplateId);
        var question = template.Questions.Single(q => q.Number == message.QuestionNumber);
        var entry = await db.LogEntries.AsNoTracking().SingleAsync(e => e.Id == message.LogEntryId);
        return new Expected(recipient.Name, recipient.Email, system, cycle.Cycle, question.Text.In("en"),
            cycle.Question(message.QuestionNumber!.Value).Deadline, entry);
    }

    private static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, London).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + " (Europe/London)";
}
