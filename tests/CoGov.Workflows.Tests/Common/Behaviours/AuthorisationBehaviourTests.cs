using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Systems;
using CoGov.Workflows.Tests.Import;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Common.Behaviours;

public sealed class AuthorisationBehaviourTests
{
    private const string Riverside = "riverside-hospital";

    [Fact]
    public async Task ASignedInUserWhoIsNotAMemberIsToldTheOrganisationDoesNotExist()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var stranger = Users.SignedIn(Guid.NewGuid().ToString());

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetOrganisation(Riverside), stranger));

        Assert.Contains(Riverside, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberSeesTheOrganisation()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = Users.SignedIn(await UserIdAsync(app, DemoLogins.Leila));

        var overview = await app.SendAsync(new GetOrganisation(Riverside), leila);

        Assert.Equal(Riverside, overview.Key);
        Assert.Equal("Riverside Municipal Hospital", overview.Name);
    }

    [Fact]
    public async Task NobodySignedInIsForbidden()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var refused = await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new GetOrganisation(Riverside)));

        Assert.Equal("Sign in first.", refused.Message);
    }

    [Fact]
    public async Task AMemberOfOneOrganisationLearnsNothingOfAnother()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = Users.SignedIn(await UserIdAsync(app, DemoLogins.Leila));

        // An organisation that does not exist and one the user is not in answer alike.
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetOrganisation("no-such-place"), leila));
        var stranger = Users.SignedIn(Guid.NewGuid().ToString());
        var notMine = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetOrganisation(Riverside), stranger));

        Assert.Equal(missing.Message.Replace("no-such-place", "X", StringComparison.Ordinal), notMine.Message.Replace(Riverside, "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANonMemberCannotReadASystemsQuestions()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var stranger = Users.SignedIn(Guid.NewGuid().ToString());

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSystemQuestions(Riverside, "rostering"), stranger));
    }

    [Fact]
    public async Task ImportingATemplateNeedsTheAdminRoleInTheOrganisation()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var helen = Users.SignedIn(await UserIdAsync(app, DemoLogins.Helen));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ImportQuestionnaireTemplate(Riverside, "tiny.yaml", TemplateFiles.Tiny), helen));

        Assert.Contains(Roles.Admin, refused.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Templates.AnyAsync(t => t.Key == "tiny")));
    }

    [Fact]
    public async Task AnAdministratorMayImportATemplate()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var admin = Users.SignedIn(await UserIdAsync(app, DemoLogins.Admin));

        var result = await app.SendAsync(new ImportQuestionnaireTemplate(Riverside, "tiny.yaml", TemplateFiles.Tiny), admin);

        Assert.True(result.Succeeded);
        Assert.True(await app.WithDbAsync(db => db.Templates.AnyAsync(t => t.Key == "tiny")));
    }

    [Fact]
    public async Task ImportingAnOrganisationNeedsAnOperator()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var stranger = Users.SignedIn(Guid.NewGuid().ToString());

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)), stranger));

        Assert.Contains("operator", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task AnOperatorNamedInTheConfigurationMayImportAnOrganisation()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, Operators: ["Operator@Example.org"]));
        var id = await CreateLoginAsync(app, "operator@example.org", confirmed: true);

        var result = await app.SendAsync(new ImportOrganisation(OtherOrganisation.FileName, OtherOrganisation.File), Users.SignedIn(id));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AnOperatorsAddressCountsOnlyOnceItsOwnerHasConfirmedIt()
    {
        // An administrator can invite any address; until the invitation is accepted nobody has proved it is theirs.
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, Operators: ["operator@example.org"]));
        var id = await CreateLoginAsync(app, "operator@example.org", confirmed: false);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new ImportOrganisation(OtherOrganisation.FileName, OtherOrganisation.File), Users.SignedIn(id)));
    }

    [Fact]
    public async Task SomeoneWithoutTheRoleIsRefusedBeforeTheirInputIsLookedAt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var steward = Users.SignedIn(await UserIdAsync(app, DemoLogins.Steward));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ImportQuestionnaireTemplate(Riverside, "", ""), steward));
    }

    private static Task<string> CreateLoginAsync(TestApp app, string email, bool confirmed) =>
        app.WithDbAsync(async db =>
        {
            var login = new CoGovUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = confirmed };
            db.Users.Add(login);
            await db.SaveChangesAsync();
            return login.Id;
        });

    private static Task<string> UserIdAsync(TestApp app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
