using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>
/// Riverside with real changes made through the domain, so the outbox holds what the app would write, and senders
/// built by hand around whatever transport a test needs.
/// </summary>
internal static class OutboxScenario
{
    public const string Screening = "applicant-screening";
    public const string Rostering = "rostering";

    /// <summary>
    /// Riverside imported (which mails nobody), with the app's own background delivery stopped if it has one, so only the
    /// senders a test runs touch the outbox.
    /// </summary>
    public static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartWithRiversideAsync();
        foreach (var delivery in app.Services.GetServices<IHostedService>().OfType<OutboxDelivery>())
        {
            await delivery.StopAsync(CancellationToken.None);
        }
        return app;
    }

    /// <summary>A change to the organisation's data and cycles, saved as the app saves one (outbox rows and all).</summary>
    public static Task ChangeAsync(this TestApp app, Action<Change> change) =>
        app.WithDbAsync(async db =>
        {
            var organisation = await ImportOrganisationTests.LoadOrganisationAsync(db);
            var rules = (await db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id)).Deadlines;
            var cycles = new Dictionary<string, Assessment>();
            foreach (var (system, cycle) in new[] { (Screening, 1), (Rostering, 2) })
            {
                cycles[system] = await ImportOrganisationTests.LoadAssessmentAsync(db, system, cycle);
            }
            change(new Change(organisation, rules, cycles, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

    /// <summary>Sends the first <paramref name="count"/> draft questions of the screening cycle to one manager: one mail each.</summary>
    public static Task SendScreeningQuestionsAsync(this TestApp app, int count, string to = "kwame-asante", int from = 1) =>
        app.ChangeAsync(c =>
        {
            for (var number = from; number < from + count; number++)
            {
                c.Screening.Send(number, c.Person(to), c.Now.AddDays(14), c.Actor("leila-haddad"), c.Now, c.Rules);
            }
        });

    public static Task<List<OutboxMessage>> OutboxAsync(this TestApp app) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    /// <summary>A sender as the app builds one, on the scope's database, with the transport and settings the test chooses.</summary>
    public static OutboxSender Sender(IServiceProvider scope, IMailTransport transport, TimeProvider clock, MailOptions? mail = null)
    {
        var options = Options.Create(mail ?? new MailOptions());
        var db = scope.GetRequiredService<CoGovDbContext>();
        return new OutboxSender(db, new NotificationMail(db, options, new ExampleMailLinks()), new DigestRule(db, options), transport, options, clock, NullLogger<OutboxSender>.Instance);
    }

    /// <summary>One round of a fresh sender in a scope of its own, as the background service runs one.</summary>
    public static async Task<OutboxRound> SendDueAsync(this TestApp app, IMailTransport transport, MailOptions? mail = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await Sender(scope.ServiceProvider, transport, app.Clock, mail).SendDueAsync(CancellationToken.None);
    }

    public static NotificationMail Wording(IServiceProvider scope, MailOptions? mail = null) =>
        new(scope.GetRequiredService<CoGovDbContext>(), Options.Create(mail ?? new MailOptions()), new ExampleMailLinks());

    public sealed record Change(Organisation Organisation, DeadlineRules Rules, IReadOnlyDictionary<string, Assessment> Cycles, DateTimeOffset Now)
    {
        public Assessment Screening => Cycles[OutboxScenario.Screening];

        public Assessment Rostering => Cycles[OutboxScenario.Rostering];

        public Person Person(string key) => Organisation.FindPerson(key) ?? throw new InvalidOperationException($"Riverside has no {key}.");

        public Actor Actor(string key) => Organisation.ActorFor(Person(key).Id);

        /// <summary>Whoever can answer the question now.</summary>
        public Actor Answerer(Assessment cycle, int number) => Organisation.ActorFor(cycle.Question(number).AssigneeId!.Value);
    }
}
