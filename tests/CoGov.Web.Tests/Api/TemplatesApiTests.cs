using System.Net;
using System.Net.Http.Json;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Templates;

namespace CoGov.Web.Tests.Api;

/// <summary>The questionnaires through the API: listed, uploaded as the organisation's own, and adopted.</summary>
public sealed class TemplatesApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R + "/templates";

    private const string NightSurvey = """
        key: night-survey
        version: 1
        languages: [en]
        title:
          en: Night survey
        themes:
          - key: nights
            title:
              en: Nights
            rationale:
              en: Why nights matter.
            questions:
              - number: 1
                key: night-allocation
                text:
                  en: How are night shifts allocated?
        """;

    [Fact]
    public async Task TheQuestionnairesAreListedWithTheVersionInUse()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var page = await client.GetFromJsonAsync<ApiPage<QuestionnaireVersions>>(Base, ApiClients.Json);

        var overview = (TemplatesOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetTemplates(R)))!;
        Assert.Equal(overview.Questionnaires.Select(q => q.Key).Order(StringComparer.Ordinal), page!.Items.Select(q => q.Key));
        var psi = page.Items.Single(q => q.Key == "psi-co-governance");
        Assert.Equal(overview.Questionnaires.Single(q => q.Key == "psi-co-governance").InUse, psi.InUse);
        Assert.NotNull(psi.InUse);
    }

    [Fact]
    public async Task AnUploadedQuestionnaireIsCreatedAtItsAddressAndThenAdopted()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var created = await client.PostAsJsonAsync(Base, new PoliciesApi.ImportFileBody("night-survey.yaml", NightSurvey), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Base}/night-survey", created.Headers.Location!.OriginalString);
        var uploaded = await created.Content.ReadFromJsonAsync<QuestionnaireVersions>(ApiClients.Json);
        Assert.Null(uploaded!.InUse);
        Assert.True(Assert.Single(uploaded.Versions).Own);

        var adopted = await client.PostAsync($"{Base}/night-survey/versions/1/adopt?own=true", null);

        adopted.EnsureSuccessStatusCode();
        Assert.Equal((1, true), ((await adopted.Content.ReadFromJsonAsync<QuestionnaireVersions>(ApiClients.Json))!.InUse!.Version, true));
        var overview = (TemplatesOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetTemplates(R)))!;
        Assert.Equal((1, true), (overview.Questionnaires.Single(q => q.Key == "night-survey").InUse!.Version, overview.Questionnaires.Single(q => q.Key == "night-survey").InUse!.Own));
    }

    [Fact]
    public async Task ABrokenQuestionnaireFileIsAValidationProblemAndNothingIsAdded()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await client.PostAsJsonAsync(Base, new PoliciesApi.ImportFileBody("broken.yaml", "key: broken-survey\nversion: one\n"), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.All(problem.Errors!.Values.SelectMany(m => m), m => Assert.StartsWith("broken.yaml", m, StringComparison.Ordinal));
        var overview = (TemplatesOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetTemplates(R)))!;
        Assert.DoesNotContain(overview.Questionnaires, q => q.Key == "broken-survey");
    }

    [Fact]
    public async Task AVersionThereIsNotIsNotFoundAndAStewardMayNeitherListNorUpload()
    {
        var admin = await app.ApiClientAsync(DemoLogins.Admin, R);
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);

        var missing = await admin.PostAsync($"{Base}/psi-co-governance/versions/99/adopt", null);
        var list = await steward.GetAsync(Base);
        var upload = await steward.PostAsJsonAsync(Base, new PoliciesApi.ImportFileBody("night-survey.yaml", NightSurvey.Replace("night-survey", "steward-survey", StringComparison.Ordinal)), ApiClients.Json);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ApiProblemTypes.NotFound, (await missing.ProblemAsync()).Type);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var overview = (TemplatesOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetTemplates(R)))!;
        Assert.DoesNotContain(overview.Questionnaires, q => q.Key == "steward-survey");
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsQuestionnaires()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { Base, $"{Base}/psi-co-governance" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }
}
