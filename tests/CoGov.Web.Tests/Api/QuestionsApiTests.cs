using System.Net;
using System.Net.Http.Json;
using CoGov.Domain.Assessments;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Questions;

namespace CoGov.Web.Tests.Api;

/// <summary>One question through the API: its thread with the log's hashes and its ETag, and every action on it.</summary>
public sealed class QuestionsApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    private static string Question(string system, int number, string? action = null) =>
        $"/api/v1/organisations/{R}/systems/{system}/cycles/1/questions/{number}" + (action is null ? "" : "/" + action);

    [Fact]
    public async Task AThreadGivesEveryEntryWithItsHashTheLogsVerificationAndTheQuestionsETag()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var response = await client.GetAsync(Question("rostering", 1));

        response.EnsureSuccessStatusCode();
        var thread = (await response.Content.ReadFromJsonAsync<QuestionThread>(ApiClients.Json))!;
        Assert.True(thread.Log.IsIntact);
        Assert.Equal(QuestionState.Accepted, thread.State);
        Assert.Equal("Daniel Reyes", thread.AccountableManager!.Name);
        Assert.NotEmpty(thread.Entries);
        Assert.All(thread.Entries, entry => Assert.Equal(64, entry.Hash.Length));
        Assert.All(thread.Entries, entry => Assert.Equal(64, entry.PreviousHash.Length));
        Assert.Equal($"\"{thread.Entries.Max(e => e.Sequence)}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task AManagerAnswersAndTheWorkersSideAcceptsEachAnsweringTheNewStateAndETag()
    {
        var system = await FreshCycles.OpenAsync(app, "api-answer", 1);
        var manager = await app.ApiClientAsync(DemoLogins.Daniel, R);
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);

        var answered = await manager.PostAsJsonAsync(Question(system, 1, "answer"), new QuestionsApi.AnswerBody("We use it for rosters."), ApiClients.Json);
        var accepted = await steward.PostAsync(Question(system, 1, "accept"), null);

        answered.EnsureSuccessStatusCode();
        var afterAnswer = (await answered.Content.ReadFromJsonAsync<QuestionThread>(ApiClients.Json))!;
        Assert.Equal(QuestionState.Answered, afterAnswer.State);
        Assert.Equal("We use it for rosters.", afterAnswer.Entries[^1].Text);
        Assert.Equal(QuestionsApi.ETagOf(afterAnswer), answered.Headers.ETag?.ToString());
        accepted.EnsureSuccessStatusCode();
        Assert.NotEqual(answered.Headers.ETag, accepted.Headers.ETag);
        Assert.Equal(QuestionState.Accepted, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedWith412AndTheCurrentETagAndNothingChanges()
    {
        var system = await FreshCycles.OpenAsync(app, "api-stale", 1);
        var manager = await app.ApiClientAsync(DemoLogins.Daniel, R);
        var stale = (await manager.GetAsync(Question(system, 1))).Headers.ETag!;
        await app.SendAsAsync(DemoLogins.Amara, new SendReminder(R, system, 1, 1));
        var before = await ThreadAsync(system, 1);

        var request = new HttpRequestMessage(HttpMethod.Post, Question(system, 1, "answer"))
        {
            Content = JsonContent.Create(new QuestionsApi.AnswerBody("Written against an old page."), options: ApiClients.Json),
        };
        request.Headers.IfMatch.Add(stale);
        var response = await manager.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.PreconditionFailed, problem.Type);
        Assert.Equal($"/api/v1/organisations/{R}/systems/{system}/cycles/1/questions/1", problem.Reload);
        Assert.Equal(QuestionsApi.ETagOf(before), response.Headers.ETag?.ToString());
        var after = await ThreadAsync(system, 1);
        Assert.Equal(QuestionState.Sent, after.State);
        Assert.Equal(before.Entries.Count, after.Entries.Count);
    }

    [Fact]
    public async Task TheCurrentIfMatchLetsTheWriteThrough()
    {
        var system = await FreshCycles.OpenAsync(app, "api-current", 1);
        var manager = await app.ApiClientAsync(DemoLogins.Daniel, R);
        var current = (await manager.GetAsync(Question(system, 1))).Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Post, Question(system, 1, "answer"))
        {
            Content = JsonContent.Create(new QuestionsApi.AnswerBody("Written against the current page."), options: ApiClients.Json),
        };
        request.Headers.IfMatch.Add(current);
        var response = await manager.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal(QuestionState.Answered, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task AnEmptyAnswerIsAValidationProblemNamingTheField()
    {
        var system = await FreshCycles.OpenAsync(app, "api-answer-empty", 1);
        var manager = await app.ApiClientAsync(DemoLogins.Daniel, R);

        var response = await manager.PostAsJsonAsync(Question(system, 1, "answer"), new QuestionsApi.AnswerBody(""), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("answer", (await response.ProblemAsync()).Errors!.Keys);
        Assert.Equal(QuestionState.Sent, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task AcceptingAQuestionNotYetAnsweredIsRefusedWithTheRulesWords()
    {
        var system = await FreshCycles.OpenAsync(app, "api-accept-early", 1);
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await steward.PostAsync(Question(system, 1, "accept"), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.RuleRefused, problem.Type);
        Assert.NotEmpty(problem.Rules!);
        Assert.Equal(QuestionState.Sent, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task AManagerWithoutTheStewardsRoleCannotWithdrawAQuestion()
    {
        var system = await FreshCycles.OpenAsync(app, "api-withdraw-forbidden", 1);
        var manager = await app.ApiClientAsync(DemoLogins.Daniel, R);

        var response = await manager.PostAsJsonAsync(Question(system, 1, "withdraw"), new QuestionsApi.WithdrawBody("Not wanted."), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await response.ProblemAsync()).Type);
        Assert.Equal(QuestionState.Sent, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task ChallengingAnAnswerAndTheCommitteesResolutionSettleTheQuestion()
    {
        var system = await FreshCycles.OpenAsync(app, "api-challenge", 1);
        await app.SendAsAsync(DemoLogins.Daniel, new AnswerQuestion(R, system, 1, 1, "An answer."));

        var challenged = await (await app.ApiClientAsync(DemoLogins.Amara, R)).PostAsJsonAsync(Question(system, 1, "challenge"), new QuestionsApi.ChallengeBody("It leaves out the forecasts."), ApiClients.Json);
        Assert.Equal(QuestionState.Challenged, (await Read(challenged)).State);
        var resolved = await (await app.ApiClientAsync(DemoLogins.Helen, R)).PostAsJsonAsync(Question(system, 1, "resolve"), new QuestionsApi.ResolutionBody("The committee agrees a review."), ApiClients.Json);

        Assert.Equal(QuestionState.Resolved, (await Read(resolved)).State);
        Assert.Equal(QuestionState.Resolved, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task AskingForClarificationSendsTheAnswerBackToTheManager()
    {
        var system = await FreshCycles.OpenAsync(app, "api-clarify", 1);
        await app.SendAsAsync(DemoLogins.Daniel, new AnswerQuestion(R, system, 1, 1, "An answer."));

        var response = await (await app.ApiClientAsync(DemoLogins.Amara, R)).PostAsJsonAsync(Question(system, 1, "request-clarification"), new QuestionsApi.ClarificationBody("Which wards?"), ApiClients.Json);

        Assert.Equal(QuestionState.ClarificationRequested, (await Read(response)).State);
        Assert.Equal(QuestionState.ClarificationRequested, (await ThreadAsync(system, 1)).State);
    }

    [Fact]
    public async Task TheManagerDelegatesAndTheWorkersSideReassigns()
    {
        var system = await FreshCycles.OpenAsync(app, "api-route", 1, 2);

        var delegated = await (await app.ApiClientAsync(DemoLogins.Daniel, R)).PostAsJsonAsync(Question(system, 1, "delegate"), new QuestionsApi.DelegateBody("priya-nair", "She runs the data."), ApiClients.Json);
        var reassigned = await (await app.ApiClientAsync(DemoLogins.Amara, R)).PostAsJsonAsync(Question(system, 2, "reassign"), new QuestionsApi.ReassignBody("kwame-asante", "He owns it now."), ApiClients.Json);

        Assert.Equal("priya-nair", (await Read(delegated)).Delegate?.Key);
        Assert.Equal("kwame-asante", (await Read(reassigned)).AccountableManager?.Key);
        Assert.Equal("priya-nair", (await ThreadAsync(system, 1)).Delegate?.Key);
        Assert.Equal("kwame-asante", (await ThreadAsync(system, 2)).AccountableManager?.Key);
    }

    [Fact]
    public async Task TheManagerAsksForMoreTimeAndTheWorkersSideGrantsIt()
    {
        var system = await FreshCycles.OpenAsync(app, "api-extension", 1);
        var deadline = (await ThreadAsync(system, 1)).Deadline;

        var asked = await (await app.ApiClientAsync(DemoLogins.Daniel, R)).PostAsJsonAsync(Question(system, 1, "request-extension"), new QuestionsApi.ExtensionBody(5, "The vendor is slow."), ApiClients.Json);
        Assert.Equal((QuestionState.ExtensionRequested, 5), ((await Read(asked)).State, (await ThreadAsync(system, 1)).RequestedExtensionDays));
        var granted = await (await app.ApiClientAsync(DemoLogins.Amara, R)).PostAsJsonAsync(Question(system, 1, "decide-extension"), new QuestionsApi.ExtensionDecisionBody(true, "Fine."), ApiClients.Json);

        var thread = await Read(granted);
        Assert.Equal(QuestionState.Sent, thread.State);
        Assert.True(thread.Deadline > deadline);
    }

    [Fact]
    public async Task AStewardRemindsAndEscalatesAtOnceAndEachIsInTheLog()
    {
        var system = await FreshCycles.OpenAsync(app, "api-chase", 1);
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);

        var reminded = await steward.PostAsync(Question(system, 1, "remind"), null);
        var escalated = await steward.PostAsync(Question(system, 1, "escalate"), null);

        Assert.Equal(LogEntryKind.Reminded, (await Read(reminded)).Entries[^1].Kind);
        Assert.Equal(LogEntryKind.Escalated, (await Read(escalated)).Entries[^1].Kind);
        Assert.Equal([LogEntryKind.Sent, LogEntryKind.Reminded, LogEntryKind.Escalated], (await ThreadAsync(system, 1)).Entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task AStewardSendsOneDraftAndWithdrawsAnother()
    {
        var system = await FreshCycles.OpenAsync(app, "api-send-one");
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);

        var sent = await steward.PostAsJsonAsync(Question(system, 1, "send"), new QuestionsApi.SendQuestionBody(FreshCycles.ManagerKey, 3), ApiClients.Json);
        var withdrawn = await steward.PostAsJsonAsync(Question(system, 2, "withdraw"), new QuestionsApi.WithdrawBody("Asked elsewhere."), ApiClients.Json);

        Assert.Equal(QuestionState.Sent, (await Read(sent)).State);
        Assert.Equal(QuestionState.Withdrawn, (await Read(withdrawn)).State);
        Assert.Equal(QuestionState.Withdrawn, (await ThreadAsync(system, 2)).State);
    }

    [Fact]
    public async Task TheRoutingOfferIsMadeOnlyOnTheAcceptedAnswerNamingTheAccountableManagers()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R, TokenAccess.ReadOnly);

        var offer = await client.GetFromJsonAsync<RoutingOffer>("/api/v1/organisations/" + R + "/systems/rostering/cycles/1/questions/8/routing-offer", ApiClients.Json);
        var elsewhere = await client.GetFromJsonAsync<RoutingOffer>("/api/v1/organisations/" + R + "/systems/rostering/cycles/1/questions/1/routing-offer", ApiClients.Json);

        var page = (RoutingOffer)(await app.SendAsAsync(DemoLogins.Admin, new GetRoutingOffer(R, "rostering", 1, 8)))!;
        Assert.Equal(page, offer);
        Assert.False(elsewhere!.Offered);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsQuestionsAndChangesNothing()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var client = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);
        var before = await ThreadAsync("rostering", 2, 6);

        var read = await client.GetAsync($"/api/v1/organisations/{R}/systems/rostering/cycles/2/questions/6");
        var write = await client.PostAsync($"/api/v1/organisations/{R}/systems/rostering/cycles/2/questions/6/remind", null);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(ApiProblemTypes.NotFound, (await write.ProblemAsync()).Type);
        Assert.Equal(before.Entries.Count, (await ThreadAsync("rostering", 2, 6)).Entries.Count);
    }

    private static async Task<QuestionThread> Read(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        Assert.NotNull(response.Headers.ETag);
        return (await response.Content.ReadFromJsonAsync<QuestionThread>(ApiClients.Json))!;
    }

    /// <summary>The question as its page reads it.</summary>
    private async Task<QuestionThread> ThreadAsync(string system, int number) => await ThreadAsync(system, 1, number);

    private async Task<QuestionThread> ThreadAsync(string system, int cycle, int number) =>
        (QuestionThread)(await app.SendAsAsync(DemoLogins.Amara, new GetQuestionThread(R, system, cycle, number)))!;
}
