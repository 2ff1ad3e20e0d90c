using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Tests.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Organisations;

/// <summary>An operator who creates an organisation for someone else invites them to run it, as an administrator invites a member.</summary>
public sealed class OperatorInvitationTests
{
    private const string Operator = "ops@cogov.example";
    private const string Rosa = "rosa.lind@northfield.example";

    private static readonly CreateOrganisation Northfield = new(
        "northfield", "Northfield Council", "en", "GB", null, "Northfield Joint Committee",
        "Rosa Lind", Rosa, Side.Workers, "Branch secretary", null,
        AcceptAddress: MemberScenario.AcceptAddress, SignInAddress: MemberScenario.SignInAddress);

    [Fact]
    public async Task SomeoneElseNamedByAnOperatorIsInvitedAndRunsTheOrganisationOnceTheyAcceptWithTheirOwnPassword()
    {
        await using var app = await StartAsync();
        var operatorLogin = await OperatorAsync(app);

        var created = await app.SendAsync(Northfield, operatorLogin);

        Assert.Equal(new Invitation(Rosa, InvitationKind.NewLogin, null), created.Invitation);
        var mail = Assert.Single(app.Mail());
        Assert.Equal(Rosa, mail.To.Mailboxes.Single().Address);
        Assert.Contains("Northfield Council", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("You are there as Rosa Lind.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your roles: union steward, administrator.", mail.TextBody, StringComparison.Ordinal);
        var (userId, code) = MemberScenario.LinkIn(mail);
        Assert.Equal(created.AdminUserId, userId);
        var (invited, roles) = await app.LoginAsync(Rosa, "northfield");
        Assert.False(invited.EmailConfirmed);
        Assert.Equal([Roles.Steward, Roles.Admin], roles);
        await using (var before = app.Services.CreateAsyncScope())
        {
            // No password until they choose one: nobody, the operator included, can sign in as them before they accept.
            Assert.False(await before.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().HasPasswordAsync(invited));
        }

        var (standing, result) = await app.AcceptAsync(userId, code, "Rosas-own-2026!");

        Assert.Equal(InvitationStanding.Valid, standing);
        Assert.True(result!.Succeeded);
        var members = await app.SendAsync(new GetMembers("northfield"), Users.SignedIn(userId));
        Assert.Equal([Rosa], members.Members.Select(m => m.Email));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, "Rosas-own-2026!"));
    }

    [Fact]
    public async Task TheCreationAndTheInvitationAreWrittenToTheNewOrganisationsAuditLogUnderTheOperatorsName()
    {
        await using var app = await StartAsync();

        await app.SendAsync(Northfield, await OperatorAsync(app));

        var entries = await app.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Kind).Select(e => new { e.Kind, e.By, e.Text }).ToListAsync());
        Assert.Equal(
            [
                (AuditKind.InvitationSent, "Olu Operator", $"Invited {Rosa} as Rosa Lind, with the roles Steward, Admin."),
                (AuditKind.OrganisationCreated, "Olu Operator", $"Created the organisation Northfield Council (northfield), with {Rosa} as its administrator."),
            ],
            entries.Select(e => (e.Kind, e.By, e.Text)));
    }

    [Fact]
    public async Task AnOperatorNeverChoosesSomeoneElsesPassword()
    {
        await using var app = await StartAsync();

        var refusal = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(Northfield with { AdminPassword = "Chosen-for-her-2026!" }, await OperatorAsync(app)));

        Assert.Equal([nameof(CreateOrganisation.AdminPassword)], refusal.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Empty(app.Mail());
    }

    [Fact]
    public async Task SomeoneWhoAlreadyHasALoginKeepsItsPasswordAndIsToldTheyNowRunTheOrganisation()
    {
        await using var app = await StartAsync();
        var existing = await app.CreateLoginAsync(Rosa);

        var created = await app.SendAsync(Northfield, await OperatorAsync(app));

        Assert.Equal((existing.Id, InvitationKind.ExistingLoginAdded), (created.AdminUserId, created.Invitation!.Kind));
        var mail = Assert.Single(app.Mail());
        Assert.Contains(MemberScenario.SignInAddress, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal([Roles.Steward, Roles.Admin], (await app.LoginAsync(Rosa, "northfield")).Roles);
        Assert.NotNull(await app.SendAsync(new GetMembers("northfield"), Users.SignedIn(existing.Id)));
    }

    [Fact]
    public async Task AnOperatorWhoNamesTheirOwnAddressRunsItWithTheirOwnLoginAndNoMailGoes()
    {
        await using var app = await StartAsync();
        var operatorLogin = await OperatorAsync(app);

        var created = await app.SendAsync(Northfield with { AdminEmail = Operator.ToUpperInvariant(), AdminName = "Olu Operator" }, operatorLogin);

        Assert.Null(created.Invitation);
        Assert.Empty(app.Mail());
        Assert.NotNull(await app.SendAsync(new GetMembers("northfield"), operatorLogin));
    }

    [Fact]
    public async Task WhenTheInvitationCannotBeMailedNothingIsCreatedSoTheOperatorCanTryAgain()
    {
        await using var app = await StartAsync();
        var operatorLogin = await OperatorAsync(app);
        // A file where the pickup folder should be: the mail cannot be written, as a refused SMTP server would not take it.
        var pickup = Path.Combine(app.Database.Folder, "mail");
        await File.WriteAllTextAsync(pickup, "");

        var refusal = await Assert.ThrowsAsync<InputRejectedException>(async () => await app.SendAsync(Northfield, operatorLogin));

        Assert.Contains($"The mail inviting {Rosa} could not be sent", Assert.Single(refusal.Errors[nameof(CreateOrganisation.AdminEmail)]).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == Rosa)));
        File.Delete(pickup);
        Assert.Equal("northfield", (await app.SendAsync(Northfield, operatorLogin)).Key);
    }

    [Fact]
    public async Task TheFirstRunSetupRecordsTheCreationAsCoGovAndInvitesNobody()
    {
        await using var app = await StartAsync();

        var created = await app.SendAsync(Northfield with { AdminPassword = "First-run-2026!", OnlyIfFirst = true });

        Assert.Null(created.Invitation);
        Assert.Empty(app.Mail());
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal((AuditKind.OrganisationCreated, "CoGov"), (entry.Kind, entry.By));
    }

    [Fact]
    public async Task MyOrganisationsSayWhetherIMayCreateOneOnlyForAConfirmedOperator()
    {
        await using var app = await StartAsync();
        var operatorLogin = await OperatorAsync(app);
        var created = await app.SendAsync(Northfield with { AdminPassword = "First-run-2026!" });

        var asOperator = await app.SendAsync(new GetMyOrganisations(), operatorLogin);
        var asAdministrator = await app.SendAsync(new GetMyOrganisations(), Users.SignedIn(created.AdminUserId));
        await app.WithDbAsync(async db =>
        {
            var login = await db.Users.SingleAsync(u => u.Email == Operator);
            login.EmailConfirmed = false;
            await db.SaveChangesAsync();
        });
        var unconfirmed = await app.SendAsync(new GetMyOrganisations(), operatorLogin);

        Assert.True(asOperator.MayCreateOrganisations);
        Assert.False(asAdministrator.MayCreateOrganisations);
        Assert.Equal(["northfield"], asAdministrator.Organisations.Select(o => o.Key));
        Assert.False(unconfirmed.MayCreateOrganisations);
    }

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, Operators: [Operator]));

    private static async Task<System.Security.Claims.ClaimsPrincipal> OperatorAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var login = new CoGovUser { UserName = Operator, Email = Operator, EmailConfirmed = true, DisplayName = "Olu Operator" };
        Assert.True((await users.CreateAsync(login, "Operating-2026!")).Succeeded);
        return Users.SignedIn(login.Id);
    }
}
