using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;

namespace CoGov.Workflows.Tests.Members;

public sealed class GetMembersTests
{
    [Fact]
    public async Task AnAdministratorSeesEveryLoginWithItsPersonRolesAndStanding()
    {
        await using var app = await MemberScenario.StartAsync();

        var overview = await app.SendAsync(new GetMembers(Riverside.Key), await app.AdminAsync());

        Assert.Equal("Riverside Municipal Hospital", overview.OrganisationName);
        Assert.Equal(8, overview.Members.Count);
        Assert.Equal(
            ["Amara Okafor", "Daniel Reyes", "Helen Marsh", "Kwame Asante", "Leila Haddad", "Priya Nair", "Tomasz Nowak", null],
            overview.Members.Select(m => m.PersonName));
        var leila = overview.Members.Single(m => m.Email == Riverside.Leila);
        Assert.Equal(("leila-haddad", Side.Workers), (leila.PersonKey, leila.Side));
        Assert.Equal([Roles.Steward, Roles.CommitteeChair], leila.Roles);
        Assert.All(overview.Members, m => Assert.True(m.EmailConfirmed && !m.IsInvitationPending));
        var admin = overview.Members[^1];
        Assert.Equal((DemoLogins.Admin, true, (string?)null), (admin.Email, admin.IsYou, admin.PersonKey));
        Assert.Equal([Roles.Admin], admin.Roles);
        Assert.Empty(overview.Invitable);
        Assert.Equal(Roles.All, overview.AllRoles);
    }

    [Fact]
    public async Task AnInvitedLoginShowsAsWaitingUntilItsLinkRunsOut()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(MemberScenario.Invite("nadia.berg@riverside-hospital.example", null, Roles.Steward), await app.AdminAsync());

        var overview = await app.SendAsync(new GetMembers(Riverside.Key), await app.AdminAsync());

        var nadia = overview.Members.Single(m => m.Email == "nadia.berg@riverside-hospital.example");
        Assert.True(nadia.IsInvitationPending);
        Assert.False(nadia.EmailConfirmed);
        Assert.Equal(TestApp.Now.AddDays(7).ToUnixTimeSeconds(), nadia.InvitationExpires!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ThePeopleWithoutALoginAreOfferedForInvitationAndEachMemberShowsTheRolesOfThisOrganisation()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key, Roles.Admin);
        await app.JoinAsync(Riverside.Amara, OtherOrganisation.Key);

        var northfield = await app.SendAsync(new GetMembers(OtherOrganisation.Key), await app.AdminAsync());
        var riverside = await app.SendAsync(new GetMembers(Riverside.Key), await app.AdminAsync());

        Assert.Equal(["Sam Ode", "Kim Lee"], northfield.Invitable.Select(p => p.Name));
        Assert.Empty(northfield.Members.Single(m => m.Email == Riverside.Amara).Roles);
        Assert.Equal([Roles.Steward], riverside.Members.Single(m => m.Email == Riverside.Amara).Roles);
    }

    [Fact]
    public async Task OnlyAnAdministratorSeesTheMembers()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetMembers(Riverside.Key), await app.UserAsync(Riverside.Leila)));
    }
}
