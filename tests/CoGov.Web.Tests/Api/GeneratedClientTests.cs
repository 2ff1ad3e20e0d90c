using CoGov.Domain.Systems;
using CoGov.Web.Api;
using CoGov.Workflows.Systems;

namespace CoGov.Web.Tests.Api;

/// <summary>
/// The API as a program sees it: a client generated from <c>/openapi/v1.json</c> at test time walks a whole cycle with
/// real tokens, calling each operation by its operationId, and meets a stale If-Match and a validation problem.
/// </summary>
public sealed class GeneratedClientTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Manager = "daniel-reyes";

    [Fact]
    public async Task AClientGeneratedFromTheDocumentWalksACycleFromOpeningToCountersignatureAndItsLogVerifies()
    {
        var system = await RegisterSystemAsync("generated-walk");
        var steward = await GeneratedApiClient.ForAsync(app, DemoLogins.Steward, R);
        var managers = new Dictionary<string, GeneratedApiClient>();

        var opening = (await steward.CallAsync("GetCycleOpening", new { organisationKey = R, systemKey = system })).Result;
        Assert.True((bool)opening.MayOpen);
        var opened = await steward.CallAsync("OpenCycle", new
        {
            organisationKey = R,
            systemKey = system,
            body = new { templateKey = (string)opening.DefaultQuestionnaire, accountableManagerKey = Manager },
        });
        Assert.Equal(201, (int)opened.StatusCode);
        int cycle = opened.Result.Number;

        var plan = (await steward.CallAsync("GetSendPlan", new { organisationKey = R, systemKey = system, cycle })).Result;
        var routings = new List<object>();
        foreach (var theme in plan.Themes)
        {
            foreach (var question in theme.Questions)
            {
                routings.Add(new { number = (int)question.Number, assigneeKey = (string?)question.AssigneeKey ?? Manager });
            }
        }
        await steward.CallAsync("SendQuestions", new { organisationKey = R, systemKey = system, cycle, body = new { questions = routings } });

        var numbers = routings.Select(r => (int)((dynamic)r).number).ToList();
        foreach (var number in numbers)
        {
            var question = new { organisationKey = R, systemKey = system, cycle, number };
            var sent = await steward.CallAsync("GetQuestionThread", question);
            string assignee = sent.Result.AccountableManager.Key;
            if (!managers.TryGetValue(assignee, out var manager))
            {
                managers[assignee] = manager = await GeneratedApiClient.ForAsync(app, DemoLogins.EmailOf(assignee), R);
            }
            var answered = await manager.CallAsync("AnswerQuestion", new
            {
                organisationKey = R, systemKey = system, cycle, number, body = new { answer = $"Answer to question {number}." },
            });
            var accepted = await steward.CallAsync("AcceptAnswer", new
            {
                organisationKey = R, systemKey = system, cycle, number, ifMatch = GeneratedApiClient.Header(answered, "ETag"),
            });
            Assert.Equal("Accepted", ((object)accepted.Result.State).ToString());
        }

        var signer = managers[Manager];
        var sheet = (await signer.CallAsync("GetSignOff", new { organisationKey = R, systemKey = system, cycle })).Result;
        Assert.True((bool)sheet.CanSignOff);
        await signer.CallAsync("SignOffCycle", new { organisationKey = R, systemKey = system, cycle, body = new { statement = "Management signs this cycle off." } });
        var countersigned = (await steward.CallAsync("CountersignCycle", new
        {
            organisationKey = R, systemKey = system, cycle, body = new { statement = "The workers' side countersigns." },
        })).Result;

        Assert.Equal("SignedOff", ((object)countersigned.State).ToString());
        Assert.Equal("The workers' side countersigns.", (string)countersigned.WorkersCountersignature.Statement);
        var read = (await steward.CallAsync("GetCycle", new { organisationKey = R, systemKey = system, cycle })).Result;
        Assert.Equal("SignedOff", ((object)read.State).ToString());
        var thread = (await steward.CallAsync("GetQuestionThread", new { organisationKey = R, systemKey = system, cycle, number = numbers[0] })).Result;
        Assert.True((bool)thread.Log.IsIntact);
        // Opened, then each question sent, answered and accepted, then both signatures.
        Assert.Equal(1 + (3 * numbers.Count) + 2, (int)thread.Log.EntryCount);
        Assert.Empty((System.Collections.IEnumerable)thread.PermittedActions);
    }

    [Fact]
    public async Task TheGeneratedClientMeetsAStaleIfMatchAs412AndAnEmptyAnswerAsAValidationProblemNamingTheField()
    {
        var system = await RegisterSystemAsync("generated-refusals");
        var steward = await GeneratedApiClient.ForAsync(app, DemoLogins.Steward, R);
        var opening = (await steward.CallAsync("GetCycleOpening", new { organisationKey = R, systemKey = system })).Result;
        int cycle = (await steward.CallAsync("OpenCycle", new
        {
            organisationKey = R, systemKey = system, body = new { templateKey = (string)opening.DefaultQuestionnaire, accountableManagerKey = Manager },
        })).Result.Number;
        var question = new { organisationKey = R, systemKey = system, cycle, number = 1 };
        var draft = await steward.CallAsync("GetQuestionThread", question);
        var stale = GeneratedApiClient.Header(draft, "ETag");
        await steward.CallAsync("SendQuestion", new { organisationKey = R, systemKey = system, cycle, number = 1, body = new { assigneeKey = Manager } });

        var refused = await steward.RefusalAsync("WithdrawQuestion", new
        {
            organisationKey = R, systemKey = system, cycle, number = 1, ifMatch = stale, body = new { reason = "Not needed this cycle." },
        });

        Assert.Equal(412, (int)refused.StatusCode);
        Assert.Equal(ApiProblemTypes.PreconditionFailed, (string)refused.Result.Type);
        var now = await steward.CallAsync("GetQuestionThread", question);
        Assert.Equal("Sent", ((object)now.Result.State).ToString());
        Assert.Equal(GeneratedApiClient.Header(now, "ETag"), GeneratedApiClient.Header(refused, "ETag"));

        var manager = await GeneratedApiClient.ForAsync(app, DemoLogins.Manager, R);
        var invalid = await manager.RefusalAsync("AnswerQuestion", new { organisationKey = R, systemKey = system, cycle, number = 1, body = new { answer = "" } });
        Assert.Equal(400, (int)invalid.StatusCode);
        Assert.Equal(ApiProblemTypes.Validation, (string)invalid.Result.Type);
        Assert.Contains("answer", ((IDictionary<string, ICollection<string>>)invalid.Result.Errors).Keys);
    }

    private async Task<string> RegisterSystemAsync(string key)
    {
        await app.SendAsAsync(DemoLogins.Admin, new RegisterSystem(R, key, $"Generated client {key}", "Decides shifts.", "Vendor", Sourcing.Procured, null, [], "Operations"));
        return key;
    }
}
