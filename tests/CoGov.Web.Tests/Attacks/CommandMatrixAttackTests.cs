using System.Reflection;
using System.Security.Claims;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Systems;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Calendar;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Records;
using CoGov.Workflows.Systems;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Web.Tests.Attacks.CommandMatrixAttackTests.Outcome;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Every command about an organisation, found by reflection, sent by each kind of member through the app's own
/// pipeline (as its pages send them), on the demo hospital as it stands each time (the database is put back before every
/// attempt). What each may do is written once, in <see cref="Table"/>: a command added later without a row fails here
/// until someone decides it. Each refused attempt changes no row, no log entry, no outbox message and writes no mail.
/// </summary>
[Trait("Category", "Attack")]
public sealed class CommandMatrixAttackTests(CommandMatrixAttackTests.MatrixApp app) : IClassFixture<CommandMatrixAttackTests.MatrixApp>
{
    public enum Outcome
    {
        /// <summary>Done: something was written.</summary>
        Allowed,

        /// <summary>
        /// The role the command needs is not held in the organisation. A page answers 404 for it as for NotFound (decision
        /// record 8), and offers no form for it in the first place.
        /// </summary>
        Forbidden,

        /// <summary>Not a member of the organisation: as if it did not exist (404).</summary>
        NotFound,

        /// <summary>Let through to the domain, whose rule refused it (who may act in the question's state, and when).</summary>
        Refused,

        /// <summary>Let through to the command's validator, which refused its input.</summary>
        Invalid,
    }

    private const string R = DemoLogins.Organisation;
    private const string Text = "Written by the command matrix.";

    /// <summary>Who sends each command, by the role they hold; the columns of <see cref="Table"/> in this order.</summary>
    private static readonly (string Name, string Email)[] Senders =
    [
        ("Steward", DemoLogins.Amara),
        ("Manager", DemoLogins.Daniel),
        // The management chair: a manager who also holds the CommitteeChair role.
        ("CommitteeChair", DemoLogins.Helen),
        ("Admin", DemoLogins.Admin),
        // Tomasz Nowak, a steward by side whose membership holds no role at all (the fixture takes them away): the side
        // a person is on is not enough, each question and cycle command also needs its role, so he may do nothing.
        ("NoRole", DemoLogins.Tomasz),
        // Sam Ode, steward and chair of Northfield Transit, a member of the hospital in nothing.
        ("OtherOrganisation", OtherOrganisation.Steward),
    ];

