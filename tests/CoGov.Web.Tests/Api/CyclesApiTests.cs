using System.Net;
using System.Net.Http.Json;
using CoGov.Domain.Assessments;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Systems;

namespace CoGov.Web.Tests.Api;

/// <summary>A system's cycles through the API: reading them, opening one, sending its questions, and both signatures.</summary>
public sealed class CyclesApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Rostering = $"/api/v1/organisations/{R}/systems/rostering";

    [Fact]
    public async Task ASystemsCyclesAreListedByNumberWithWhatTheMemberMayDo()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var cycles = await client.GetFromJsonAsync<CyclesApi.SystemCycles>($"{Rostering}/cycles", ApiClients.Json);

        Assert.Equal([1, 2], cycles!.Cycles);
        Assert.Equal("rostering", cycles.SystemKey);
        Assert.Equal(2, cycles.Actions.NewestCycle);
        Assert.False(cycles.Actions.MayOpenNextCycle);
    }

    [Fact]
    public async Task ACycleIsReadWithItsQuestionsByThemeAsTheSystemsPageShowsThem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var cycle = await client.GetFromJsonAsync<CyclesApi.CycleQuestionsView>($"{Rostering}/cycles/1", ApiClients.Json);

        var page = (SystemQuestions)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemQuestions(R, "rostering", 1)))!;
        Assert.Equal(AssessmentState.SignedOff, cycle!.State);
        Assert.Equal(page.Cycle!.Themes.SelectMany(t => t.Questions).Select(q => (q.Number, q.State, q.Assignee)),
            cycle.Themes.SelectMany(t => t.Questions).Select(q => (q.Number, q.State, q.Assignee)));
        Assert.Equal(page.Cycle.TimeZone.Id, cycle.TimeZoneId);
    }

    [Fact]
    public async Task AStewardOpensACycleAndGets201WithItsAddressAndItsDraftQuestions()
    {
        var system = await FreshCycles.RegisterAsync(app, "api-open");
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);
        var opening = await client.GetFromJsonAsync<CycleOpening>($"/api/v1/organisations/{R}/systems/{system}/cycles/new", ApiClients.Json);
        Assert.True(opening!.MayOpen);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles",
            new CyclesApi.OpenCycleBody(opening.DefaultQuestionnaire!, FreshCycles.ManagerKey), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/organisations/{R}/systems/{system}/cycles/1", response.Headers.Location?.OriginalString);
        var cycle = await response.Content.ReadFromJsonAsync<CyclesApi.CycleQuestionsView>(ApiClients.Json);
        Assert.Equal(1, cycle!.Number);
        Assert.All(cycle.Themes.SelectMany(t => t.Questions), q => Assert.Equal(QuestionState.Draft, q.State));
        var page = (SystemQuestions)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemQuestions(R, system)))!;
        Assert.Equal([1], page.Cycles);
    }

    [Fact]
    public async Task OpeningACycleWithTooShortARunIsAValidationProblemNamingTheField()
    {
        var system = await FreshCycles.RegisterAsync(app, "api-open-invalid");
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles",
            new CyclesApi.OpenCycleBody(FreshCycles.Questionnaire, FreshCycles.ManagerKey, DueInDays: 3), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.Contains("dueInDays", problem.Errors!.Keys);
        Assert.Empty(((SystemQuestions)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemQuestions(R, system)))!).Cycles);
    }

    [Fact]
    public async Task OpeningACycleWhileOneIsOpenIsRefusedWithTheRulesWords()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await client.PostAsJsonAsync($"{Rostering}/cycles", new CyclesApi.OpenCycleBody(FreshCycles.Questionnaire), ApiClients.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.RuleRefused, problem.Type);
        Assert.Contains(problem.Rules!, rule => rule.Contains("is still open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AManagerWithoutTheStewardsRoleCannotOpenACycle()
    {
        var system = await FreshCycles.RegisterAsync(app, "api-open-forbidden");
        var client = await app.ApiClientAsync(DemoLogins.Daniel, R);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles",
            new CyclesApi.OpenCycleBody(FreshCycles.Questionnaire, FreshCycles.ManagerKey), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await response.ProblemAsync()).Type);
        Assert.Empty(((SystemQuestions)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemQuestions(R, system)))!).Cycles);
    }

    [Fact]
    public async Task AReadOnlyTokenCannotSendQuestions()
    {
        var system = await FreshCycles.OpenAsync(app, "api-send-read-only");
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles/1/send", new CyclesApi.SendQuestionsBody(), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = (SystemQuestions)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemQuestions(R, system)))!;
        Assert.All(page.Cycle!.Themes.SelectMany(t => t.Questions), q => Assert.Equal(QuestionState.Draft, q.State));
    }

    [Fact]
    public async Task TheSendPlanListsTheDraftsAndSendingThemRoutesEachToItsManager()
    {
        var system = await FreshCycles.OpenAsync(app, "api-send");
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);
        var address = $"/api/v1/organisations/{R}/systems/{system}/cycles/1/send";
        var plan = await client.GetFromJsonAsync<SendPlan>(address, ApiClients.Json);
        Assert.True(plan!.MaySend);
        var numbers = plan.Themes.SelectMany(t => t.Questions).Select(q => q.Number).ToList();
        Assert.Equal(19, numbers.Count);

        var response = await client.PostAsJsonAsync(address,
            new CyclesApi.SendQuestionsBody([new QuestionRouting(1, "priya-nair", 5), new QuestionRouting(2, FreshCycles.ManagerKey)]), ApiClients.Json);

        response.EnsureSuccessStatusCode();
        var cycle = await response.Content.ReadFromJsonAsync<CyclesApi.CycleQuestionsView>(ApiClients.Json);
        var rows = cycle!.Themes.SelectMany(t => t.Questions).ToDictionary(q => q.Number);
        Assert.Equal((QuestionState.Sent, "Priya Nair"), (rows[1].State, rows[1].Assignee));
        Assert.Equal((QuestionState.Sent, "Daniel Reyes"), (rows[2].State, rows[2].Assignee));
        Assert.Equal(QuestionState.Draft, rows[3].State);
        var after = await client.GetFromJsonAsync<SendPlan>(address, ApiClients.Json);
        Assert.Equal(17, after!.Themes.SelectMany(t => t.Questions).Count());
    }

    [Fact]
    public async Task SendingAnEmptyListIsAValidationProblemNeverEveryDraft()
    {
        var system = await FreshCycles.OpenAsync(app, "api-send-empty");
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles/1/send", new CyclesApi.SendQuestionsBody([]), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("questions", (await response.ProblemAsync()).Errors!.Keys);
        var plan = (SendPlan)(await app.SendAsAsync(DemoLogins.Amara, new GetSendPlan(R, system, 1)))!;
        Assert.Equal(19, plan.Themes.SelectMany(t => t.Questions).Count());
    }

    [Fact]
    public async Task TheSignOffOfACountersignedCycleShowsBothStatements()
    {
        var client = await app.ApiClientAsync(DemoLogins.Daniel, R, TokenAccess.ReadOnly);

        var sheet = await client.GetFromJsonAsync<SignOffSheet>($"{Rostering}/cycles/1/sign-off", ApiClients.Json);

        Assert.Equal(AssessmentState.SignedOff, sheet!.State);
        Assert.NotNull(sheet.ManagementSignOff);
        Assert.NotNull(sheet.WorkersCountersignature);
        Assert.False(sheet.CanSignOff);
    }

    [Fact]
    public async Task SigningOffWithUnsettledQuestionsIsRefusedWithTheRulesWords()
    {
        var system = await FreshCycles.OpenAsync(app, "api-sign-early", 1);
        var client = await app.ApiClientAsync(DemoLogins.Daniel, R);

        var response = await client.PostAsJsonAsync($"/api/v1/organisations/{R}/systems/{system}/cycles/1/sign-off",
            new CyclesApi.StatementBody("Signed too early."), ApiClients.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.RuleRefused, problem.Type);
        Assert.NotEmpty(problem.Rules!);
        Assert.Null(((SignOffSheet)(await app.SendAsAsync(DemoLogins.Daniel, new GetSignOff(R, system, 1)))!).ManagementSignOff);
    }

    [Fact]
    public async Task ManagementSignsOffAndTheWorkersSideCountersignsASettledCycle()
    {
        var system = await FreshCycles.OpenAsync(app, "api-sign");
        var numbers = ((SendPlan)(await app.SendAsAsync(DemoLogins.Amara, new GetSendPlan(R, system, 1)))!).Themes.SelectMany(t => t.Questions).Select(q => q.Number);
        foreach (var number in numbers)
        {
            await app.SendAsAsync(DemoLogins.Amara, new Workflows.Questions.WithdrawQuestion(R, system, 1, number, "Not asked in this test."));
        }
        var address = $"/api/v1/organisations/{R}/systems/{system}/cycles/1";

        var signed = await (await app.ApiClientAsync(DemoLogins.Daniel, R)).PostAsJsonAsync($"{address}/sign-off", new CyclesApi.StatementBody("Management signs."), ApiClients.Json);
        var countersigned = await (await app.ApiClientAsync(DemoLogins.Amara, R)).PostAsJsonAsync($"{address}/countersign", new CyclesApi.StatementBody("The workers' side countersigns."), ApiClients.Json);

        signed.EnsureSuccessStatusCode();
        Assert.Equal("Management signs.", (await signed.Content.ReadFromJsonAsync<SignOffSheet>(ApiClients.Json))!.ManagementSignOff!.Statement);
        countersigned.EnsureSuccessStatusCode();
        var sheet = (SignOffSheet)(await app.SendAsAsync(DemoLogins.Amara, new GetSignOff(R, system, 1)))!;
        Assert.Equal(AssessmentState.SignedOff, sheet.State);
        Assert.Equal("The workers' side countersigns.", sheet.WorkersCountersignature!.Statement);
    }

    [Fact]
    public async Task CountersigningWithoutAStatementIsAValidationProblemNamingTheField()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await client.PostAsJsonAsync($"{Rostering}/cycles/2/countersign", new CyclesApi.StatementBody(""), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("statement", (await response.ProblemAsync()).Errors!.Keys);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsCycles()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var client = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { $"{Rostering}/cycles", $"{Rostering}/cycles/2", $"{Rostering}/cycles/new", $"{Rostering}/cycles/2/send", $"{Rostering}/cycles/2/sign-off" })
        {
            var response = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }
}
