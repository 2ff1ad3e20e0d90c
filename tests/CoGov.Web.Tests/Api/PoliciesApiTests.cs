using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoGov.Domain.Policies;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Policies;

namespace CoGov.Web.Tests.Api;

/// <summary>The routing policy through the API: read, changed from the version in force (its ETag), its history, and imported as a file.</summary>
public sealed class PoliciesApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R + "/policy";

    [Fact]
    public async Task ThePolicyInForceIsReadWithItsVersionAsItsETag()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await client.GetAsync(Base);

        response.EnsureSuccessStatusCode();
        var policy = await response.Content.ReadFromJsonAsync<RoutingPolicyView>(ApiClients.Json);
        var page = (RoutingPolicyView)(await app.SendAsAsync(DemoLogins.Admin, new GetRoutingPolicy(R)))!;
        Assert.True(policy!.IsOwn);
        Assert.Equal($"\"{page.Version}\"", response.Headers.ETag!.Tag);
        Assert.Equal((page.Version, page.Yaml, page.Terms.TimeZone), (policy.Version, policy.Yaml, policy.Terms.TimeZone));
        Assert.Equal(page.Terms.Escalation, policy.Terms.Escalation);
        Assert.Equal(page.DefaultManager, policy.DefaultManager);
    }

    [Fact]
    public async Task TheCalendarChangesFromTheCurrentETagAndAChangeFromTheOldOneIsRefusedWith412()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var form = await client.GetAsync($"{Base}/form");
        var etag = form.Headers.ETag!;
        var before = (await form.Content.ReadFromJsonAsync<PoliciesApi.PolicyFormView>(ApiClients.Json))!;
        Assert.Equal($"\"{before.Version}\"", etag.Tag);

        var changed = await SendAsync(client, $"{Base}/calendar", new PoliciesApi.ChangeWorkingCalendarBody("Europe/London", [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]), etag);
        var stale = await SendAsync(client, $"{Base}/calendar", new PoliciesApi.ChangeWorkingCalendarBody("Europe/Paris", []), etag);

        changed.EnsureSuccessStatusCode();
        var policy = await changed.Content.ReadFromJsonAsync<RoutingPolicyView>(ApiClients.Json);
        Assert.Equal(before.Version + 1, policy!.Version);
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)], policy.Terms.Holidays);
        Assert.Equal($"\"{before.Version + 1}\"", changed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal($"/api/v1/organisations/{R}/policy/form", (await stale.ProblemAsync()).Reload);
        var page = (PolicyForm)(await app.SendAsAsync(DemoLogins.Admin, new GetPolicyForm(R)))!;
        Assert.Equal(("Europe/London", before.Version + 1), (page.Spec.TimeZone, page.Version));
    }

    [Fact]
    public async Task ACalendarWithoutATimeZoneIsAValidationProblemNamingTheField()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await SendAsync(client, $"{Base}/calendar", new PoliciesApi.ChangeWorkingCalendarBody("", []), EntityTagHeaderValue.Any);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose the organisation's time zone.", (await response.ProblemAsync()).Errors!["timeZone"]);
    }

    [Fact]
    public async Task TheRoutingChangesFromTheVersionInTheBodyAndTheHistoryListsItNewestFirst()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var form = (await client.GetFromJsonAsync<PoliciesApi.PolicyFormView>($"{Base}/form", ApiClients.Json))!;
        var spec = form.Spec;

        var response = await client.PutAsJsonAsync($"{Base}/routing", new PoliciesApi.ChangeRoutingPolicyBody(
            "priya-nair", [.. spec.ManagerByTheme.Select(m => new ThemeManagerChoice(m.Key, m.Value))], 12, [.. spec.DeadlineDaysByTheme.Select(d => new ThemeDeadlineChoice(d.Key, d.Value))],
            spec.ClarificationDeadlineDays, spec.ReminderDaysBeforeDue, spec.Escalation, spec.EscalationIntervalDays, spec.ReassessmentIntervalMonths, spec.CycleLengthDays,
            BasedOnVersion: form.Version), ApiClients.Json);

        response.EnsureSuccessStatusCode();
        var policy = await response.Content.ReadFromJsonAsync<RoutingPolicyView>(ApiClients.Json);
        Assert.Equal(("priya-nair", 12), (policy!.DefaultManager!.Key, policy.Terms.DefaultDeadlineDays));
        var history = await client.GetFromJsonAsync<ApiPage<PolicyVersionView>>($"{Base}/history?limit=1", ApiClients.Json);
        Assert.Equal(policy.Version, Assert.Single(history!.Items).Number);
        Assert.NotNull(history.Next);
        var next = await client.GetFromJsonAsync<ApiPage<PolicyVersionView>>($"{Base}/history?limit=1&after={history.Next}", ApiClients.Json);
        Assert.Equal(policy.Version - 1, Assert.Single(next!.Items).Number);
    }

    [Fact]
    public async Task APolicyFileIsImportedAsANewVersionAndABrokenOneListsItsProblemsAndChangesNothing()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var before = (RoutingPolicyView)(await app.SendAsAsync(DemoLogins.Admin, new GetRoutingPolicy(R)))!;

        var broken = await client.PostAsJsonAsync($"{Base}/import", new PoliciesApi.ImportFileBody("policy.yaml", "defaultDeadlineDays: [not, a, number]\n"), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var problem = await broken.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.NotEmpty(problem.Errors!);
        Assert.All(problem.Errors!.Values.SelectMany(m => m), m => Assert.StartsWith("policy.yaml", m, StringComparison.Ordinal));
        Assert.Equal(before.Version, ((RoutingPolicyView)(await app.SendAsAsync(DemoLogins.Admin, new GetRoutingPolicy(R)))!).Version);

        var imported = await client.PostAsJsonAsync($"{Base}/import", new PoliciesApi.ImportFileBody("policy.yaml", before.Yaml.Replace("cycleLengthDays: 90", "cycleLengthDays: 60", StringComparison.Ordinal)), ApiClients.Json);

        imported.EnsureSuccessStatusCode();
        var policy = await imported.Content.ReadFromJsonAsync<RoutingPolicyView>(ApiClients.Json);
        Assert.Equal((before.Version + 1, 60), (policy!.Version, policy.Terms.CycleLengthDays));
    }

    [Fact]
    public async Task AChairMayNeitherReadNorChangeTheOrganisationsPolicy()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R);

        var read = await client.GetAsync(Base);
        var change = await SendAsync(client, $"{Base}/calendar", new PoliciesApi.ChangeWorkingCalendarBody("Europe/Paris", []), EntityTagHeaderValue.Any);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await change.ProblemAsync()).Type);
        Assert.NotEqual("Europe/Paris", ((PolicyForm)(await app.SendAsAsync(DemoLogins.Admin, new GetPolicyForm(R)))!).Spec.TimeZone);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsPolicyAddresses()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { Base, $"{Base}/history", $"{Base}/form" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string address, object body, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, address) { Content = JsonContent.Create(body, body.GetType(), options: ApiClients.Json) };
        request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }
}
