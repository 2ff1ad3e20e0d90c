using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using CoGov.Workflows.Tests.Engine;

namespace CoGov.Workflows.Tests.Members;

public sealed class ChangeMemberRolesTests
{
    [Fact]
    public async Task An_administrator_sets_a_members_roles_adding_and_taking_away()
    {
        await using var app = await MemberScenario.StartAsync();
        var (leila, _) = await app.LoginAsync(Riverside.Leila);

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, leila.Id, [Roles.Steward, Roles.Admin]), await app.AdminAsync());

        Assert.Equal([Roles.Admin, Roles.Steward], (await app.LoginAsync(Riverside.Leila)).Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_administrator_cannot_take_away_their_own_admin_role()
    {
        await using var app = await MemberScenario.StartAsync();
        var (admin, _) = await app.LoginAsync(MemberScenario.Admin);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, admin.Id, [Roles.Steward]), await app.AdminAsync()));

        Assert.Contains("your own Admin role", refused.Message);
        Assert.Equal([Roles.Admin], (await app.LoginAsync(MemberScenario.Admin)).Roles);
    }

    [Fact]
    public async Task A_steward_cannot_change_roles()
    {
        await using var app = await MemberScenario.StartAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.Admin]), await app.UserAsync(Riverside.Amara)));

        Assert.Equal([Roles.Steward], (await app.LoginAsync(Riverside.Amara)).Roles);
    }

    [Fact]
    public async Task A_login_that_is_not_a_member_is_not_found()
    {
        await using var app = await MemberScenario.StartAsync();
        var outsider = await app.CreateLoginAsync("outsider@example.org");

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, outsider.Id, [Roles.Admin]), await app.AdminAsync()));

        Assert.Empty((await app.LoginAsync("outsider@example.org")).Roles);
    }

    [Fact]
    public async Task The_roles_of_a_member_of_another_organisation_too_are_left_to_an_administrator_of_both()
    {
        await using var app = await MemberScenario.StartAsync(withNorthfield: true);
        await app.JoinAsync(Riverside.Amara, MemberScenario.Northfield);
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.Admin]), await app.AdminAsync()));
        Assert.Contains("also belongs to Northfield Transit Authority", refused.Message);

        await app.JoinAsync(MemberScenario.Admin, MemberScenario.Northfield);
        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.Admin]), await app.AdminAsync());
        Assert.Equal([Roles.Admin, Roles.Steward], (await app.LoginAsync(Riverside.Amara)).Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_role_is_refused()
    {
        await using var app = await MemberScenario.StartAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, ["Owner"]), await app.AdminAsync()));

        Assert.Contains("'Owner' is not a role", refused.Message);
    }
}
