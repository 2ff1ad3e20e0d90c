using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Systems;
using CoGov.Workflows.Tests.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Organisations;

public sealed class CreateOrganisationTests
{
    private const string Password = "First-run-2026!";

    private static readonly CreateOrganisation Northfield = new(
        "northfield", "Northfield Council", "en", "gb", "Local government", "Northfield Joint Committee",
        "Rosa Lind", "rosa.lind@northfield.example", Side.Workers, "Branch secretary", Password);

    [Fact]
    public async Task ANewOrganisationStartsFromTheDefaultPolicyWithItsAdministratorAsOneOfItsPeople()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var created = await app.SendAsync(Northfield);

        Assert.Equal("northfield", created.Key);
        var organisation = await app.WithDbAsync(db => db.Organisations.Include(o => o.People).Include(o => o.Committee).SingleAsync());
        Assert.Equal(("Northfield Council", "GB", "Local government", "en", "Northfield Joint Committee"),
            (organisation.Name, organisation.Country, organisation.Sector, organisation.Language, organisation.Committee.Name));
        var person = Assert.Single(organisation.People);
        Assert.Equal(("rosa-lind", "Rosa Lind", Side.Workers, "Branch secretary"), (person.Key, person.Name, person.Side, person.Title));
        var defaultPolicy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => p.OrganisationId == null));
        var policy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id));
        Assert.Equal(defaultPolicy.Spec.TimeZone, policy.Spec.TimeZone);
        var (login, roles) = await app.LoginAsync("rosa.lind@northfield.example", "northfield");
        Assert.Equal(created.AdminUserId, login.Id);
        Assert.True(login.EmailConfirmed);
        Assert.Equal([Roles.Steward, Roles.Admin], roles);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().CheckPasswordAsync(login, Password));
    }

    [Fact]
    public async Task ItsAdministratorCanRegisterASystemAtOnce()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var created = await app.SendAsync(Northfield);

        var key = await app.SendAsync(
            new RegisterSystem("northfield", null, "ShiftWise", "Rosters shifts.", "ShiftWise Ltd", Sourcing.Procured, null, [], "Care"),
            Users.SignedIn(created.AdminUserId));

        Assert.Equal("shiftwise", key);
    }

    public static TheoryData<string, CreateOrganisation, string> BadFields => new()
    {
        { "a key with capitals and spaces", Northfield with { Key = "North Field" }, nameof(CreateOrganisation.Key) },
        { "the key of the new-organisation page", Northfield with { Key = "new" }, nameof(CreateOrganisation.Key) },
        { "no name", Northfield with { Name = " " }, nameof(CreateOrganisation.Name) },
        { "no committee name", Northfield with { CommitteeName = "" }, nameof(CreateOrganisation.CommitteeName) },
        { "a country that is no code", Northfield with { Country = "Britain" }, nameof(CreateOrganisation.Country) },
        { "a language that is no code", Northfield with { Language = "English" }, nameof(CreateOrganisation.Language) },
        { "no administrator's name", Northfield with { AdminName = "" }, nameof(CreateOrganisation.AdminName) },
        { "no administrator's e-mail", Northfield with { AdminEmail = "" }, nameof(CreateOrganisation.AdminEmail) },
        { "an e-mail that is no address", Northfield with { AdminEmail = "rosa at northfield" }, nameof(CreateOrganisation.AdminEmail) },
        { "no side", Northfield with { AdminSide = (Side)7 }, nameof(CreateOrganisation.AdminSide) },
        { "no password for a new login", Northfield with { AdminPassword = null }, nameof(CreateOrganisation.AdminPassword) },
        { "a weak password", Northfield with { AdminPassword = "short" }, nameof(CreateOrganisation.AdminPassword) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task EachBadFieldIsRefusedByNameAndNothingIsCreated(string why, CreateOrganisation command, string field)
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var refusal = await Assert.ThrowsAsync<InputRejectedException>(async () => await app.SendAsync(command));

        Assert.True(refusal.Errors.Keys.SequenceEqual([field]), $"{why}: {refusal.Message}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task ATakenKeyIsRefusedOnTheKey()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        await app.SendAsync(Northfield);

        var refusal = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(Northfield with { AdminEmail = "someone.else@northfield.example" }));

        Assert.Equal("Another organisation has the key 'northfield'; choose another.", Assert.Single(refusal.Errors[nameof(CreateOrganisation.Key)]).ToString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AnExistingLoginBecomesTheAdministratorKeepingItsPasswordAndIsNeverGivenANewOne()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var first = await app.SendAsync(Northfield);

        var refusal = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(Northfield with { Key = "southfield", AdminPassword = "Another-one-2026!" }));
        var second = await app.SendAsync(Northfield with { Key = "southfield", AdminSide = Side.Management, AdminPassword = null });

        Assert.Contains(nameof(CreateOrganisation.AdminPassword), refusal.Errors.Keys);
        Assert.Equal(first.AdminUserId, second.AdminUserId);
        var (login, roles) = await app.LoginAsync(Northfield.AdminEmail, "southfield");
        Assert.Equal([Roles.Manager, Roles.Admin], roles);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().CheckPasswordAsync(login, Password));
    }

    [Fact]
    public async Task TheFirstRunSetupIsNotFoundOnceAnOrganisationExists()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        Assert.True((await app.SendAsync(new GetFirstRun())).NoOrganisationYet);
        await app.SendAsync(Northfield with { OnlyIfFirst = true });

        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(Northfield with { Key = "southfield", AdminEmail = "x@y.example", OnlyIfFirst = true }));

        Assert.False((await app.SendAsync(new GetFirstRun())).NoOrganisationYet);
        Assert.Equal(1, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task TwoFirstRunsStartedTogetherCreateOneOrganisation()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        using var barrier = new Barrier(2);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await app.SendAsync(Northfield with { Key = $"northfield-{i}", AdminEmail = $"admin{i}@northfield.example", OnlyIfFirst = true });
                return "created";
            }
            catch (NotFoundException)
            {
                return "not found";
            }
        })));

        Assert.Equal(["created", "not found"], outcomes.Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}
