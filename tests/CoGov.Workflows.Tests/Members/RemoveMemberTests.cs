using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Members;

public sealed class RemoveMemberTests
{
    [Fact]
    public async Task ARemovedMemberLosesTheMembershipAndThePersonStays()
    {
        await using var app = await MemberScenario.StartAsync();
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);
        var stamp = tomasz.SecurityStamp;

        var removed = await app.SendAsync(new RemoveMember(Riverside.Key, tomasz.Id), await app.AdminAsync());

        Assert.Equal(new MemberRemoved(DemoLogins.Tomasz, LoginLocked: false, BelongsElsewhere: false), removed);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == tomasz.Id)));
        Assert.True(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Key == "tomasz-nowak")));
        // Left with no organisation, the login's sessions end at their next request.
        Assert.NotEqual(stamp, (await app.LoginAsync(DemoLogins.Tomasz)).User.SecurityStamp);
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new CoGov.Workflows.Organisations.GetOrganisation(Riverside.Key), await app.UserAsync(DemoLogins.Tomasz)));
    }

    [Fact]
    public async Task LockingALoginThatBelongsNowhereElseLocksItOut()
    {
        await using var app = await MemberScenario.StartAsync();
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);

        var removed = await app.SendAsync(new RemoveMember(Riverside.Key, tomasz.Id, LockLogin: true), await app.AdminAsync());

        Assert.True(removed.LoginLocked);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(tomasz.Id))!));
    }

    [Fact]
    public async Task ALoginThatAlsoBelongsToAnotherOrganisationIsRemovedHereButNotLockedNorSignedOut()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Tomasz, OtherOrganisation.Key, Roles.Steward);
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);

        var removed = await app.SendAsync(new RemoveMember(Riverside.Key, tomasz.Id, LockLogin: true), await app.AdminAsync());

        Assert.Equal(new MemberRemoved(DemoLogins.Tomasz, LoginLocked: false, BelongsElsewhere: true), removed);
        var (after, roles) = await app.LoginAsync(DemoLogins.Tomasz, OtherOrganisation.Key);
        Assert.Equal([Roles.Steward], roles);
        Assert.Equal(tomasz.SecurityStamp, after.SecurityStamp);
        Assert.Null(after.LockoutEnd);
    }

    [Fact]
    public async Task TheLastAdministratorCannotBeRemovedNotEvenByThemselves()
    {
        await using var app = await MemberScenario.StartAsync();
        var (admin, _) = await app.LoginAsync(DemoLogins.Admin);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new RemoveMember(Riverside.Key, admin.Id), await app.AdminAsync()));

        Assert.Equal("The organisation Riverside Municipal Hospital would be left with no administrator. Make another member an administrator first.", refused.Message);
        Assert.Equal([Roles.Admin], (await app.LoginAsync(DemoLogins.Admin)).Roles);
    }

    [Fact]
    public async Task AnAdministratorMayLeaveOnceAnotherAdministratorCanAct()
    {
        await using var app = await MemberScenario.StartAsync();
        var (admin, _) = await app.LoginAsync(DemoLogins.Admin);
        var (leila, _) = await app.LoginAsync(Riverside.Leila);
        // Invited as an administrator but not yet accepted: an administrator nobody has seen act does not count.
        await app.SendAsync(MemberScenario.Invite("nadia.berg@riverside-hospital.example", null, Roles.Admin), await app.AdminAsync());
        await Assert.ThrowsAsync<DomainRuleException>(async () => await app.SendAsync(new RemoveMember(Riverside.Key, admin.Id), await app.AdminAsync()));

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, leila.Id, [Roles.Steward, Roles.CommitteeChair, Roles.Admin]), await app.AdminAsync());
        await app.SendAsync(new RemoveMember(Riverside.Key, admin.Id), await app.AdminAsync());

        Assert.Empty((await app.LoginAsync(DemoLogins.Admin)).Roles);
    }

    [Fact]
    public async Task ChangingRolesCannotLeaveTheOrganisationWithNoAdministratorEvenWhenCoGovItselfAsks()
    {
        await using var app = await MemberScenario.StartAsync();
        var (admin, _) = await app.LoginAsync(DemoLogins.Admin);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeMemberRoles(Riverside.Key, admin.Id, [Roles.Steward])));

        Assert.Contains("would be left with no administrator", refused.Message);
        Assert.Equal([Roles.Admin], (await app.LoginAsync(DemoLogins.Admin)).Roles);
    }

    [Fact]
    public async Task AStewardCannotRemoveAnyone()
    {
        await using var app = await MemberScenario.StartAsync();
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new RemoveMember(Riverside.Key, tomasz.Id), await app.UserAsync(Riverside.Amara)));

        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == tomasz.Id)));
    }

    [Fact]
    public async Task AnAdministratorOfAnotherOrganisationCannotRemoveItsMembers()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Tomasz, OtherOrganisation.Key, Roles.Steward);
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new RemoveMember(OtherOrganisation.Key, tomasz.Id, LockLogin: true), await app.AdminAsync()));

        Assert.Equal([Roles.Steward], (await app.LoginAsync(DemoLogins.Tomasz, OtherOrganisation.Key)).Roles);
    }
}
