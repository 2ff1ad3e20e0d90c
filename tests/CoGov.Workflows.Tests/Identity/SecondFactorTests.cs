using CoGov.Domain.Organisations;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Tests.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Identity;

/// <summary>Who must sign in with a second factor, and an administrator's setting that says whether anyone must.</summary>
public sealed class SecondFactorTests
{
    [Theory]
    [InlineData(true, new[] { Roles.Admin }, true)]
    [InlineData(true, new[] { Roles.CommitteeChair }, true)]
    [InlineData(true, new[] { Roles.Steward, Roles.CommitteeChair }, true)]
    [InlineData(true, new[] { Roles.Manager, Roles.Admin }, true)]
    [InlineData(true, new[] { Roles.Steward }, false)]
    [InlineData(true, new[] { Roles.Manager }, false)]
    [InlineData(true, new string[0], false)]
    [InlineData(false, new[] { Roles.Admin, Roles.CommitteeChair }, false)]
    public void AdministratorsAndChairsMustUseASecondFactorWhereTheOrganisationRequiresIt(bool required, string[] roles, bool must)
    {
        var membership = new Membership("user", Guid.CreateVersion7(), null, roles);

        Assert.Equal(must, membership.MustUseSecondFactor(required));
    }

    [Fact]
    public void ANewOrganisationRequiresASecondFactor()
    {
        var organisation = new Organisation("acme", "Acme", null, null, "en", "Acme Joint Committee");

        Assert.True(organisation.TwoFactorRequired);
    }

    [Fact]
    public async Task AnAdministratorWithoutASecondFactorMustEnrolWhereItIsRequiredAndNotOnceTheyHaveOne()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: true), await app.AdminAsync());

        Assert.True(await MustEnrolAsync(app, DemoLogins.Admin));
        Assert.True(await MustEnrolAsync(app, DemoLogins.Helen));
        Assert.False(await MustEnrolAsync(app, DemoLogins.Amara));
        Assert.False(await MustEnrolAsync(app, DemoLogins.Admin, "no-such-organisation"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
            var admin = (await users.FindByEmailAsync(DemoLogins.Admin))!;
            await users.ResetAuthenticatorKeyAsync(admin);
            await users.SetTwoFactorEnabledAsync(admin, true);
        }

        Assert.False(await MustEnrolAsync(app, DemoLogins.Admin));
        Assert.True(await MustEnrolAsync(app, DemoLogins.Helen));
    }

    [Fact]
    public async Task AChairWithAPasskeyAndNoAuthenticatorHasTheirSecondFactorAndAChairWithNeitherMustEnrol()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: true), await app.AdminAsync());

        await AddPasskeyAsync(app, DemoLogins.Leila);

        Assert.False(await MustEnrolAsync(app, DemoLogins.Leila));
        Assert.True(await MustEnrolAsync(app, DemoLogins.Helen));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        Assert.False((await users.FindByEmailAsync(DemoLogins.Leila))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task TurningTheRequirementOffIsWrittenToTheAuditLogAndTurnsTheDemandOff()
    {
        await using var app = await MemberScenario.StartAsync();
        await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: true), await app.AdminAsync());

        await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: false), await app.AdminAsync());
        await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: false), await app.AdminAsync());

        var entries = (await app.SendAsync(new GetAuditLog(Riverside.Key), await app.AdminAsync())).Entries
            .Where(e => e.Kind == AuditKind.TwoFactorRequirementChanged).OrderBy(e => e.Text).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Stopped requiring a second factor of administrators and committee chairs.", entries[1].Text);
        Assert.False(await app.SendAsync(new GetTwoFactorRequirement(Riverside.Key), await app.AdminAsync()));
        Assert.False(await MustEnrolAsync(app, DemoLogins.Admin));
    }

    [Fact]
    public async Task OnlyAnAdministratorChangesTheRequirement()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<CoGov.Workflows.Common.ForbiddenException>(async () =>
            await app.SendAsync(new ChangeTwoFactorRequirement(Riverside.Key, Required: false), await app.UserAsync(DemoLogins.Helen)));

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKind.TwoFactorRequirementChanged)));
    }

    /// <summary>Stores a passkey for the login as Identity does once a browser has made one; no authenticator app.</summary>
    private static async Task AddPasskeyAsync(TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var passkey = new UserPasskeyInfo(Guid.NewGuid().ToByteArray(), new byte[77], DateTimeOffset.UnixEpoch, 0, ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: []);
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
    }

    private static async Task<bool> MustEnrolAsync(TestApp app, string email, string organisationKey = Riverside.Key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email);
        return await new SecondFactorDemands(scope.ServiceProvider.GetRequiredService<CoGov.Workflows.Persistence.CoGovDbContext>())
            .MustEnrolAsync(user!.Id, organisationKey, CancellationToken.None);
    }
}
