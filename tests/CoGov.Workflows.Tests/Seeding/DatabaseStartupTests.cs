using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Seeding;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task StartingWithTheDemoLoadsTheTemplatesTheHospitalAndItsLogins()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, SeedDemo: true));

        var counts = await app.WithDbAsync(CountAsync);

        Assert.Equal(new Counts(Templates: 2, Organisations: 1, People: 7, Systems: 3, Assessments: 4, Users: 8, Memberships: 8, LogEntries: counts.LogEntries), counts);
        Assert.True(counts.LogEntries > 100);
    }

    [Fact]
    public async Task StartingAgainOnTheSameDatabaseChangesNothing()
    {
        using var database = new TestDatabase();
        var options = new TestAppOptions(SeedTemplates: true, SeedDemo: true);
        Counts first;
        await using (var app = await TestApp.StartAsync(options, database))
        {
            first = await app.WithDbAsync(CountAsync);
        }

        await using var again = await TestApp.StartAsync(options, database);

        Assert.Equal(first, await again.WithDbAsync(CountAsync));
        Assert.Empty(await again.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
    }

    [Fact]
    public async Task StartingWithTemplatesOnlyLoadsTheTwoBundledTemplatesAndNothingElse()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var counts = await app.WithDbAsync(CountAsync);

        Assert.Equal(new Counts(Templates: 2, Organisations: 0, People: 0, Systems: 0, Assessments: 0, Users: 0, Memberships: 0, LogEntries: 0), counts);
    }

    [Fact]
    public async Task StartingWithoutSeedingLeavesTheDatabaseEmpty()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: false));

        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, 0, 0), await app.WithDbAsync(CountAsync));
    }

    [Fact]
    public async Task ABadBundledTemplateStopsStartUpWithEveryProblemInIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cogov-workflows-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "templates", "broken.yaml"), """
                key: broken
                version: 1
                languages: [en]
                title:
                  en: Broken
                colour: red
                """);
            await using var app = TestApp.Create(new TestAppOptions(SeedTemplates: true, SeedFolder: folder));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

            Assert.Contains("broken.yaml, line 1, column 1 (themes): the field 'themes' is missing.", refused.Message, StringComparison.Ordinal);
            Assert.Contains("broken.yaml, line 6, column 1 (colour): unknown field 'colour'", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await app.WithDbAsync(db => db.Templates.CountAsync()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Counts(int Templates, int Organisations, int People, int Systems, int Assessments, int Users, int Memberships, int LogEntries);

    private static async Task<Counts> CountAsync(CoGovDbContext db) => new(
        await db.Templates.CountAsync(),
        await db.Organisations.CountAsync(),
        await db.People.CountAsync(),
        await db.Systems.CountAsync(),
        await db.Assessments.CountAsync(),
        await db.Users.CountAsync(),
        await db.Memberships.CountAsync(),
        await db.LogEntries.CountAsync());
}
