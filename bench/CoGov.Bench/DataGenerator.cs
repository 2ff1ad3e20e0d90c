using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Threading.Channels;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Bench;

/// <summary>An organisation's key and the two managers questions go to, signed in as the web app would present them.</summary>
internal sealed record GeneratedOrganisation(string Key, ClaimsPrincipal ManagerA, ClaimsPrincipal ManagerB)
{
    /// <summary>Who each question went to when it was sent: odd numbers to one manager, even to the other.</summary>
    public ClaimsPrincipal AssigneeOf(int number) => number % 2 == 1 ? ManagerA : ManagerB;
}

/// <param name="SystemsPerOrganisation">Each organisation's systems, each with one cycle.</param>
internal sealed record GeneratedData(
    IReadOnlyList<GeneratedOrganisation> Organisations,
    int SystemsPerOrganisation,
    int Systems,
    int Cycles,
    int QuestionsPerCycle,
    DateTimeOffset SweepMoment,
    TimeSpan Took)
{
    public int QuestionItems => Cycles * QuestionsPerCycle;

    public static string SystemKey(int index) => $"system-{index + 1:00}";
}

/// <summary>
/// Fills the database quickly but through the model: organisations with their people and a balanced committee, a
/// routing policy copied from the default, and for every system one cycle opened with <see cref="Assessment.Open"/> and
/// all its questions sent with <see cref="Assessment.Send"/> (so every question has its deadline, its indexed
/// <c>NextActionAt</c>, a hash-chained log entry and its mail). The rows are written from the engine's model by
/// <see cref="ModelRowWriter"/>, while the next organisations are built on another thread.
/// </summary>
/// <remarks>
/// Used by the engine's benchmark (many organisations of 20 systems) and the web benchmark (one organisation with enough
/// systems for its chase board to hold 10,000 open questions), which compiles this file in as well.
/// Time: one cycle in ten was sent on a Monday (<see cref="Monday"/>), the rest two working days later. The
/// first reminder falls five working days after sending for the ten-day themes, so at the sweep's moment (just after
/// the last of those reminders) the Monday cycles have their ten-day questions due and nothing else is. The mail the
/// sending raised went out a minute later: a week on, the outbox holds none of it, as on a running instance, and the
/// outbox sender has nothing to do while the benchmark measures.
/// </remarks>
internal static class DataGenerator
{
    private const int OrganisationsPerTransaction = 10;
    private const string TemplateKey = "psi-co-governance";

    /// <summary>When the generated organisations begin: a Monday morning, so working days are easy to follow.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    /// <param name="services">The engine's services (a host built with <c>AddCoGovWorkflows</c>, migrated and seeded).</param>
    public static async Task<GeneratedData> GenerateAsync(IServiceProvider services, int organisationCount, int systemsPerOrganisation, Action<string> progress)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var template = await db.Templates.AsNoTracking().Include(t => t.Themes).ThenInclude(t => t.Questions)
            .Where(t => t.Key == TemplateKey).OrderByDescending(t => t.Version).FirstAsync();
        var defaultPolicy = await db.RoutingPolicies.AsNoTracking().SingleAsync(p => p.OrganisationId == null);

        // Building an organisation through the model takes about as long as writing it: build the next ones on another
        // core meanwhile. The bound keeps memory flat.
        var built = Channel.CreateBounded<BuiltOrganisation>(new BoundedChannelOptions(OrganisationsPerTransaction) { SingleReader = true, SingleWriter = true });
        var builder = Task.Run(async () =>
        {
            try
            {
                // A fixed seed: the same data set every run, so runs compare.
                var random = new Random(20261123);
                for (var o = 0; o < organisationCount; o++)
                {
                    await built.Writer.WriteAsync(Build(o, systemsPerOrganisation, template, defaultPolicy, random));
                }
                built.Writer.Complete();
            }
            catch (Exception ex)
            {
                built.Writer.Complete(ex);
            }
        });

