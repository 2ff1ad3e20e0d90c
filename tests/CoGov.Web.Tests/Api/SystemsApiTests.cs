using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoGov.Domain.Systems;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Systems;

namespace CoGov.Web.Tests.Api;

/// <summary>
/// The register through the API: its entries, their history and status, and their routing, with each entry's version
/// as its ETag, so a change made from an old version is refused (412) rather than overwriting the one made since.
/// </summary>
public sealed class SystemsApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R + "/systems";

    [Fact]
    public async Task TheSystemsComeInPagesByNameAsTheOrganisationsPageListsThem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var first = await client.GetFromJsonAsync<ApiPage<SystemSummary>>($"{Base}?limit=2", ApiClients.Json);
        var rest = await client.GetFromJsonAsync<ApiPage<SystemSummary>>($"{Base}?after={first!.Next}", ApiClients.Json);

        var page = (OrganisationOverview)(await app.SendAsAsync(DemoLogins.Amara, new GetOrganisation(R)))!;
        Assert.Equal(page.Systems, first.Items.Concat(rest!.Items));
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task AnEntryIsReadWithItsVersionAsItsETag()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R, Workflows.AccessTokens.TokenAccess.ReadOnly);

        var response = await client.GetAsync($"{Base}/staff-monitoring");

        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<SystemsApi.SystemView>(ApiClients.Json);
        var page = (SystemRegisterView)(await app.SendAsAsync(DemoLogins.Helen, new GetSystem(R, "staff-monitoring")))!;
        Assert.Equal($"\"{page.Version}\"", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal((page.Version, page.System.Name, page.System.Vendor), (view!.Version, view.System.Name, view.System.Vendor));
        Assert.Equal(page.System.PersonalData, view.System.PersonalData);
    }

    [Fact]
    public async Task AnEditWithTheCurrentETagIsSavedAndOneWithAnOldETagIsRefusedWith412AndSavesNothing()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var read = await client.GetAsync($"{Base}/applicant-screening");
        var etag = read.Headers.ETag!;
        var entry = (await read.Content.ReadFromJsonAsync<SystemsApi.SystemView>(ApiClients.Json))!.System;

        var saved = await SendAsync(client, HttpMethod.Put, $"{Base}/applicant-screening", Edit(entry, "Screens applicants, and now ranks them."), etag);
        var stale = await SendAsync(client, HttpMethod.Put, $"{Base}/applicant-screening", Edit(entry, "Overwrites what was saved."), etag);

        saved.EnsureSuccessStatusCode();
        Assert.NotEqual(etag, saved.Headers.ETag);
        Assert.Equal("Screens applicants, and now ranks them.", (await saved.Content.ReadFromJsonAsync<SystemsApi.SystemView>(ApiClients.Json))!.System.Purpose);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.ProblemAsync();
        Assert.Equal(ApiProblemTypes.PreconditionFailed, problem.Type);
        Assert.Equal($"/api/v1/organisations/{R}/systems/applicant-screening", problem.Reload);
        Assert.Equal(saved.Headers.ETag, stale.Headers.ETag);
        var page = (SystemRegisterView)(await app.SendAsAsync(DemoLogins.Admin, new GetSystem(R, "applicant-screening")))!;
        Assert.Equal("Screens applicants, and now ranks them.", page.System.Purpose);
    }

    [Fact]
    public async Task AnEditFromAnOldVersionInTheBodyIsAConflictSayingWhatToReloadAndOneWithNoVersionIsAValidationProblem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);
        var view = await client.GetFromJsonAsync<SystemsApi.SystemView>($"{Base}/rostering", ApiClients.Json);

        var old = await client.PutAsJsonAsync($"{Base}/rostering", Edit(view!.System, "Old.") with { ExpectedVersion = view.Version - 1 }, ApiClients.Json);
        var none = await client.PutAsJsonAsync($"{Base}/rostering", Edit(view.System, "None."), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        var conflict = await old.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Conflict, conflict.Type);
        Assert.Equal($"/api/v1/organisations/{R}/systems/rostering", conflict.Reload);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("expectedVersion", (await none.ProblemAsync()).Errors!.Keys);
        var page = (SystemRegisterView)(await app.SendAsAsync(DemoLogins.Amara, new GetSystem(R, "rostering")))!;
        Assert.Equal((view.Version, view.System.Purpose), (page.Version, page.System.Purpose));
    }

    [Fact]
    public async Task ARegisteredSystemIsCreatedAtItsAddressAndANamelessOneIsAValidationProblem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Leila, R);

        var created = await client.PostAsJsonAsync(Base, new SystemsApi.RegisterSystemBody(
            null, "Sickness Absence Triage", "Sorts absence reports for follow-up.", "Halden Ltd", Sourcing.Procured, null, ["Absence dates"], "Human Resources",
            SystemStatus.Pilot, new DateOnly(2026, 11, 1)), ApiClients.Json);
        var nameless = await client.PostAsJsonAsync(Base, new SystemsApi.RegisterSystemBody(
            "nameless", "", "Purpose.", "Vendor", Sourcing.Procured, null, [], "Human Resources"), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Base}/sickness-absence-triage", created.Headers.Location!.OriginalString);
        var view = await client.GetFromJsonAsync<SystemsApi.SystemView>(created.Headers.Location, ApiClients.Json);
        Assert.Equal((SystemStatus.Pilot, new DateOnly(2026, 11, 1)), (view!.System.Status, view.System.StatusSince));
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Contains("name", (await nameless.ProblemAsync()).Errors!.Keys);
        var page = (OrganisationOverview)(await app.SendAsAsync(DemoLogins.Leila, new GetOrganisation(R)))!;
        Assert.Contains(page.Systems, s => s.Key == "sickness-absence-triage");
        Assert.DoesNotContain(page.Systems, s => s.Key == "nameless");
    }

    [Fact]
    public async Task ASystemRetiresWithItsReasonAndRetiringAgainIsRefusedByTheRule()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        await app.SendAsAsync(DemoLogins.Admin, new RegisterSystem(R, "old-pager", "Old Pager", "Pages porters.", "Beep Ltd", Sourcing.Procured, null, [], "Estates"));

        var noReason = await client.PostAsJsonAsync($"{Base}/old-pager/status", new SystemsApi.ChangeSystemStatusBody(SystemStatus.Retired, null, null, 1), ApiClients.Json);
        var retired = await SendAsync(client, HttpMethod.Post, $"{Base}/old-pager/status",
            new SystemsApi.ChangeSystemStatusBody(SystemStatus.Retired, null, "Replaced by handsets."), EntityTagHeaderValue.Any);
        var again = await SendAsync(client, HttpMethod.Post, $"{Base}/old-pager/status",
            new SystemsApi.ChangeSystemStatusBody(SystemStatus.Retired, null, "Twice."), EntityTagHeaderValue.Any);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Say why the system is retired.", (await noReason.ProblemAsync()).Errors!["reason"]);
        retired.EnsureSuccessStatusCode();
        var view = await retired.Content.ReadFromJsonAsync<SystemsApi.SystemView>(ApiClients.Json);
        Assert.Equal((SystemStatus.Retired, new DateOnly(2026, 11, 23)), (view!.System.Status, view.System.StatusSince));
        Assert.Empty(view.NextStatuses);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains((await again.ProblemAsync()).Rules!, r => r.Contains("which is final", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHistoryListsEveryVersionOldestFirstInPages()
    {
        var client = await app.ApiClientAsync(DemoLogins.Tomasz, R);

        var first = await client.GetFromJsonAsync<ApiPage<SystemVersionRow>>($"{Base}/staff-monitoring/history?limit=1", ApiClients.Json);

        var page = (SystemHistory)(await app.SendAsAsync(DemoLogins.Tomasz, new GetSystemHistory(R, "staff-monitoring")))!;
        Assert.Equal(page.Versions[0].Number, Assert.Single(first!.Items).Number);
        Assert.Equal(page.Versions[0].Differences, first.Items[0].Differences);
        Assert.Equal(page.Versions.Count > 1, first.Next is not null);
    }

    [Fact]
    public async Task OwnerChoicesArePeopleNotRetired()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var owners = await client.GetFromJsonAsync<ApiPage<OwnerChoice>>($"{Base}/new/owners?limit=200", ApiClients.Json);

        var page = (SystemRegistration)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemRegistration(R)))!;
        Assert.Equal(page.People.Select(p => p.Key).Order(), owners!.Items.Select(p => p.Key).Order());
        Assert.Contains(owners.Items, p => p.Key == "daniel-reyes");
    }

    [Fact]
    public async Task ASystemsRoutingChangesWithThePolicysETagAndTheRoutingPageSeesIt()
    {
        var client = await app.ApiClientAsync(DemoLogins.Leila, R);
        var read = await client.GetAsync($"{Base}/staff-monitoring/routing");
        var before = (await read.Content.ReadFromJsonAsync<SystemRoutingForm>(ApiClients.Json))!;
        Assert.Equal($"\"{before.Version}\"", read.Headers.ETag!.Tag);

        var changed = await SendAsync(client, HttpMethod.Put, $"{Base}/staff-monitoring/routing",
            new SystemsApi.ChangeSystemRoutingBody("priya-nair", [], 6), read.Headers.ETag);
        var stale = await SendAsync(client, HttpMethod.Put, $"{Base}/staff-monitoring/routing",
            new SystemsApi.ChangeSystemRoutingBody("kwame-asante", [], null), read.Headers.ETag);

        changed.EnsureSuccessStatusCode();
        var after = await changed.Content.ReadFromJsonAsync<SystemRoutingForm>(ApiClients.Json);
        Assert.Equal(("priya-nair", 6, before.Version + 1), (after!.DefaultManagerKey, after.ReassessmentIntervalMonths, after.Version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var page = (SystemRoutingForm)(await app.SendAsAsync(DemoLogins.Leila, new GetSystemRoutingForm(R, "staff-monitoring")))!;
        Assert.Equal("priya-nair", page.DefaultManagerKey);
    }

    [Fact]
    public async Task AManagerMayReadTheRegisterButNeitherEditItNorRouteIt()
    {
        var client = await app.ApiClientAsync(DemoLogins.Daniel, R);
        var view = await client.GetFromJsonAsync<SystemsApi.SystemView>($"{Base}/staff-monitoring", ApiClients.Json);

        var edit = await client.PutAsJsonAsync($"{Base}/staff-monitoring", Edit(view!.System, "Not his to change.") with { ExpectedVersion = view.Version }, ApiClients.Json);
        var routing = await client.GetAsync($"{Base}/staff-monitoring/routing");

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await edit.ProblemAsync()).Type);
        Assert.Equal(HttpStatusCode.Forbidden, routing.StatusCode);
        var page = (SystemRegisterView)(await app.SendAsAsync(DemoLogins.Daniel, new GetSystem(R, "staff-monitoring")))!;
        Assert.Equal(view.Version, page.Version);
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsSystems()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { Base, $"{Base}/rostering", $"{Base}/rostering/history", $"{Base}/new/owners" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    private static SystemsApi.EditSystemBody Edit(SystemDetail entry, string purpose) => new(
        entry.Name, purpose, entry.Vendor, entry.Sourcing, entry.ContractNotes, entry.PersonalData, entry.Department, entry.Owner?.Key, entry.Contact,
        entry.DecisionsSupported, entry.HumanOversight, entry.DataSources, entry.StorageJurisdiction, entry.Retention, entry.WorkersAffected,
        entry.WorkersAffectedCount, entry.ImpactAssessments);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string address, object body, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(method, address) { Content = JsonContent.Create(body, body.GetType(), options: ApiClients.Json) };
        request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }
}
