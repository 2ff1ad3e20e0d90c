using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Members;

public sealed class RevokeInvitationTests
{
    private const string Nadia = "nadia.berg@riverside-hospital.example";

    [Fact]
    public async Task ARevokedInvitationsLinkNoLongerWorks()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), await app.AdminAsync());
        var (userId, code) = MemberScenario.LinkIn(app.Mail().Single());

        var revoked = await app.SendAsync(new RevokeInvitation(Riverside.Key, userId), await app.AdminAsync());

        Assert.Equal(Nadia, revoked);
        Assert.Equal(InvitationStanding.Unknown, (await app.AcceptAsync(userId, code)).Standing);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == userId)));
    }

    [Fact]
    public async Task AnAcceptedInvitationCannotBeRevokedOnlyTheMemberRemoved()
    {
        await using var app = await MemberScenario.StartAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new RevokeInvitation(Riverside.Key, amara.Id), await app.AdminAsync()));

        Assert.Contains("has already accepted their invitation", refused.Message);
    }

    [Fact]
    public async Task RevokingLeavesAnotherOrganisationsInvitationOfTheSameAddressStanding()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key, Roles.Admin);
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward) with { OrganisationKey = OtherOrganisation.Key }, await app.AdminAsync());
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), await app.AdminAsync());
        var (userId, code) = MemberScenario.LinkIn(app.Mail()[^1]);

        await app.SendAsync(new RevokeInvitation(Riverside.Key, userId), await app.AdminAsync());

        Assert.Equal(InvitationStanding.Valid, (await app.AcceptAsync(userId, code)).Standing);
        Assert.Empty((await app.LoginAsync(Nadia)).Roles);
        Assert.Equal([Roles.Steward], (await app.LoginAsync(Nadia, OtherOrganisation.Key)).Roles);
    }

    [Fact]
    public async Task AnInvitationForOneOfThePeopleGoesOnlyToTheAddressOnTheirRecord()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key, Roles.Admin);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () => await app.SendAsync(
            MemberScenario.Invite("someone.else@example.org", "kim-lee", Roles.Manager) with { OrganisationKey = OtherOrganisation.Key }, await app.AdminAsync()));

        Assert.Equal([$"An invitation for Kim Lee goes to the address on their record, {OtherOrganisation.Manager}; leave the address empty."],
            refused.Errors[nameof(InviteMember.Email)].Select(p => p.ToString()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "someone.else@example.org")));
        Assert.Empty(app.Mail());

        // The recorded address itself, in other capitals, is the same address.
        await app.SendAsync(MemberScenario.Invite(OtherOrganisation.Manager.ToUpperInvariant(), "kim-lee", Roles.Manager) with { OrganisationKey = OtherOrganisation.Key }, await app.AdminAsync());
        Assert.Equal(OtherOrganisation.Manager, app.Mail().Single().To.Mailboxes.Single().Address, ignoreCase: true);
    }
}