        var organisations = new List<GeneratedOrganisation>(organisationCount);
        var latestFirstReminder = DateTimeOffset.MinValue;
        using (var writer = new ModelRowWriter(db))
        {
            await writer.OpenAsync();
            writer.Begin();
            await foreach (var organisation in built.Reader.ReadAllAsync())
            {
                organisation.WriteTo(writer);
                organisations.Add(organisation.Generated);
                if (organisation.LatestFirstReminder > latestFirstReminder)
                {
                    latestFirstReminder = organisation.LatestFirstReminder;
                }
                if (organisations.Count % OrganisationsPerTransaction == 0)
                {
                    writer.Commit();
                    writer.Begin();
                }
                if (organisations.Count % 100 == 0)
                {
                    progress(string.Create(CultureInfo.InvariantCulture,
                        $"  generated {organisations.Count:N0} of {organisationCount:N0} organisations ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)"));
                }
            }
            writer.Commit();
        }
        await builder;

        return new GeneratedData(
            organisations,
            systemsPerOrganisation,
            Systems: organisationCount * systemsPerOrganisation,
            Cycles: organisationCount * systemsPerOrganisation,
            template.QuestionCount,
            // A minute after the last Monday reminder: every Monday cycle has its ten-day questions due.
            SweepMoment: latestFirstReminder.AddMinutes(1),
            Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Reads the first and last generated cycles back through the engine's context: rows written outside the change
    /// tracker must load as the model's own, with every question sent and scheduled and the log's hash chain intact.
    /// </summary>
    public static async Task VerifyAsync(IServiceProvider services, GeneratedData data)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        foreach (var organisation in new[] { data.Organisations[0], data.Organisations[^1] })
        {
            var organisationId = await db.Organisations.Where(o => o.Key == organisation.Key).Select(o => o.Id).SingleAsync();
            var cycle = await db.Assessments.AsNoTracking().Include(a => a.Questions).Include(a => a.Log)
                .Where(a => a.OrganisationId == organisationId).OrderBy(a => a.SystemId).LastAsync();
            var log = cycle.VerifyLog();
            if (!log.IsIntact || cycle.Questions.Count != data.QuestionsPerCycle
                || cycle.Questions.Any(q => q.State != QuestionState.Sent || q.NextActionAt is null))
            {
                throw new InvalidOperationException($"A generated cycle of {organisation.Key} does not load as written: {log.Problem}");
            }
        }
    }

