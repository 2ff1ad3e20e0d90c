using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;

namespace CoGov.Web.Tests.Api;

/// <summary>The organisation through the API: its front page, its audit log page by page, and its two-factor requirement.</summary>
public sealed class OrganisationsApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R;

    [Fact]
    public async Task AReadOnlyTokenReadsTheOrganisationWithItsCommitteeAndSystemsAsThePageDoes()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var overview = await client.GetFromJsonAsync<OrganisationOverview>(Base, ApiClients.Json);

        var page = (OrganisationOverview)(await app.SendAsAsync(DemoLogins.Amara, new GetOrganisation(R)))!;
        Assert.Equal("Riverside Municipal Hospital", overview!.Name);
        Assert.Equal(page.Committee, overview.Committee);
        Assert.Equal(page.Systems.Select(s => s.Key), overview.Systems.Select(s => s.Key));
        Assert.Contains(overview.Systems, s => s.Key == "rostering" && s.LatestCycle == 2);
    }

    [Fact]
    public async Task TheAuditLogComesNewestFirstInPagesThatNeitherRepeatNorSkipAnEntry()
    {
        for (var i = 0; i < 3; i++)
        {
            await app.SendAsAsync(DemoLogins.Admin, new AddPerson(R, $"Audit Person {i}", $"audit{i}@riverside-hospital.example", Domain.Organisations.Side.Workers, "Porter"));
        }
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var lines = new List<AuditLine>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<ApiPage<AuditLine>>($"{Base}/audit?limit=2" + (after is null ? "" : $"&after={after}"), ApiClients.Json);
            Assert.InRange(page!.Items.Count, 1, 2);
            lines.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        var log = (AuditLog)(await app.SendAsAsync(DemoLogins.Admin, new GetAuditLog(R)))!;
        Assert.Equal(log.Entries, lines);
        Assert.Equal(lines.OrderByDescending(l => l.At).Select(l => l.At), lines.Select(l => l.At));
        Assert.Contains(lines, l => l.Text.Contains("Audit Person 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAuditLogIsRefusedToAStewardWhoIsNoChair()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var response = await client.GetAsync($"{Base}/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await response.ProblemAsync()).Type);
    }

    [Fact]
    public async Task APageLimitOutsideOneToTwoHundredIsAValidationProblemNamingTheLimit()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R);

        var response = await client.GetAsync($"{Base}/audit?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.Contains("limit", problem.Errors!.Keys);
    }

    [Fact]
    public async Task AnAdministratorRequiresASecondFactorAndFromThenOnTheApiAsksThemForOne()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        Assert.False((await client.GetFromJsonAsync<OrganisationsApi.TwoFactorRequirementView>($"{Base}/two-factor-requirement", ApiClients.Json))!.Required);
        try
        {
            var response = await client.PutAsJsonAsync($"{Base}/two-factor-requirement", new OrganisationsApi.ChangeTwoFactorRequirementBody(true), ApiClients.Json);

            response.EnsureSuccessStatusCode();
            Assert.True((await response.Content.ReadFromJsonAsync<OrganisationsApi.TwoFactorRequirementView>(ApiClients.Json))!.Required);
            Assert.True((bool)(await app.SendAsAsync(DemoLogins.Admin, new GetTwoFactorRequirement(R)))!);
            // The administrator has no second factor: the requirement now holds for their token as for their pages.
            var next = await client.GetAsync($"{Base}/two-factor-requirement");
            Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
            Assert.Equal(ApiProblemTypes.SecondFactorRequired, (await next.ProblemAsync()).Type);
        }
        finally
        {
            await app.SendAsAsync(DemoLogins.Admin, new ChangeTwoFactorRequirement(R, false));
        }
    }

    [Fact]
    public async Task OnlyAnAdministratorChangesTheTwoFactorRequirementAndAReadOnlyTokenChangesNothing()
    {
        var steward = await app.ApiClientAsync(DemoLogins.Amara, R);
        var readOnlyAdmin = await app.ApiClientAsync(DemoLogins.Admin, R, TokenAccess.ReadOnly);

        var bySteward = await steward.PutAsJsonAsync($"{Base}/two-factor-requirement", new OrganisationsApi.ChangeTwoFactorRequirementBody(true), ApiClients.Json);
        var byReadOnly = await readOnlyAdmin.PutAsJsonAsync($"{Base}/two-factor-requirement", new OrganisationsApi.ChangeTwoFactorRequirementBody(true), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, bySteward.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReadOnly.StatusCode);
        Assert.False((bool)(await app.SendAsAsync(DemoLogins.Admin, new GetTwoFactorRequirement(R)))!);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsOrganisationAddresses()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { Base, $"{Base}/audit", $"{Base}/two-factor-requirement" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    [Theory]
    [InlineData("GetOrganisation"), InlineData("ListAuditLog"), InlineData("GetTwoFactorRequirement"), InlineData("ChangeTwoFactorRequirement")]
    [InlineData("ListPeople"), InlineData("GetPerson"), InlineData("AddPerson"), InlineData("EditPerson"), InlineData("RetirePerson")]
    [InlineData("ListMembers"), InlineData("ListInvitablePeople"), InlineData("InviteMember"), InlineData("ChangeMemberRoles"), InlineData("RemoveMember"), InlineData("RevokeInvitation")]
    [InlineData("GetCommittee"), InlineData("ChangeCommitteeSeats"), InlineData("ChangeQuorumRule"), InlineData("GetCommitteeDashboard"), InlineData("ListCommitteeAgenda"), InlineData("ListCycleHistory")]
    [InlineData("ListSystems"), InlineData("ListSystemOwnerChoices"), InlineData("RegisterSystem"), InlineData("GetSystem"), InlineData("EditSystem"), InlineData("ChangeSystemStatus")]
    [InlineData("ListSystemHistory"), InlineData("GetSystemRouting"), InlineData("ChangeSystemRouting")]
    [InlineData("GetRoutingPolicy"), InlineData("ListPolicyHistory"), InlineData("GetPolicyForm"), InlineData("ChangeRoutingPolicy"), InlineData("ChangeWorkingCalendar"), InlineData("ImportRoutingPolicy")]
    [InlineData("ListTemplates"), InlineData("GetTemplate"), InlineData("ImportQuestionnaireTemplate"), InlineData("AdoptTemplate")]
    [InlineData("ListSystemRecords"), InlineData("GenerateAssessmentRecord"), InlineData("GenerateMeetingPack"), InlineData("DownloadRecord")]
    public async Task TheOpenApiDocumentDescribesTheOperationWithASummaryATagItsAnswerAndItsProblems(string operationId)
    {
        using var document = JsonDocument.Parse(await app.ApiClientWith(token: null).GetStringAsync("/openapi/v1.json"));

        var operation = Assert.Single(document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(verb => verb.Value)),
            o => o.TryGetProperty("operationId", out var id) && id.GetString() == operationId);
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
        var responses = operation.GetProperty("responses");
        var success = Assert.Single(responses.EnumerateObject(), r => r.Name.StartsWith('2'));
        Assert.True(success.Name == "204" || success.Value.TryGetProperty("content", out _), $"{operationId} answers {success.Name} without a schema.");
        Assert.All(["401", "403", "404"], status => Assert.True(responses.TryGetProperty(status, out _), $"{operationId} does not say it may answer {status}."));
        if (operationId.StartsWith("List", StringComparison.Ordinal) || operation.TryGetProperty("requestBody", out _))
        {
            Assert.True(responses.TryGetProperty("400", out _), $"{operationId} does not say it may answer 400.");
        }
    }
}
