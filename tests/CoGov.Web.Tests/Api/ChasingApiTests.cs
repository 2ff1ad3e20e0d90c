using System.Net;
using System.Net.Http.Json;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Chasing;

namespace CoGov.Web.Tests.Api;

/// <summary>The chase board and My questions through the API, page by page.</summary>
public sealed class ChasingApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    [Fact]
    public async Task TheChaseBoardWalkedToTheEndWithNextGivesEveryRowOnceInTheBoardsSections()
    {
        await FreshCycles.OpenAsync(app, "api-chase-board", 1, 2, 3, 4, 5);
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var rows = await WalkAsync<ChasingApi.ChaseItem>(client, $"/api/v1/organisations/{R}/chase?limit=2");

        var board = (ChaseBoard)(await app.SendAsAsync(DemoLogins.Amara, new GetChaseBoard(R)))!;
        var expected = board.NeedsReassignment.Select(r => (ChasingApi.ChaseSection.NeedsReassignment, r))
            .Concat(board.Overdue.Select(r => (ChasingApi.ChaseSection.Overdue, r)))
            .Concat(board.DueThisWeek.Select(r => (ChasingApi.ChaseSection.DueThisWeek, r)))
            .Concat(board.WaitingOnUs.Select(r => (ChasingApi.ChaseSection.WaitingOnUs, r)))
            .Select(x => (x.Item1, x.r.SystemKey, x.r.Cycle, x.r.Number))
            .ToList();
        var walked = rows.Select(r => (r.Section, r.Question.SystemKey, r.Question.Cycle, r.Question.Number)).ToList();
        Assert.True(walked.Count > 4, "The board should hold more rows than two pages.");
        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(expected.OrderBy(x => x).ToList(), walked.OrderBy(x => x).ToList());
        Assert.Equal(expected.Select(x => x.Item1), walked.Select(x => x.Section));
    }

    [Fact]
    public async Task OneSectionOfTheBoardIsListedAloneAndTheTotalsCountEachSection()
    {
        await FreshCycles.OpenAsync(app, "api-chase-section", 1, 2, 3);
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var due = await WalkAsync<ChasingApi.ChaseItem>(client, $"/api/v1/organisations/{R}/chase?section=dueThisWeek&limit=200");
        var summary = await client.GetFromJsonAsync<ChasingApi.ChaseSummary>($"/api/v1/organisations/{R}/chase/totals", ApiClients.Json);

        Assert.All(due, row => Assert.Equal(ChasingApi.ChaseSection.DueThisWeek, row.Section));
        Assert.Equal(summary!.Totals.DueThisWeek, due.Count);
        Assert.True(summary.ViewerIsWorkersSide);
        var board = (ChaseBoard)(await app.SendAsAsync(DemoLogins.Amara, new GetChaseBoard(R)))!;
        Assert.Equal(board.Totals, summary.Totals);
    }

    [Theory]
    [InlineData("section=later", "section")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("after=not-a-cursor!", "after")]
    public async Task AWrongSectionLimitOrCursorIsAValidationProblemNamingIt(string query, string field)
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var response = await client.GetAsync($"/api/v1/organisations/{R}/chase?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Fact]
    public async Task MyQuestionsWalkedToTheEndAreTheManagersListInItsOrder()
    {
        await FreshCycles.OpenAsync(app, "api-mine", 1, 2, 3, 4);
        var client = await app.ApiClientAsync(DemoLogins.Daniel, R, TokenAccess.ReadOnly);

        var rows = await WalkAsync<QuestionForMe>(client, $"/api/v1/organisations/{R}/my-questions?limit=3");

        var mine = (QuestionsForMe)(await app.SendAsAsync(DemoLogins.Daniel, new GetMyQuestions(R)))!;
        Assert.True(rows.Count > 6, "Daniel should have more questions than two pages.");
        Assert.Equal(mine.Questions.Select(q => (q.SystemKey, q.Cycle, q.Number)).OrderBy(q => q), rows.Select(q => (q.SystemKey, q.Cycle, q.Number)).OrderBy(q => q));
        Assert.Equal(mine.Questions.Select(q => q.Standing()), rows.Select(q => q.Standing()));
        Assert.Equal(rows.Count, rows.Select(q => (q.SystemKey, q.Cycle, q.Number)).Distinct().Count());
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNeitherTheHospitalsBoardNorItsQuestions()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var client = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { "chase", "chase/totals", "my-questions" })
        {
            var response = await client.GetAsync($"/api/v1/organisations/{R}/{address}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    /// <summary>Every page of a list, following <c>next</c> until there is none.</summary>
    private static async Task<List<T>> WalkAsync<T>(HttpClient client, string first)
    {
        var rows = new List<T>();
        var address = first;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = (await client.GetFromJsonAsync<ApiPage<T>>(address, ApiClients.Json))!;
            rows.AddRange(page.Items);
            if (page.Next is null)
            {
                return rows;
            }
            address = $"{first}&after={Uri.EscapeDataString(page.Next)}";
        }
        throw new Xunit.Sdk.XunitException("The list never ended.");
    }
}
