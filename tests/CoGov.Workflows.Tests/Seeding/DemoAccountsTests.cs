using CoGov.Workflows.Identity;
using CoGov.Workflows.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Seeding;

public sealed class DemoAccountsTests
{
    private static readonly Dictionary<string, string[]> ExpectedRoles = new(StringComparer.Ordinal)
    {
        ["leila.haddad@riverside-hospital.example"] = [Roles.Steward, Roles.CommitteeChair],
        ["amara.okafor@riverside-hospital.example"] = [Roles.Steward],
        ["tomasz.nowak@riverside-hospital.example"] = [Roles.Steward],
        ["helen.marsh@riverside-hospital.example"] = [Roles.Manager, Roles.CommitteeChair],
        ["daniel.reyes@riverside-hospital.example"] = [Roles.Manager],
        ["priya.nair@riverside-hospital.example"] = [Roles.Manager],
        ["kwame.asante@riverside-hospital.example"] = [Roles.Manager],
        ["admin@riverside-hospital.example"] = [Roles.Admin],
    };

    [Fact]
    public async Task TheDemoLoginsAreCreatedWithConfirmedEMails()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var (password, logins) = await app.EnsureDemoAccountsAsync();

        Assert.Equal("CoGov-demo-2026!", password);
        Assert.Equal(ExpectedRoles.Keys.Order(StringComparer.Ordinal), logins.Select(l => l.Email).Order(StringComparer.Ordinal));
        var users = await app.WithDbAsync(db => db.Users.AsNoTracking().ToListAsync());
        Assert.Equal(8, users.Count);
        Assert.All(users, user =>
        {
            Assert.True(user.EmailConfirmed, $"{user.Email} is not confirmed");
            Assert.Equal(user.Email, user.UserName);
        });
        Assert.Equal("Leila Haddad", users.Single(u => u.Email == "leila.haddad@riverside-hospital.example").DisplayName);
        Assert.Equal("Leila Haddad", logins.Single(l => l.Email == "leila.haddad@riverside-hospital.example").Name);
    }

    [Fact]
    public async Task TheTestsSharedDemoLoginsAreTheOnesTheAccountsFileCreates()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var (password, logins) = await app.EnsureDemoAccountsAsync();

        Assert.Equal(DemoLogins.Password, password);
        Assert.Equal(logins.Select(l => l.Email).Order(StringComparer.Ordinal), DemoLogins.All.Order(StringComparer.Ordinal));
        Assert.Equal([Roles.Steward], ExpectedRoles[DemoLogins.Steward]);
        Assert.Equal([Roles.Steward, Roles.CommitteeChair], ExpectedRoles[DemoLogins.WorkersChair]);
        Assert.Equal([Roles.Manager], ExpectedRoles[DemoLogins.Manager]);
        Assert.Equal([Roles.Manager, Roles.CommitteeChair], ExpectedRoles[DemoLogins.ManagementChair]);
        Assert.Equal([Roles.Admin], ExpectedRoles[DemoLogins.Admin]);
        Assert.Equal(DemoLogins.Daniel, DemoLogins.EmailOf("daniel-reyes"));
    }

    [Fact]
    public async Task EachDemoLoginHasTheRolesOfTheAccountsFileInTheHospitalAndItsPassword()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await app.EnsureDemoAccountsAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CoGov.Workflows.Persistence.CoGovDbContext>();
        foreach (var (email, roles) in ExpectedRoles)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.Equal(roles, await db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.Roles).SingleAsync());
            Assert.True(await users.CheckPasswordAsync(user, "CoGov-demo-2026!"), $"{email} does not take the demo password");
        }
        // Roles are the memberships' alone: none is an Identity role of the login.
        Assert.Equal(0, await db.UserRoles.CountAsync());
    }

    [Fact]
    public async Task EachDemoLoginIsAMemberOfTheHospitalAsItsPersonAndTheAdministratorAsNoOne()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await app.EnsureDemoAccountsAsync();

        var memberships = await app.WithDbAsync(async db =>
            await (from membership in db.Memberships
                   join user in db.Users on membership.UserId equals user.Id
                   join organisation in db.Organisations on membership.OrganisationId equals organisation.Id
                   join person in db.People on membership.PersonId equals person.Id into people
                   from person in people.DefaultIfEmpty()
                   select new { user.Email, Organisation = organisation.Key, PersonEmail = person == null ? null : person.Email })
                .ToListAsync());

        Assert.Equal(8, memberships.Count);
        Assert.All(memberships, m => Assert.Equal("riverside-hospital", m.Organisation));
        Assert.All(memberships.Where(m => m.Email != "admin@riverside-hospital.example"), m => Assert.Equal(m.Email, m.PersonEmail));
        Assert.Null(memberships.Single(m => m.Email == "admin@riverside-hospital.example").PersonEmail);
    }

    [Fact]
    public async Task RunningItAgainCreatesNothingNew()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await app.EnsureDemoAccountsAsync();
        var before = await CountsAsync(app);

        var (_, logins) = await app.EnsureDemoAccountsAsync();

        Assert.Equal(8, logins.Count);
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal((8, 0, 8, 0), before);
    }

    [Fact]
    public async Task AccountsForAnOrganisationNotImportedYetAreRefused()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.EnsureDemoAccountsAsync());

        Assert.Contains("riverside-hospital.accounts.yaml", refused.Message, StringComparison.Ordinal);
        Assert.Contains("there is no organisation 'riverside-hospital'; import it first.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AnAccountsFileNamingAnUnknownRoleOrPersonIsRefusedWithTheirLines()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        const string accounts = """
            organisation: riverside-hospital
            password: CoGov-demo-2026!
            accounts:
              - person: leila-haddad
                roles: [Steward, Shopkeeper]
              - person: nobody-at-all
                roles: [Manager]
            """;

        await using var scope = app.Services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync("bad.accounts.yaml", accounts, CancellationToken.None));

        Assert.Contains("bad.accounts.yaml, line 5, column 5 (accounts[0].roles): 'Shopkeeper' is not a role", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bad.accounts.yaml, line 6, column 5 (accounts[1].person): there is no person 'nobody-at-all'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    private static Task<(int Users, int Roles, int Memberships, int UserRoles)> CountsAsync(TestApp app) =>
        app.WithDbAsync(async db => (
            await db.Users.CountAsync(),
            await db.Roles.CountAsync(),
            await db.Memberships.CountAsync(),
            await db.UserRoles.CountAsync()));
}
