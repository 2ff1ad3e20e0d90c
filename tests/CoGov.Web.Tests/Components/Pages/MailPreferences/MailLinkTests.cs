using System.Net;
using System.Text.RegularExpressions;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Components.Pages.MailPreferences;

/// <summary>
/// Every kind of mail CoGov sends, made by real changes to the demo hospital and delivered by the real sender to the
/// pickup folder; its link, opened by its recipient signed in, shows what the mail is about and offers the action.
/// </summary>
public sealed partial class MailLinkTests(MailLinkTests.Delivered delivered) : IClassFixture<MailLinkTests.Delivered>
{
    /// <summary>The demo app, one of every kind of mail raised in it, and the outbox delivered to its pickup folder.</summary>
    public sealed class Delivered : CoGovWebApp, IAsyncLifetime
    {
        public IReadOnlyList<OutboxMessage> Outbox { get; private set; } = [];

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
                var organisation = await db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
                    .SingleAsync(o => o.Key == DemoLogins.Organisation);
                var rules = (await db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id)).Deadlines;
                var rostering = await CycleAsync(db, "rostering", 2);
                var screening = await CycleAsync(db, "applicant-screening", 1);
                var now = Clock.GetUtcNow();
                Person Person(string key) => organisation.FindPerson(key)!;
                Actor As(string key) => organisation.ActorFor(Person(key).Id);
                Actor Answerer(int number) => organisation.ActorFor(rostering.Question(number).AssigneeId!.Value);

