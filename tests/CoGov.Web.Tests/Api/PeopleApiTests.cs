using System.Net;
using System.Net.Http.Json;
using CoGov.Domain.Organisations;
using CoGov.Web.Api;
using CoGov.Web.Infrastructure;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Members;
using CoGov.Workflows.People;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Api;

/// <summary>The organisation's people and members through the API, with the same rules and refusals as their pages.</summary>
public sealed class PeopleApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R;

    [Fact]
    public async Task PeopleComeInPagesBySideAndNameEachPersonOnce()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var first = await client.GetFromJsonAsync<ApiPage<PersonRow>>($"{Base}/people?limit=4", ApiClients.Json);
        var rest = await client.GetFromJsonAsync<ApiPage<PersonRow>>($"{Base}/people?limit=200&after={first!.Next}", ApiClients.Json);

        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.Equal(4, first.Items.Count);
        Assert.Null(rest!.Next);
        Assert.Equal(people.People.Select(p => p.Key).Order(), first.Items.Concat(rest.Items).Select(p => p.Key).Order());
        Assert.All(first.Items.Take(3), p => Assert.Equal(Side.Workers, p.Side));
        Assert.Contains(first.Items, p => p.Key == "leila-haddad" && p.Seat == CommitteeRole.Chair && p.SuperiorKey is null);
    }

    [Fact]
    public async Task AnAddedPersonIsCreatedAtTheirAddressAndThePeoplePageSeesThem()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await client.PostAsJsonAsync($"{Base}/people",
            new PeopleApi.AddPersonBody("Ruth Mensah", "ruth.mensah@riverside-hospital.example", Side.Management, "Head of Estates", "Estates", "helen-marsh"), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{Base}/people/ruth-mensah", response.Headers.Location!.OriginalString);
        var created = await response.Content.ReadFromJsonAsync<PersonRow>(ApiClients.Json);
        Assert.Equal(("ruth-mensah", "Helen Marsh", Side.Management), (created!.Key, created.SuperiorName, created.Side));
        var read = await client.GetFromJsonAsync<PersonRow>(response.Headers.Location, ApiClients.Json);
        Assert.Equal(created, read);
        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.Contains(people.People, p => p.Key == "ruth-mensah" && p.Title == "Head of Estates");
    }

    [Fact]
    public async Task APersonWithoutANameIsAValidationProblemNamingTheFieldAndNothingIsAdded()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await client.PostAsJsonAsync($"{Base}/people",
            new PeopleApi.AddPersonBody("", "nobody@riverside-hospital.example", Side.Workers, "Porter"), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Validation, problem.Type);
        Assert.Contains("Give the person's name.", problem.Errors!["name"]);
        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.DoesNotContain(people.People, p => p.Email == "nobody@riverside-hospital.example");
    }

    [Fact]
    public async Task AnEditedPersonIsReadBackChangedAndARetiredOneKeepsTheirPlace()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        await app.SendAsAsync(DemoLogins.Admin, new AddPerson(R, "Sol Varga", "sol.varga@riverside-hospital.example", Side.Workers, "Porter", Key: "sol-varga"));

        var edited = await client.PutAsJsonAsync($"{Base}/people/sol-varga",
            new PeopleApi.EditPersonBody("Sol Varga", "sol.varga@riverside-hospital.example", "Senior porter", "Estates"), ApiClients.Json);
        var retired = await client.PostAsync($"{Base}/people/sol-varga/retire", null);

        edited.EnsureSuccessStatusCode();
        Assert.Equal("Senior porter", (await edited.Content.ReadFromJsonAsync<PersonRow>(ApiClients.Json))!.Title);
        retired.EnsureSuccessStatusCode();
        Assert.Equal(app.Clock.GetUtcNow(), (await retired.Content.ReadFromJsonAsync<PersonRow>(ApiClients.Json))!.RetiredAt);
        var detail = (PersonDetail)(await app.SendAsAsync(DemoLogins.Admin, new GetPerson(R, "sol-varga")))!;
        Assert.Equal(("Senior porter", "Estates", true), (detail.Person.Title, detail.Person.Department, detail.Person.IsRetired));
    }

    [Fact]
    public async Task RetiringAChairIsRefusedByTheRuleInItsWordsAndTheyStay()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);

        var response = await client.PostAsync($"{Base}/people/leila-haddad/retire", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.RuleRefused, problem.Type);
        Assert.Contains(problem.Rules!, rule => rule.Contains("Leila Haddad", StringComparison.Ordinal));
        var detail = (PersonDetail)(await app.SendAsAsync(DemoLogins.Admin, new GetPerson(R, "leila-haddad")))!;
        Assert.False(detail.Person.IsRetired);
    }

    [Fact]
    public async Task AStewardMayNeitherListNorAddPeopleNorMembers()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var list = await client.GetAsync($"{Base}/people");
        var add = await client.PostAsJsonAsync($"{Base}/people", new PeopleApi.AddPersonBody("Eve", "eve@riverside-hospital.example", Side.Workers, "Porter"), ApiClients.Json);
        var members = await client.GetAsync($"{Base}/members");

        Assert.All([list, add, members], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(ApiProblemTypes.Forbidden, (await add.ProblemAsync()).Type);
        var people = (PeopleOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetPeople(R)))!;
        Assert.DoesNotContain(people.People, p => p.Name == "Eve");
    }

    [Fact]
    public async Task ANorthfieldTokenFindsNoneOfTheHospitalsPeopleOrMembers()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        foreach (var address in new[] { $"{Base}/people", $"{Base}/people/amara-okafor", $"{Base}/members", $"{Base}/members/invitable" })
        {
            var response = await northfield.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
        }
    }

    [Fact]
    public async Task MembersComeInPagesWithTheirRolesAndThePeopleWithoutALoginAreInvitable()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        await app.SendAsAsync(DemoLogins.Admin, new AddPerson(R, "Ina Lowe", "ina.lowe@riverside-hospital.example", Side.Workers, "Cleaner", Key: "ina-lowe"));

        var page = await client.GetFromJsonAsync<ApiPage<MemberRow>>($"{Base}/members?limit=200", ApiClients.Json);

        var overview = (MembersOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetMembers(R)))!;
        Assert.Equal(overview.Members.Select(m => m.UserId).Order(), page!.Items.Select(m => m.UserId).Order());
        Assert.Contains(page.Items, m => m.Email == DemoLogins.Leila && m.Roles.Contains("CommitteeChair") && m.PersonKey == "leila-haddad");
        var invitable = await client.GetFromJsonAsync<ApiPage<InvitablePerson>>($"{Base}/members/invitable?limit=200", ApiClients.Json);
        Assert.Equal(overview.Invitable, invitable!.Items);
        Assert.DoesNotContain(invitable.Items, p => p.Key == "leila-haddad");
        Assert.Contains(new InvitablePerson("ina-lowe", "Ina Lowe", Side.Workers, "Cleaner", "ina.lowe@riverside-hospital.example"), invitable.Items);
    }

    [Fact]
    public async Task AnInvitationsLinkIsBuiltFromThePublicOriginNeverFromTheRequestsHost()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        client.DefaultRequestHeaders.Host = "attacker.example";
        const string Email = "new.officer@riverside-hospital.example";

        var response = await client.PostAsJsonAsync($"{Base}/members", new PeopleApi.InviteMemberBody(Email, null, ["Steward"]), ApiClients.Json);

        response.EnsureSuccessStatusCode();
        var invitation = await response.Content.ReadFromJsonAsync<Invitation>(ApiClients.Json);
        Assert.Equal((Email, InvitationKind.NewLogin, true), (invitation!.Email, invitation.Kind, invitation.MailSent));
        var mail = Directory.GetFiles(app.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == Email));
        var accept = app.Services.GetRequiredService<PublicOrigin>().Link(CoGov.Web.Components.Account.Pages.AcceptInvitation.Url());
        Assert.Contains(accept + "?userId=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", mail.TextBody, StringComparison.Ordinal);
        var overview = (MembersOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetMembers(R)))!;
        Assert.Contains(overview.Members, m => m.Email == Email && m.IsInvitationPending && m.Roles.SequenceEqual(["Steward"]));
    }

    [Fact]
    public async Task AMembersRolesAreSetThenTheirInvitationRevokedAndTheMembersPageSeesEach()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        const string Email = "temp.officer@riverside-hospital.example";
        (await client.PostAsJsonAsync($"{Base}/members", new PeopleApi.InviteMemberBody(Email, null, ["Steward"]), ApiClients.Json)).EnsureSuccessStatusCode();
        var userId = await AttackSurface.UserIdAsync(app, Email);

        var changed = await client.PutAsJsonAsync($"{Base}/members/{userId}/roles", new PeopleApi.ChangeMemberRolesBody(["Manager", "Steward"]), ApiClients.Json);

        changed.EnsureSuccessStatusCode();
        Assert.Equal(["Manager", "Steward"], (await changed.Content.ReadFromJsonAsync<MemberRow>(ApiClients.Json))!.Roles.Order());

        var revoked = await client.DeleteAsync($"{Base}/members/{userId}/invitation");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var overview = (MembersOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetMembers(R)))!;
        Assert.DoesNotContain(overview.Members, m => m.UserId == userId);
    }

    [Fact]
    public async Task AnUnknownRoleIsAValidationProblemAndTheRolesStay()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var tomasz = await AttackSurface.UserIdAsync(app, DemoLogins.Tomasz);

        var response = await client.PutAsJsonAsync($"{Base}/members/{tomasz}/roles", new PeopleApi.ChangeMemberRolesBody(["Emperor"]), ApiClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Validation, (await response.ProblemAsync()).Type);
        var overview = (MembersOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetMembers(R)))!;
        Assert.Equal(["Steward"], overview.Members.Single(m => m.UserId == tomasz).Roles);
    }

    [Fact]
    public async Task ARemovedMemberLeavesTheListAndTheRemovalSaysWhoseItWas()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var kwame = await AttackSurface.UserIdAsync(app, DemoLogins.Kwame);

        var response = await client.DeleteAsync($"{Base}/members/{kwame}");

        response.EnsureSuccessStatusCode();
        var removed = await response.Content.ReadFromJsonAsync<MemberRemoved>(ApiClients.Json);
        Assert.Equal(new MemberRemoved(DemoLogins.Kwame, LoginLocked: false, BelongsElsewhere: false), removed);
        var overview = (MembersOverview)(await app.SendAsAsync(DemoLogins.Admin, new GetMembers(R)))!;
        Assert.DoesNotContain(overview.Members, m => m.UserId == kwame);
    }
}
