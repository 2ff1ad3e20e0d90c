using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;

namespace CoGov.Workflows.Tests.Members;

public sealed class ChangeMemberRolesTests
{
    [Fact]
    public async Task AnAdministratorSetsAMembersRolesAddingAndTakingAway()
    {
        await using var app = await MemberScenario.StartAsync();
        var (leila, _) = await app.LoginAsync(Riverside.Leila);

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, leila.Id, [Roles.Steward, Roles.Admin]), await app.AdminAsync());

        Assert.Equal([Roles.Admin, Roles.Steward], (await app.LoginAsync(Riverside.Leila)).Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAdministratorCannotTakeAwayTheirOwnAdminRole()
    {
        await using var app = await MemberScenario.StartAsync();
        var (admin, _) = await app.LoginAsync(DemoLogins.Admin);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, admin.Id, [Roles.Steward]), await app.AdminAsync()));

        Assert.Contains("your own Admin role", refused.Message);
        Assert.Equal([Roles.Admin], (await app.LoginAsync(DemoLogins.Admin)).Roles);
    }

    [Fact]
    public async Task AStewardCannotChangeRoles()
    {
        await using var app = await MemberScenario.StartAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.Admin]), await app.UserAsync(Riverside.Amara)));

        Assert.Equal([Roles.Steward], (await app.LoginAsync(Riverside.Amara)).Roles);
    }

    [Fact]
    public async Task ALoginThatIsNotAMemberIsNotFound()
    {
        await using var app = await MemberScenario.StartAsync();
        var outsider = await app.CreateLoginAsync("outsider@example.org");

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, outsider.Id, [Roles.Admin]), await app.AdminAsync()));

        Assert.Empty((await app.LoginAsync("outsider@example.org")).Roles);
    }

    [Fact]
    public async Task RolesChangedInOneOrganisationLeaveTheMembersRolesInAnotherAsTheyWere()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(Riverside.Amara, OtherOrganisation.Key, Roles.Steward);
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.Admin]), await app.AdminAsync());

        Assert.Equal([Roles.Steward, Roles.Admin], (await app.LoginAsync(Riverside.Amara)).Roles);
        Assert.Equal([Roles.Steward], (await app.LoginAsync(Riverside.Amara, OtherOrganisation.Key)).Roles);
    }

    [Fact]
    public async Task AnAdministratorOfAnotherOrganisationWhoIsAMemberHereWithoutRolesCannotChangeRolesHere()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key);
        var (admin, _) = await app.LoginAsync(DemoLogins.Admin);

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(OtherOrganisation.Key, admin.Id, [Roles.Admin]), await app.AdminAsync()));

        Assert.Empty((await app.LoginAsync(DemoLogins.Admin, OtherOrganisation.Key)).Roles);
    }

    [Fact]
    public async Task AnUnknownRoleIsRefused()
    {
        await using var app = await MemberScenario.StartAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, ["Owner"]), await app.AdminAsync()));

        Assert.Contains("'Owner' is not a role", refused.Message);
    }
}