                rostering.Answer(6, "ShiftWise Predict is switched off on every ward.", Answerer(6), now);
                rostering.RemindNow(7, As("amara-okafor"), now);
                rostering.RequestClarification(4, "Which wards were in the pilot?", As("amara-okafor"), now, rules);
                rostering.RequestExtension(9, 3, "The appeals log is moving.", Answerer(9), now, rules);
                rostering.RequestExtension(14, 2, "Calderbrook has not sent its audit.", Answerer(14), now, rules);
                rostering.DecideExtension(14, grant: true, "Granted once.", As("leila-haddad"), now, rules);
                rostering.Reassign(18, Person("helen-marsh"), "The director holds the contract.", As("amara-okafor"), now);
                rostering.Challenge(13, "Bank staff were not told.", As("amara-okafor"), now, organisation);
                // Three days on, the overdue questions escalate: the sweep's mail is written at that moment, and sent then.
                Clock.Advance(TimeSpan.FromDays(3));
                rostering.PerformDueActions(organisation, rules, Clock.GetUtcNow());
                foreach (var question in screening.Questions)
                {
                    screening.Withdraw(question.Number, "Screening is out of use this year.", As("leila-haddad"), now);
                }
                // The chairs' anchor mail, as the workflows raise it when a cycle is signed off.
                var signedOff = await CycleAsync(db, "rostering", 1);
                foreach (var chair in organisation.Committee.Seats.Where(s => s.Role == CommitteeRole.Chair))
                {
                    db.Outbox.Add(new OutboxMessage(new Notification(NotificationKind.LogAnchored, chair.PersonId, signedOff.Id, null, signedOff.Log[^1])));
                }
                await db.SaveChangesAsync();
            }
            for (var round = 0; round < 20; round++)
            {
                await using var scope = Services.CreateAsyncScope();
                if ((await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).Due == 0)
                {
                    break;
                }
            }
            await using (var scope = Services.CreateAsyncScope())
            {
                Outbox = await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Outbox.AsNoTracking().ToListAsync();
            }
        }

        public MimeMessage Mail(OutboxMessage message) => MimeMessage.Load(Path.Combine(MailFolder, $"{message.Id:D}.eml"));

        private static async Task<Assessment> CycleAsync(CoGovDbContext db, string systemKey, int cycle)
        {
            var systemId = await db.Systems.Where(s => s.Key == systemKey).Select(s => s.Id).SingleAsync();
            return await db.Assessments.Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs)
                .SingleAsync(a => a.SystemId == systemId && a.Cycle == cycle);
        }
    }

    public static TheoryData<NotificationKind> Kinds => [.. Enum.GetValues<NotificationKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKindsMailLinksAPageThatShowsItsRecipientWhatItIsAboutAndOffersTheAction(NotificationKind kind)
    {
        // Question 14's request for more time was decided at once; question 9's still waits on the workers' side.
        var message = delivered.Outbox.First(m => m.Kind == kind && (kind != NotificationKind.ExtensionRequested || m.QuestionNumber == 9));
        Assert.NotNull(message.SentAt);
        var mail = delivered.Mail(message);
        var recipient = Assert.Single(mail.To.Mailboxes).Address;
        var link = ActionLink(mail);

        using var client = await delivered.SignedInClientAsync(recipient);
        var response = await client.GetAsync(link.PathAndQuery);
        var page = await CoGovWebApp.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));
        var main = page.QuerySelector("main")!.TextContent;
        switch (kind)
        {
            case NotificationKind.LogAnchored:
                Assert.EndsWith("/systems/rostering?cycle=1", link.PathAndQuery, StringComparison.Ordinal);
                Assert.Contains("ShiftWise Rostering", main, StringComparison.Ordinal);
                break;
            case NotificationKind.SignOffDue:
                Assert.EndsWith("/systems/applicant-screening/cycles/1/sign-off", link.PathAndQuery, StringComparison.Ordinal);
                Assert.NotNull(page.NamedForm("sign-off"));
                break;
            default:
                Assert.EndsWith($"/cycles/2/questions/{message.QuestionNumber}", link.AbsolutePath, StringComparison.Ordinal);
                Assert.Contains($"Question {message.QuestionNumber}", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
                if (ExpectedForm(kind, message, recipient) is { } form)
                {
                    Assert.True(page.NamedForm(form) is not null, $"{kind} to {recipient}: no {form} form on {link}.");
                }
                break;
        }
    }

    [Fact]
    public async Task EveryMailHasAPlainAndAnHtmlPartAndAPreferencesLinkFromThePublicOrigin()
    {
        Assert.All(delivered.Outbox, message =>
        {
            var mail = delivered.Mail(message);
            var parts = Assert.IsType<MultipartAlternative>(mail.Body);
            Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
            var unsubscribe = mail.Headers[HeaderId.ListUnsubscribe]!;
            Assert.Matches("^<http://localhost/organisations/riverside-hospital/mail-preferences\\?link=[^>]+>$", unsubscribe);
            Assert.Contains(unsubscribe[1..^1], mail.TextBody, StringComparison.Ordinal);
        });
    }

    /// <summary>The form the recipient acts with, where the kind of mail calls for one.</summary>
    private static string? ExpectedForm(NotificationKind kind, OutboxMessage message, string recipient) => kind switch
    {
        NotificationKind.QuestionArrived or NotificationKind.Reminder or NotificationKind.ClarificationRequested => "answer",
        NotificationKind.Overdue => "answer",
        NotificationKind.ExtensionDecided => "answer",
        NotificationKind.Answered => "accept",
        NotificationKind.ExtensionRequested => "decide-more-time",
        NotificationKind.Challenged => "resolve",
        _ => null,
    };

    /// <summary>The mail's action link, as the plain part writes it out; the HTML part's button must lead to the same.</summary>
    private static Uri ActionLink(MimeMessage mail)
    {
        var text = mail.TextBody!;
        var match = ActionLine().Matches(text).Select(m => m.Groups["link"].Value).First(l => !l.Contains("/mail-preferences", StringComparison.Ordinal));
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(match)}\"", mail.HtmlBody, StringComparison.Ordinal);
        return new Uri(match);
    }

    [GeneratedRegex(@"^[^\r\n]+: (?<link>https?://\S+)\r?$", RegexOptions.Multiline)]
    private static partial Regex ActionLine();
}
