using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Questions;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Organisations;

public sealed class GetOrganisationTests
{
    private const string Riverside = "riverside-hospital";

    [Fact]
    public async Task TheOverviewShowsTheCommitteeWorkersSideFirstWithChairsLeading()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var overview = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Amara));

        Assert.Equal("Joint Committee on Algorithmic Systems", overview.CommitteeName);
        Assert.Equal("Public health care", overview.Sector);
        Assert.Equal("GB", overview.Country);
        Assert.Equal(
            [
                new CommitteeMember("Leila Haddad", "Branch secretary and union steward, Riverside Health Branch", Side.Workers, CommitteeRole.Chair),
                new CommitteeMember("Amara Okafor", "Union steward, Emergency Department", Side.Workers, CommitteeRole.Member),
                new CommitteeMember("Tomasz Nowak", "Union steward, Portering and Estates", Side.Workers, CommitteeRole.Member),
                new CommitteeMember("Helen Marsh", "Chief Operating Officer", Side.Management, CommitteeRole.Chair),
                new CommitteeMember("Daniel Reyes", "Director of Workforce Planning", Side.Management, CommitteeRole.Member),
                new CommitteeMember("Priya Nair", "Head of Information Governance and Data Protection Officer", Side.Management, CommitteeRole.Member),
            ],
            overview.Committee);
    }

    [Fact]
    public async Task TheOverviewShowsWhereEachSystemStands()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var overview = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Amara));

        Assert.Equal(
            [
                new SystemSummary("applicant-screening", "CandidateMatch CV Screening", "HR Recruitment", Sourcing.InHouse,
                    "Riverside Municipal Hospital Business Intelligence team (in-house)", 1, AssessmentState.Open, 0, 0),
                new SystemSummary("rostering", "ShiftWise Rostering", "Workforce Planning", Sourcing.Procured,
                    "Calderbrook Workforce Systems Ltd", 2, AssessmentState.AwaitingAnswers, 13, 8),
                new SystemSummary("staff-monitoring", "TrackPoint Location and Task Monitoring", "Estates and Facilities", Sourcing.Procured,
                    "Orbis Location Technologies Ltd", 1, AssessmentState.AwaitingAnswers, 14, 0),
            ],
            overview.Systems);
    }

    [Fact]
    public async Task OverdueCountsFollowTheClock()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await MemberAsync(app, DemoLogins.Amara);

        // The monitoring questions were sent on day -9 with 21 days to answer: due on day 12.
        app.Clock.Advance(TimeSpan.FromDays(13));
        var overview = await app.SendAsync(new GetOrganisation(Riverside), amara);

        Assert.Equal(11, overview.Systems.Single(s => s.Key == "staff-monitoring").OverdueQuestions);
        Assert.Equal(10, overview.Systems.Single(s => s.Key == "rostering").OverdueQuestions);
    }

    [Fact]
    public async Task TheOverviewTheDashboardAndTheChaseBoardCountEveryQuestionOpenAndOverdueAlike()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Tests.Riverside.Amara);
        // The demo lacks a few states; these put every state in some system's newest cycle. Rostering 6 is overdue when
        // more time is asked: the clock stops, so it is no longer overdue, but it is still open.
        await app.SendAsync(new RequestExtension(Tests.Riverside.Key, "rostering", 2, 6, 5, "The vendor's documentation arrives next week."),
            await app.UserAsync("daniel.reyes@riverside-hospital.example"));
        await app.SendAsync(new RecordCommitteeResolution(Tests.Riverside.Key, "rostering", 2, 11, "The committee agreed a review of the data kept."),
            await app.UserAsync(Tests.Riverside.Leila));
        await app.SendAsync(new ChallengeAnswer(Tests.Riverside.Key, "staff-monitoring", 1, 1, "The answer does not say who sees the location data."), amara);
        await app.SendAsync(new WithdrawQuestion(Tests.Riverside.Key, "staff-monitoring", 1, 3, "Covered by question 4 this cycle."), amara);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var now = app.Clock.GetUtcNow();

        var overview = await app.SendAsync(new GetOrganisation(Tests.Riverside.Key), amara);
        var dashboard = await app.SendAsync(new GetCommitteeDashboard(Tests.Riverside.Key), amara);
        var board = await app.SendAsync(new GetChaseBoard(Tests.Riverside.Key), amara);

        var cycles = new Dictionary<string, Assessment>
        {
            ["applicant-screening"] = await app.CycleAsync("applicant-screening", 1),
            ["rostering"] = await app.CycleAsync("rostering", 2),
            ["staff-monitoring"] = await app.CycleAsync("staff-monitoring", 1),
        };
        Assert.Equal(Enum.GetValues<QuestionState>().Order(), cycles.Values.SelectMany(c => c.Questions).Select(q => q.State).Distinct().Order());
        var rows = dashboard.Grids.SelectMany(g => g.Systems).ToDictionary(r => r.SystemKey);
        foreach (var system in overview.Systems)
        {
            var cycle = cycles[system.Key];
            var open = cycle.Questions.Count(q => q.State.IsOpen());
            var overdue = cycle.Questions.Count(q => q.IsOverdue(now));
            Assert.Equal((system.Key, open, overdue), (system.Key, system.OpenQuestions, system.OverdueQuestions));
            Assert.Equal((system.Key, open, overdue), (system.Key, rows[system.Key].Open, rows[system.Key].Overdue));
            Assert.Equal((system.Key, overdue), (system.Key, board.Overdue.Count(r => r.SystemKey == system.Key)));
        }
        Assert.Equal((overview.Systems.Sum(s => s.OpenQuestions), overview.Systems.Sum(s => s.OverdueQuestions)), (dashboard.Totals.Open, dashboard.Totals.Overdue));
        Assert.Contains(board.WaitingOnUs, r => r is { SystemKey: "rostering", Number: 6, State: QuestionState.ExtensionRequested });
        Assert.DoesNotContain(board.Overdue, r => r is { SystemKey: "rostering", Number: 6 });
    }

    [Fact]
    public async Task MyOrganisationsAreThoseIAmAMemberOfWithWhoIAmInEach()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var leila = await app.SendAsync(new GetMyOrganisations(), await MemberAsync(app, DemoLogins.Leila));
        var admin = await app.SendAsync(new GetMyOrganisations(), await MemberAsync(app, DemoLogins.Admin));
        var stranger = await app.SendAsync(new GetMyOrganisations(), Users.SignedIn(Guid.NewGuid().ToString()));

        Assert.Equal(
            [new MyOrganisation(Riverside, "Riverside Municipal Hospital", "Public health care", "Leila Haddad", "Branch secretary and union steward, Riverside Health Branch")],
            leila.Organisations);
        Assert.Equal([new MyOrganisation(Riverside, "Riverside Municipal Hospital", "Public health care", null, null)], admin.Organisations);
        Assert.Empty(stranger.Organisations);
        Assert.False(leila.MayCreateOrganisations || admin.MayCreateOrganisations || stranger.MayCreateOrganisations);
    }

    [Fact]
    public async Task TheWorkersSideAndAdministratorsAreOfferedRegisteringASystemAndManagersAreNot()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var steward = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Tomasz));
        var manager = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Priya));
        var admin = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Admin));
        await app.WithDbAsync(async db =>
        {
            var adminId = await db.Users.Where(u => u.Email == DemoLogins.Admin).Select(u => u.Id).SingleAsync();
            (await db.Memberships.SingleAsync(m => m.UserId == adminId)).SetRoles([Roles.Steward]);
            await db.SaveChangesAsync();
        });
        var memberWithoutPerson = await app.SendAsync(new GetOrganisation(Riverside), await MemberAsync(app, DemoLogins.Admin));

        Assert.True(steward.MayRegisterSystem);
        Assert.False(manager.MayRegisterSystem);
        Assert.True(admin.MayRegisterSystem);
        Assert.False(memberWithoutPerson.MayRegisterSystem);
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> MemberAsync(TestApp app, string email)
    {
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return Users.SignedIn(id);
    }
}
