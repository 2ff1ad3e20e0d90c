using System.Net;
using System.Net.Http.Json;
using CoGov.Domain.Organisations;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Committee;
using CoGov.Workflows.People;

namespace CoGov.Web.Tests.Api;

/// <summary>The joint committee through the API: its seats and quorum, its dashboard, agenda and history.</summary>
public sealed class CommitteeApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R + "/committee";

    [Fact]
    public async Task TheCommitteeIsItsSeatsWithPeoplesKeysItsQuorumAndNoParityProblemWhenBalanced()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var committee = await client.GetFromJsonAsync<CommitteeApi.CommitteeView>(Base, ApiClients.Json);

        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.Equal("Joint Committee on Algorithmic Systems", committee!.CommitteeName);
        Assert.Equal(people.People.Where(p => p.Seat is not null).Select(p => (p.Key, p.Seat!.Value)).Order(), committee.Seats.Select(s => (s.PersonKey, s.Role)).Order());
        Assert.Contains(new CommitteeApi.SeatView("helen-marsh", "Helen Marsh", Side.Management, people.People.Single(p => p.Key == "helen-marsh").Title, CommitteeRole.Chair), committee.Seats);
        Assert.Equal(new CommitteeApi.QuorumView(people.Quorum.MinimumPerSide, people.Quorum.SidesEqual), committee.Quorum);
        Assert.Null(committee.ParityProblem);
    }

    [Fact]
    public async Task NewSeatsReplaceTheOldAndTheCommitteePageSeesThem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        SeatChoice[] seats =
        [
            new("leila-haddad", CommitteeRole.Chair), new("amara-okafor", CommitteeRole.Member), new("tomasz-nowak", CommitteeRole.Member),
            new("helen-marsh", CommitteeRole.Chair), new("daniel-reyes", CommitteeRole.Member), new("kwame-asante", CommitteeRole.Member),
        ];

        var response = await client.PutAsJsonAsync($"{Base}/seats", new CommitteeApi.ChangeCommitteeSeatsBody(seats), ApiClients.Json);

        response.EnsureSuccessStatusCode();
        var committee = await response.Content.ReadFromJsonAsync<CommitteeApi.CommitteeView>(ApiClients.Json);
        Assert.Equal(seats.Select(s => s.PersonKey).Order(), committee!.Seats.Select(s => s.PersonKey).Order());
        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.Equal(CommitteeRole.Member, people.People.Single(p => p.Key == "kwame-asante").Seat);
        Assert.Null(people.People.Single(p => p.Key == "priya-nair").Seat);
    }

    [Fact]
    public async Task SeatsThatBreakParityAreRefusedInTheRulesWordsAndNothingChanges()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var before = await client.GetFromJsonAsync<CommitteeApi.CommitteeView>(Base, ApiClients.Json);

        var response = await client.PutAsJsonAsync($"{Base}/seats", new CommitteeApi.ChangeCommitteeSeatsBody(
            [new("leila-haddad", CommitteeRole.Chair), new("amara-okafor", CommitteeRole.Member), new("helen-marsh", CommitteeRole.Chair)]), ApiClients.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.RuleRefused, problem.Type);
        Assert.Contains(problem.Rules!, r => r.Contains("must give both sides equal seats", StringComparison.Ordinal));
        var after = await client.GetFromJsonAsync<CommitteeApi.CommitteeView>(Base, ApiClients.Json);
        Assert.Equal(before!.Seats, after!.Seats);
    }

    [Fact]
    public async Task TheQuorumRuleChangesAndAQuorumOfNobodyIsAValidationProblemNamingTheField()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        try
        {
            var changed = await client.PutAsJsonAsync($"{Base}/quorum", new CommitteeApi.ChangeQuorumRuleBody(2, SidesEqual: false), ApiClients.Json);
            var refused = await client.PutAsJsonAsync($"{Base}/quorum", new CommitteeApi.ChangeQuorumRuleBody(0, SidesEqual: true), ApiClients.Json);

            changed.EnsureSuccessStatusCode();
            Assert.Equal(new CommitteeApi.QuorumView(2, false), (await changed.Content.ReadFromJsonAsync<CommitteeApi.CommitteeView>(ApiClients.Json))!.Quorum);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The quorum needs at least one person present from each side.", (await refused.ProblemAsync()).Errors!["minimumPerSide"]);
            var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
            Assert.Equal((2, false), (people.Quorum.MinimumPerSide, people.Quorum.SidesEqual));
        }
        finally
        {
            await app.SendAsAsync(DemoLogins.Admin, new ChangeQuorumRule(R, 1, true));
        }
    }

    [Fact]
    public async Task AStewardReadsTheDashboardAgendaAndHistoryButNotTheSeatsNorChangesThem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var seats = await client.GetAsync(Base);
        var quorum = await client.PutAsJsonAsync($"{Base}/quorum", new CommitteeApi.ChangeQuorumRuleBody(3, true), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, seats.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, quorum.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await quorum.ProblemAsync()).Type);
        foreach (var address in new[] { $"{Base}/dashboard", $"{Base}/agenda", $"{Base}/history" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(address)).StatusCode);
        }
    }

    [Fact]
    public async Task TheDashboardIsThePagesDashboard()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R);

        var dashboard = await client.GetFromJsonAsync<CommitteeDashboard>($"{Base}/dashboard", ApiClients.Json);

        var page = (CommitteeDashboard)(await app.SendAsAsync(DemoLogins.Helen, new GetCommitteeDashboard(R)))!;
        Assert.Equal(page.Totals, dashboard!.Totals);
        Assert.Equal(page.Grids.SelectMany(g => g.Systems).Select(s => (s.SystemKey, s.Cycle, s.State)), dashboard.Grids.SelectMany(g => g.Systems).Select(s => (s.SystemKey, s.Cycle, s.State)));
        Assert.Equal(page.Upcoming, dashboard.Upcoming);
        Assert.NotEmpty(dashboard.Grids);
    }

    [Fact]
    public async Task TheAgendaAndTheCycleHistoryComeOneItemAPageWithEveryItemOnce()
    {
        var client = await app.ApiClientAsync(DemoLogins.Leila, R);

        var agenda = await WalkAsync<AgendaItem>(client, $"{Base}/agenda");
        var history = await WalkAsync<CycleHistoryRow>(client, $"{Base}/history");

        var pageAgenda = (CommitteeAgenda)(await app.SendAsAsync(DemoLogins.Leila, new GetCommitteeAgenda(R)))!;
        var pageHistory = (CycleHistory)(await app.SendAsAsync(DemoLogins.Leila, new GetCycleHistory(R)))!;
        Assert.Equal(pageAgenda.Items.Select(i => (i.SystemKey, i.Cycle, i.Number)), agenda.Select(i => (i.SystemKey, i.Cycle, i.Number)));
        Assert.Equal(pageHistory.Cycles, history);
        Assert.Contains(history, c => c.SystemKey == "rostering" && c.Cycle == 1 && c.ManagementSignOff is not null && c.WorkersCountersignature is not null);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsCommitteeAddresses()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { Base, $"{Base}/dashboard", $"{Base}/agenda", $"{Base}/history" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    private static async Task<List<T>> WalkAsync<T>(HttpClient client, string address)
    {
        var items = new List<T>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<ApiPage<T>>($"{address}?limit=1" + (after is null ? "" : $"&after={after}"), ApiClients.Json);
            Assert.True(page!.Items.Count <= 1);
            items.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return items;
    }
}