    /// <summary>THE table: every command about an organisation, a real instance of it, and what each sender comes to.</summary>
    private static readonly IReadOnlyList<Row> Table =
    [
        //                                                                                                                   Steward    Manager    Chair      Admin      NoRole     Other
        Row.Of(s => new AnswerQuestion(R, "rostering", 2, s.OpenQuestion, Text),                                             Forbidden, Allowed,   Refused,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new AcceptAnswer(R, "rostering", 2, 4),                                                                  Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new ChallengeAnswer(R, "rostering", 2, 4, Text),                                                         Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new RequestClarification(R, "rostering", 2, 4, Text),                                                    Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new RecordCommitteeResolution(R, "rostering", 2, 11, Text),                                              Forbidden, Forbidden, Allowed,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new DecideExtension(R, "rostering", 2, s.ExtendedQuestion, true, Text),                                  Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new DelegateQuestion(R, "rostering", 2, s.OpenQuestion, "kwame-asante", Text),                           Forbidden, Allowed,   Refused,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new ReassignQuestion(R, "rostering", 2, s.OpenQuestion, "kwame-asante", Text),                           Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new EscalateQuestion(R, "rostering", 2, s.OpenQuestion),                                                 Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new SendReminder(R, "rostering", 2, s.OpenQuestion),                                                     Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new WithdrawQuestion(R, "rostering", 2, s.OpenQuestion, Text),                                           Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new RequestExtension(R, "rostering", 2, s.OpenQuestion, 5, Text),                                        Forbidden, Allowed,   Refused,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new SendQuestions(R, "applicant-screening", 1, null),                                                    Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new OpenCycle(R, MatrixApp.NewSystem, "psi-co-governance"),                                              Allowed,   Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        Row.Of(s => new SignOffCycle(R, "rostering", 2, Text),                                                               Forbidden, Refused,   Refused,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new CountersignCycle(R, "rostering", 2, Text),                                                           Refused,   Forbidden, Refused,   Forbidden, Forbidden, NotFound),
        Row.Of(s => new GenerateAssessmentRecord(R, "rostering", 1),                                                         Allowed,   Allowed,   Allowed,   Forbidden, Allowed,   NotFound),
        Row.Of(s => new GenerateMeetingPack(R, new DateOnly(2026, 11, 30)),                                                  Allowed,   Allowed,   Allowed,   Forbidden, Allowed,   NotFound),
        Row.Of(s => new RegisterSystem(R, "matrix-registered", "Matrix", "Decides.", "Vendor", Sourcing.Procured, null, [], "Operations"),
                                                                                                                             Allowed,   Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new EditSystem(R, "staff-monitoring", s.StaffMonitoringVersion, "TrackPoint", "Tracks.", "Orbis", Sourcing.Procured, null, [], "Facilities"),
                                                                                                                             Allowed,   Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeSystemStatus(R, "staff-monitoring", s.StaffMonitoringVersion, SystemStatus.Retired, new DateOnly(2026, 11, 23), Text),
                                                                                                                             Allowed,   Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeSystemRouting(R, "staff-monitoring", s.PolicyVersion, "priya-nair", [], null),                 Forbidden, Forbidden, Allowed,   Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeRoutingPolicy(R, s.PolicyVersion, "daniel-reyes", [], 10, [], 5, [5, 1], [EscalationStep.Superior, EscalationStep.CommitteeChairs], 3, 12, 90),
                                                                                                                             Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeWorkingCalendar(R, s.PolicyVersion, "Europe/London", [new DateOnly(2026, 12, 25)]),            Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ImportRoutingPolicy(R, "policy.yaml", s.ChangedPolicyYaml),                                          Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ImportQuestionnaireTemplate(R, "template.yaml", "not: a template"),                                  Forbidden, Forbidden, Forbidden, Invalid,   Forbidden, NotFound),
        Row.Of(s => new AdoptTemplate(R, "psi-co-governance", 1),                                                            Forbidden, Forbidden, Forbidden, Refused,   Forbidden, NotFound),
        Row.Of(s => new AddPerson(R, "Nia Matrix", "nia.matrix@riverside-hospital.example", Side.Management, "Analyst"),     Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new EditPerson(R, "kwame-asante", "Kwame Asante", "kwame.asante@riverside-hospital.example", "Head of Matrix"),
                                                                                                                             Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new RetirePerson(R, "kwame-asante"),                                                                     Forbidden, Forbidden, Forbidden, Refused,   Forbidden, NotFound),
        Row.Of(s => new ChangeCommitteeSeats(R, [new SeatChoice("leila-haddad", CommitteeRole.Chair), new SeatChoice("helen-marsh", CommitteeRole.Chair)]),
                                                                                                                             Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new InviteMember(R, "newcomer@riverside-hospital.example", null, [Roles.Steward], "http://localhost/Account/AcceptInvitation", "http://localhost/Account/Login"),
                                                                                                                             Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new RevokeInvitation(R, s.InvitedUserId),                                                                Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeMemberRoles(R, s.PriyaUserId, [Roles.Manager, Roles.Admin]),                                   Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new RemoveMember(R, s.PriyaUserId, LockLogin: true),                                                     Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeQuorumRule(R, 2, SidesEqual: false),                                                           Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeTwoFactorRequirement(R, Required: true),                                                       Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        // Everyone who is one of the organisation's people chooses their own mail; the administrator's login is no one's.
        Row.Of(s => new Workflows.MailPreferences.ChangeMailPreference(R, Workflows.MailPreferences.MailDelivery.DailyDigest),
                                                                                                                             Allowed,   Allowed,   Allowed,   NotFound,  Allowed,   NotFound),
        Row.Of(s => new RevokeAnswerLink(R, "rostering", 2, s.OpenQuestion, s.AnswerLinkId),                                  Allowed,   Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeAnswerLinkCodeRequirement(R, Required: true),                                                  Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        Row.Of(s => new ChangeAnswerLinkPreference(R, "kwame-asante", Prefers: true),                                        Allowed,   Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
        // A feed is one's own: any of the organisation's people makes theirs (the administrator is none of them), and
        // only Amara, who has one (the fixture made it), can stop hers; nobody can name another member's feed.
        Row.Of(s => new CreateCalendarFeed(R, CalendarFeedKind.Personal),                                                    Allowed,   Allowed,   Allowed,   Refused,   Allowed,   NotFound),
        Row.Of(s => new RevokeCalendarFeed(R, CalendarFeedKind.Personal),                                                    Allowed,   Refused,   Refused,   Refused,   Refused,   NotFound),
        // A token gives no more than its member's own roles, so every member may make one; only its maker can name
        // it to revoke it (the fixture made Amara's): to anyone else it is not there.
        Row.Of(s => new CreatePersonalAccessToken(R, "Matrix", TokenAccess.ReadWrite, 30),                                   Allowed,   Allowed,   Allowed,   Allowed,   Allowed,   NotFound),
        Row.Of(s => new RevokePersonalAccessToken(R, s.AmarasTokenId),                                                       Allowed,   NotFound,  NotFound,  NotFound,  NotFound,  NotFound),
        // The whole organisation leaves in one file: its administrators only, and both chairs are told.
        Row.Of(s => new Workflows.Archives.ExportOrganisation(R),                                                            Forbidden, Forbidden, Forbidden, Allowed,   Forbidden, NotFound),
    ];

    /// <summary>Every command that concerns an organisation, as the engine's assembly holds them.</summary>
    private static readonly IReadOnlyList<Type> Commands = [.. typeof(Workflows.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IOrganisationRequest).IsAssignableFrom(t) && typeof(IBaseCommand).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static TheoryData<string> CommandNames() => new(Commands.Select(t => t.Name));

    [Fact]
    public void EveryCommandAboutAnOrganisationHasExactlyOneRowInTheTable()
    {
        Assert.True(Commands.Count >= 30, $"Only {Commands.Count} commands found by reflection.");
        var missing = Commands.Where(c => Table.Count(r => r.Command == c) != 1).Select(c => c.Name).ToList();
        var stale = Table.Where(r => !Commands.Contains(r.Command)).Select(r => r.Command.Name).ToList();
        Assert.True(missing.Count == 0, $"Say in the table what each sender comes to for: {string.Join(", ", missing)}.");
        Assert.Empty(stale);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task EachSenderComesToTheTablesOutcomeAndARefusalWritesNothing(string commandName)
    {
        var row = Table.SingleOrDefault(r => r.Command.Name == commandName);
        Assert.True(row is not null, $"{commandName} has no row in the table: say what each sender comes to.");
        var command = row.Build(app.Setup);

        var wrong = new List<string>();
        for (var i = 0; i < Senders.Length; i++)
        {
            await app.RestoreAsync();
            var before = await AttackSurface.FingerprintAsync(app);
            var (outcome, message) = await app.SendAsAsync(Senders[i].Email, command);
            var after = await AttackSurface.FingerprintAsync(app);
            if (outcome != row.Expected[i])
            {
                wrong.Add($"{Senders[i].Name}: expected {row.Expected[i]}, came to {outcome} ({message})");
            }
            if (outcome == Allowed ? before == after : before != after)
            {
                wrong.Add($"{Senders[i].Name}: {outcome}, yet the database and mail {(outcome == Allowed ? "did not change" : "changed")}");
            }
        }

        Assert.True(wrong.Count == 0, $"{commandName}:\n{string.Join("\n", wrong)}");
    }

    /// <summary>A row of the table: a command the senders try, and what each comes to, in the order of <see cref="Senders"/>.</summary>
    private sealed record Row(Type Command, Func<MatrixSetup, object> Build, Outcome[] Expected)
    {
        public static Row Of<T>(Func<MatrixSetup, T> build, Outcome steward, Outcome manager, Outcome chair, Outcome admin, Outcome noRole, Outcome other)
            where T : notnull =>
            new(typeof(T), s => build(s), [steward, manager, chair, admin, noRole, other]);
    }

    /// <summary>Real values of the hospital the commands need, read once the fixture has set it up.</summary>
    public sealed record MatrixSetup(
        int OpenQuestion, int ExtendedQuestion, int StaffMonitoringVersion, int PolicyVersion, string PolicyYaml, string InvitedUserId, string PriyaUserId,
        Guid AnswerLinkId, Guid AmarasTokenId)
    {
        /// <summary>The policy as downloaded, with its escalation a day slower: a change an administrator might upload.</summary>
        public string ChangedPolicyYaml => PolicyYaml.Contains("intervalDays: 3", StringComparison.Ordinal)
            ? PolicyYaml.Replace("intervalDays: 3", "intervalDays: 4", StringComparison.Ordinal)
            : throw new InvalidOperationException("The hospital's policy no longer escalates every 3 days:\n" + PolicyYaml);
    }

    /// <summary>
    /// The hospital and Northfield, with Tomasz's roles taken away, a system with no cycle yet, a question waiting on a
    /// request for more time, an invitation outstanding, and a printer that needs no browser; kept as a snapshot the
    /// database is put back to before every attempt.
    /// </summary>
    public sealed class MatrixApp : CoGovWebApp, IAsyncLifetime
    {
        public const string NewSystem = "matrix-system";

        private string Snapshot => Database + ".snapshot";

        public MatrixSetup Setup { get; private set; } = default!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IRecordPrinter, PaperlessPrinter>());
        }

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await AttackSurface.NorthfieldStewardUserIdAsync(this);
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
                var tomasz = await AttackSurface.UserIdAsync(this, DemoLogins.Tomasz);
                (await db.Memberships.SingleAsync(m => m.UserId == tomasz)).SetRoles([]);
                await db.SaveChangesAsync();
            }
            await SendOrThrowAsync(DemoLogins.Amara, new RegisterSystem(R, NewSystem, "Matrix System", "Decides.", "Vendor", Sourcing.Procured, null, [], "Operations"));
            var invitation = await SendOrThrowAsync(DemoLogins.Admin, new InviteMember(R, "pending@riverside-hospital.example", null, [Roles.Steward],
                "http://localhost/Account/AcceptInvitation", "http://localhost/Account/Login"));
            var danielsOpenQuestions = await DanielsOpenQuestionsAsync();
            await SendOrThrowAsync(DemoLogins.Daniel, new RequestExtension(R, "rostering", 2, danielsOpenQuestions[1], 5, "Waiting on the vendor."));
            await SendOrThrowAsync(DemoLogins.Amara, new CreateCalendarFeed(R, CalendarFeedKind.Personal));
            var policy = (PolicyForm)(await SendOrThrowAsync(DemoLogins.Admin, new GetPolicyForm(R)))!;
            var yaml = ((RoutingPolicyView)(await SendOrThrowAsync(DemoLogins.Admin, new GetRoutingPolicy(R)))!).Yaml;
            var system = (SystemRegisterView)(await SendOrThrowAsync(DemoLogins.Admin, new GetSystem(R, "staff-monitoring")))!;
            Setup = new MatrixSetup(danielsOpenQuestions[0], danielsOpenQuestions[1], system.Version, policy.Version, yaml,
                await AttackSurface.UserIdAsync(this, invitation is Invitation i ? i.Email : "pending@riverside-hospital.example"),
                await AttackSurface.UserIdAsync(this, DemoLogins.Priya),
                await AnswerLinkForDanielAsync(danielsOpenQuestions[0]),
                ((CreatedAccessToken)(await SendOrThrowAsync(DemoLogins.Amara, new CreatePersonalAccessToken(R, "Matrix", TokenAccess.ReadOnly, 30)))!).Id);
            SqliteConnection.ClearAllPools();
            await CopyAsync(Database, Snapshot);
        }

        /// <summary>Puts the database back as the fixture left it.</summary>
        public async Task RestoreAsync()
        {
            SqliteConnection.ClearAllPools();
            await CopyAsync(Snapshot, Database);
        }

        /// <summary>Sends the request as the login, through the pipeline every page uses; the outcome and the refusal's words.</summary>
        public async Task<(Outcome Outcome, string Message)> SendAsAsync(string email, object request)
        {
            try
            {
                // An upload's mistakes come back in its result, listed with their lines, rather than thrown.
                return await SendOrThrowAsync(email, request) is Workflows.Import.ImportResult { Errors.Count: > 0 } rejected
                    ? (Invalid, string.Join(" ", rejected.Errors))
                    : (Allowed, "");
            }
            catch (Exception ex) when (ex is NotFoundException or ForbiddenException or InputRejectedException or Domain.Common.DomainRuleException)
            {
                return (ex switch
                {
                    NotFoundException => NotFound,
                    ForbiddenException => Forbidden,
                    InputRejectedException => Invalid,
                    _ => Refused,
                }, ex.Message);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        }

        private Task<object?> SendOrThrowAsync(string email, object request) => Api.ApiClients.SendAsAsync(this, email, request);

        /// <summary>Daniel prefers answer links, so his open question has one to revoke.</summary>
        private async Task<Guid> AnswerLinkForDanielAsync(int number)
        {
            await SendOrThrowAsync(DemoLogins.Admin, new ChangeAnswerLinkPreference(R, "daniel-reyes", true));
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var daniel = await db.People.Where(p => p.Email == DemoLogins.Daniel).Select(p => p.Id).SingleAsync();
            var cycle = await db.Assessments.Where(a => a.Cycle == 2 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "rostering")).Select(a => a.Id).SingleAsync();
            _ = await scope.ServiceProvider.GetRequiredService<AnswerLinkGate>().LinkForAsync(daniel, cycle, number, CancellationToken.None)
                ?? throw new InvalidOperationException("Daniel, who prefers links, got none.");
            return await db.AnswerLinks.Where(l => l.PersonId == daniel).Select(l => l.Id).SingleAsync();
        }

        private async Task<IReadOnlyList<int>> DanielsOpenQuestionsAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var daniel = await db.People.Where(p => p.Email == DemoLogins.Daniel).Select(p => p.Id).SingleAsync();
            var cycle = await db.Assessments.Where(a => a.Cycle == 2 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "rostering"))
                .Select(a => a.Id).SingleAsync();
            return await db.QuestionItems.Where(q => q.AssessmentId == cycle && q.AssigneeId == daniel && q.State == QuestionState.Sent)
                .OrderBy(q => q.Number).Select(q => q.Number).ToListAsync();
        }

        private static async Task CopyAsync(string from, string to)
        {
            await using var source = new SqliteConnection($"Data Source={from};Pooling=False");
            await using var target = new SqliteConnection($"Data Source={to};Pooling=False");
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
    }

    /// <summary>Prints without a browser: what a record holds is the engine's, and this suite is about who may ask for one.</summary>
    private sealed class PaperlessPrinter : IRecordPrinter
    {
        public Domain.Common.Phrase? Unavailable => null;

        public Task<byte[]> PrintAsync(AssessmentRecord record, CancellationToken cancellationToken) => Task.FromResult("%PDF-1.7 matrix"u8.ToArray());

        public Task<byte[]> PrintAsync(MeetingPack pack, CancellationToken cancellationToken) => Task.FromResult("%PDF-1.7 matrix"u8.ToArray());
    }
}
