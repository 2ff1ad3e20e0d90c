using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Members;

public sealed class InviteMemberTests
{
    private const string Nadia = "nadia.berg@riverside-hospital.example";

    [Fact]
    public async Task InvitingANewAddressCreatesAnUnconfirmedLoginWithItsMembershipAndRolesAndMailsALink()
    {
        await using var app = await MemberScenario.StartAsync();

        var invitation = await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward, Roles.CommitteeChair), await app.AdminAsync());

        Assert.Equal(new Invitation(Nadia, InvitationKind.NewLogin, null), invitation);
        var (login, roles) = await app.LoginAsync(Nadia);
        Assert.False(login.EmailConfirmed);
        Assert.Null(login.PasswordHash);
        Assert.Equal(Nadia, login.UserName);
        Assert.Equal([Roles.CommitteeChair, Roles.Steward], roles.Order(StringComparer.Ordinal));
        var membership = await app.WithDbAsync(db => db.Memberships.SingleAsync(m => m.UserId == login.Id));
        Assert.Null(membership.PersonId);
        Assert.Equal(await app.WithDbAsync(db => db.Organisations.Where(o => o.Key == Riverside.Key).Select(o => o.Id).SingleAsync()), membership.OrganisationId);

        var mail = Assert.Single(app.Mail());
        Assert.Equal(Nadia, mail.To.Mailboxes.Single().Address);
        Assert.Equal("You are invited to CoGov for Riverside Municipal Hospital", mail.Subject);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var body = mail.TextBody;
        Assert.Contains("admin@riverside-hospital.example has invited you to CoGov", body);
        Assert.Contains("Joint Committee on Algorithmic Systems of Riverside Municipal Hospital", body);
        Assert.Contains("Your roles: union steward, chair of the joint committee.", body);
        Assert.Contains($"  {MemberScenario.AcceptAddress}?userId={login.Id}&code=", body);
        // Seven days from now, in the organisation's time zone (London is on GMT in late November).
        Assert.Contains("The link works once, until Monday 30 November 2026 at 09:30 (Europe/London).", body);
    }

    [Fact]
    public async Task TheLinkSetsTheFirstPasswordConfirmsTheAddressAndWorksOnce()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), await app.AdminAsync());
        var (userId, code) = MemberScenario.LinkIn(app.Mail().Single());

        var wrong = await app.AcceptAsync(userId, code[..^2] + "xx");
        var weak = await app.AcceptAsync(userId, code, "short");
        var accepted = await app.AcceptAsync(userId, code);
        var again = await app.AcceptAsync(userId, code);

        Assert.Equal(InvitationStanding.Unknown, wrong.Standing);
        Assert.Equal(InvitationStanding.Valid, weak.Standing);
        Assert.False(weak.Result!.Succeeded);
        Assert.Equal(InvitationStanding.Valid, accepted.Standing);
        Assert.True(accepted.Result!.Succeeded);
        Assert.Equal(InvitationStanding.Accepted, again.Standing);
        var (login, _) = await app.LoginAsync(Nadia);
        Assert.True(login.EmailConfirmed);
        Assert.NotNull(login.PasswordHash);
    }

    [Fact]
    public async Task TheLinkRunsOutAfterSevenDays()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), await app.AdminAsync());
        var (userId, code) = MemberScenario.LinkIn(app.Mail().Single());

        app.Clock.Advance(InvitationTokens.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(InvitationStanding.Expired, (await app.AcceptAsync(userId, code)).Standing);
    }

    [Fact]
    public async Task InvitingOneOfTheOrganisationsPeopleUsesTheirAddressAndLinksTheLoginToThem()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key, Roles.Admin);

        var invitation = await app.SendAsync(
            MemberScenario.Invite(null, "kim-lee", Roles.Manager) with { OrganisationKey = OtherOrganisation.Key }, await app.AdminAsync());

        Assert.Equal(OtherOrganisation.Manager, invitation.Email);
        var (login, roles) = await app.LoginAsync(OtherOrganisation.Manager, OtherOrganisation.Key);
        Assert.Equal("Kim Lee", login.DisplayName);
        Assert.Equal([Roles.Manager], roles);
        var personId = await app.WithDbAsync(db => db.Memberships.Where(m => m.UserId == login.Id).Select(m => m.PersonId).SingleAsync());
        Assert.Equal(await app.WithDbAsync(db => db.People.Where(p => p.Key == "kim-lee").Select(p => (Guid?)p.Id).SingleAsync()), personId);
        var mail = Assert.Single(app.Mail());
        Assert.StartsWith("Dear Kim Lee,", mail.TextBody);
        Assert.Contains("You are there as Kim Lee.", mail.TextBody);
        Assert.Contains("Northfield Joint Committee of Northfield Transit Authority", mail.TextBody);
    }

    [Fact]
    public async Task AStewardCannotInviteAndNothingIsCreated()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Admin), await app.UserAsync(Riverside.Amara)));

        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Nadia)));
        Assert.Empty(app.Mail());
    }

    [Fact]
    public async Task AnAdministratorOfAnotherOrganisationCannotInviteToThisOne()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);

        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(
            MemberScenario.Invite(Nadia, null, Roles.Admin) with { OrganisationKey = OtherOrganisation.Key }, await app.AdminAsync()));
    }

    [Fact]
    public async Task InvitingAnAddressThatAlreadyHasALoginAddsTheMembershipAndSaysSo()
    {
        await using var app = await MemberScenario.StartAsync();
        var existing = await app.CreateLoginAsync("regional.officer@union.example");

        var invitation = await app.SendAsync(MemberScenario.Invite("Regional.Officer@union.example", null, Roles.Steward), await app.AdminAsync());

        Assert.Equal(InvitationKind.ExistingLoginAdded, invitation.Kind);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "REGIONAL.OFFICER@UNION.EXAMPLE")));
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == existing.Id)));
        var (login, roles) = await app.LoginAsync("regional.officer@union.example");
        Assert.Equal([Roles.Steward], roles);
        Assert.NotNull(login.PasswordHash);
        var mail = Assert.Single(app.Mail());
        Assert.Equal("You now also belong to Riverside Municipal Hospital in CoGov", mail.Subject);
        Assert.Contains(MemberScenario.SignInAddress, mail.TextBody);
        Assert.DoesNotContain("code=", mail.TextBody);
    }

    [Fact]
    public async Task InvitingAgainBeforeTheInvitationIsAcceptedSendsAFreshLinkAndTheOldOneStopsWorking()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), admin);

        var again = await app.SendAsync(MemberScenario.Invite(Nadia, null, Roles.Steward), admin);

        Assert.Equal(InvitationKind.InvitedAgain, again.Kind);
        var links = app.Mail().Select(MemberScenario.LinkIn).ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == links[0].UserId)));
        var standings = new List<InvitationStanding>();
        foreach (var (userId, code) in links)
        {
            standings.Add(await app.CheckAsync(userId, code));
        }
        // The pickup folder does not say which mail came first; what matters is that exactly one link still works.
        Assert.Equal([InvitationStanding.Valid, InvitationStanding.Unknown], standings.Order());
    }

    [Fact]
    public async Task InvitingSomeoneWhoIsAlreadyAMemberIsRefused()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(MemberScenario.Invite(Riverside.Amara, null, Roles.Steward), await app.AdminAsync()));

        Assert.Contains("already a member of Riverside Municipal Hospital", refused.Message);
        Assert.Empty(app.Mail());
    }

    [Fact]
    public async Task APersonWhoAlreadyHasALoginCannotBeGivenAnother()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(MemberScenario.Invite("amara.private@example.org", "amara-okafor", Roles.Steward), await app.AdminAsync()));

        Assert.Contains("Amara Okafor already has a login (amara.okafor@riverside-hospital.example)", refused.Message);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "amara.private@example.org")));
    }

    [Fact]
    public async Task RolesGivenByInvitationHoldInThisOrganisationAloneAndLeaveTheLoginsOtherRolesAsTheyWere()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        var kim = await app.CreateLoginAsync(OtherOrganisation.Manager);
        await app.JoinAsync(kim.Email!, OtherOrganisation.Key, Roles.Manager);

        await app.SendAsync(MemberScenario.Invite(kim.Email, null, Roles.Admin), await app.AdminAsync());

        Assert.Equal([Roles.Admin], (await app.LoginAsync(kim.Email!)).Roles);
        Assert.Equal([Roles.Manager], (await app.LoginAsync(kim.Email!, OtherOrganisation.Key)).Roles);
        Assert.Equal(2, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.UserId == kim.Id)));
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByField()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(MemberScenario.Invite("not an address", null, "Owner"), await app.AdminAsync()));

        Assert.Equal(["'not an address' is not an e-mail address."], refused.Errors[nameof(InviteMember.Email)].Select(p => p.ToString()));
        Assert.Contains("'Owner' is not a role", Assert.Single(refused.Errors, e => e.Key.StartsWith("Roles", StringComparison.Ordinal)).Value.Single().ToString());
    }
}