    private static BuiltOrganisation Build(int index, int systemsPerOrganisation, QuestionnaireTemplate template, RoutingPolicy defaultPolicy, Random random)
    {
        var number = (index + 1).ToString("00000", CultureInfo.InvariantCulture);
        var key = $"org-{number}";
        var domain = $"{key}.example";
        var organisation = new Organisation(key, $"Organisation {number}", "Public services", "GB", "en", "Joint Committee on Algorithmic Systems");
        var steward = organisation.AddPerson("steward", "Sam Steward", Side.Workers, "Union steward", $"steward@{domain}");
        var representative = organisation.AddPerson("representative", "Rita Rep", Side.Workers, "Workers' representative", $"rep@{domain}");
        var director = organisation.AddPerson("director", "Dana Director", Side.Management, "Director of operations", $"director@{domain}");
        var managerA = organisation.AddPerson("manager-a", "Alex Manager", Side.Management, "Head of people systems", $"manager-a@{domain}", director);
        var managerB = organisation.AddPerson("manager-b", "Blake Manager", Side.Management, "Head of data", $"manager-b@{domain}", director);
        // Parity: two seats a side, a chair each.
        organisation.SeatOnCommittee(steward, CommitteeRole.Chair);
        organisation.SeatOnCommittee(representative, CommitteeRole.Member);
        organisation.SeatOnCommittee(director, CommitteeRole.Chair);
        organisation.SeatOnCommittee(managerA, CommitteeRole.Member);

        var policy = defaultPolicy.CopyFor(organisation, new PolicyEdit(Monday, "CoGov"));
        var rules = policy.Deadlines;
        var stewardActs = organisation.ActorFor(steward.Id);

        // Logins for the two managers who answer, made directly: hashing thousands of passwords is not what is measured
        // and the command path never reads one. The membership is what authorisation looks up.
        var (userA, membershipA) = Login(organisation, managerA);
        var (userB, membershipB) = Login(organisation, managerB);

        var systems = new List<AlgorithmicSystem>(systemsPerOrganisation);
        var assessments = new List<Assessment>(systemsPerOrganisation);
        var outbox = new List<OutboxMessage>();
        var latestFirstReminder = DateTimeOffset.MinValue;
        for (var s = 0; s < systemsPerOrganisation; s++)
        {
            var system = new AlgorithmicSystem(organisation.Id, GeneratedData.SystemKey(s), $"System {s + 1:00}",
                "Allocates shifts and monitors tasks.", "Vendor Ltd", s % 3 == 0 ? Sourcing.InHouse : Sourcing.Procured,
                "Vendor keeps the model; employer owns the data.", ["location", "working time"], "Operations");
            systems.Add(system);

            var cycleIndex = index * systemsPerOrganisation + s;
            var sendsOnMonday = cycleIndex % 10 == 0;
            var sentAt = (sendsOnMonday ? Monday : policy.Calendar.AddWorkingDays(Monday, 2))
                .AddMinutes(random.Next(0, 8 * 60));
            var openedAt = sentAt.AddHours(-1);
            var assessment = Assessment.Open(organisation, system, template, 1, director, openedAt,
                openedAt.AddDays(policy.Spec.CycleLengthDays), stewardActs);
            // What SendQuestions does for each question routed to a chosen manager, with the policy's deadline.
            foreach (var question in assessment.Questions)
            {
                var assignee = question.Number % 2 == 1 ? managerA : managerB;
                var deadline = policy.Calendar.AddWorkingDays(sentAt, policy.DeadlineDaysFor(question.ThemeKey));
                assessment.Send(question.Number, assignee, deadline, stewardActs, sentAt, rules);
            }
            assessments.Add(assessment);
            // What every save does with the notifications a change raised; then the mail went out.
            foreach (var notification in assessment.TakeNotifications())
            {
                var message = new OutboxMessage(notification);
                message.Sent(notification.Entry.At.AddMinutes(1));
                outbox.Add(message);
            }

            if (sendsOnMonday)
            {
                var firstReminder = assessment.Questions.Min(q => q.NextActionAt!.Value);
                if (firstReminder > latestFirstReminder)
                {
                    latestFirstReminder = firstReminder;
                }
            }
        }
        return new BuiltOrganisation(organisation, policy, [userA, userB], [membershipA, membershipB], systems, assessments, outbox,
            new GeneratedOrganisation(key, Users.SignedIn(userA.Id), Users.SignedIn(userB.Id)), latestFirstReminder);
    }

    private static (CoGovUser, Membership) Login(Organisation organisation, Person person)
    {
        var user = new CoGovUser
        {
            UserName = person.Email,
            NormalizedUserName = person.Email.ToUpperInvariant(),
            Email = person.Email,
            NormalizedEmail = person.Email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = person.Name,
        };
        return (user, new Membership(user.Id, organisation.Id, person.Id, [Roles.Manager]));
    }

    /// <summary>One organisation and everything that belongs to it, ready to write.</summary>
    /// <param name="LatestFirstReminder">The latest first-reminder time among its Monday cycles (MinValue when none).</param>
    private sealed record BuiltOrganisation(
        Organisation Organisation,
        RoutingPolicy Policy,
        IReadOnlyList<CoGovUser> Users,
        IReadOnlyList<Membership> Memberships,
        IReadOnlyList<AlgorithmicSystem> Systems,
        IReadOnlyList<Assessment> Assessments,
        IReadOnlyList<OutboxMessage> Outbox,
        GeneratedOrganisation Generated,
        DateTimeOffset LatestFirstReminder)
    {
        /// <summary>Parents before children, as the foreign keys require (a superior is added before those under them).</summary>
        public void WriteTo(ModelRowWriter writer)
        {
            writer.Write(Organisation);
            writer.WriteAll(Organisation.People);
            writer.Write(Organisation.Committee);
            writer.WriteAll(Organisation.Committee.Seats);
            writer.Write(Policy);
            writer.WriteAll(Users);
            writer.WriteAll(Memberships);
            writer.WriteAll(Systems);
            writer.WriteAll(Assessments);
            foreach (var assessment in Assessments)
            {
                writer.WriteAll(assessment.Questions);
                writer.WriteAll(assessment.Log);
            }
            writer.WriteAll(Outbox);
        }
    }
}

/// <summary>Signed-in users as the web app presents them to the engine: the login's id; its roles are its membership's.</summary>
internal static class Users
{
    public static ClaimsPrincipal SignedIn(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], authenticationType: "Bench"));
}
