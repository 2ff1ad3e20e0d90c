using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Persistence.Sqlite;
using CoGov.Workflows.Persistence.SqlServer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigratingAFreshSqliteFileAppliesEveryMigration()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        Assert.IsType<SqliteCoGovDbContext>(db);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.True(File.Exists(app.Database.FilePath));
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task StartingTheAppMigratesTheDatabase()
    {
        await using var app = await TestApp.StartAsync();

        var pending = await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());

        Assert.Empty(pending);
        var tables = await SqliteTablesAsync(app.Database);
        Assert.Superset(
            new HashSet<string>(["Organisations", "People", "Committees", "Systems", "Templates", "TemplateThemes", "TemplateQuestions",
                "Assessments", "QuestionItems", "LogEntries", "SignOffs", "Memberships", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
                "__EFMigrationsHistory"]),
            tables);
    }

    [Fact]
    public void TheSqliteMigrationsMatchTheModel()
    {
        using var context = new SqliteCoGovDbContextFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "The model has changed since the last SQLite migration: add one.");
    }

    [Fact]
    public void TheSqlServerMigrationsMatchTheModel()
    {
        using var context = new SqlServerCoGovDbContextFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges(), "The model has changed since the last SQL Server migration: add one.");
    }

    [Fact]
    public async Task TheContextTheAppBuildsHasTheModelItsMigrationsWereMadeFrom()
    {
        // The design-time factories and the app must agree on Identity's options, or the tables drift from the migrations.
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotNull(db.Model.FindEntityType(typeof(Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>)));
    }

    [Fact]
    public void EachProviderFindsOnlyItsOwnMigrations()
    {
        using var sqlite = new SqliteCoGovDbContextFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerCoGovDbContextFactory().CreateDbContext([]);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var sqlServerMigrations = sqlServer.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(sqlServerMigrations);
        Assert.Empty(sqliteMigrations.Intersect(sqlServerMigrations));
        Assert.Equal(
            sqliteMigrations.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]),
            sqlServerMigrations.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task TheSqliteFileIsInWriteAheadLogModeAfterStartUp()
    {
        await using var app = await TestApp.StartAsync();

        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var mode = (string?)await command.ExecuteScalarAsync();

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task EachMembershipTakesTheRolesItsLoginHeldAndTheIdentityRolesAreRemoved()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var rolesMigration = migrations.FindIndex(m => m.EndsWith("_RolesBelongToAMembership", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[rolesMigration - 1]);
        // As the database stood: two organisations, a login holding two roles (which then held in both), one holding none.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0),
                ('0195D3A0-0000-7000-8000-00000000000B', 'b', 'B', 'en', 0);
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") VALUES
                ('admin', 'Admin', 1, 0, 0, 0, 0),
                ('plain', 'Plain', 1, 0, 0, 0, 0);
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES
                ('r-steward', 'Steward', 'STEWARD'), ('r-manager', 'Manager', 'MANAGER'),
                ('r-chair', 'CommitteeChair', 'COMMITTEECHAIR'), ('r-admin', 'Admin', 'ADMIN');
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('admin', 'r-admin'), ('admin', 'r-steward');
            INSERT INTO "Memberships" ("Id", "UserId", "OrganisationId", "PersonId", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', 'admin', '0195D3A0-0000-7000-8000-00000000000A', NULL, 0),
                ('0195D3A0-0000-7000-8000-000000000002', 'admin', '0195D3A0-0000-7000-8000-00000000000B', NULL, 0),
                ('0195D3A0-0000-7000-8000-000000000003', 'plain', '0195D3A0-0000-7000-8000-00000000000A', NULL, 0);
            """);

        await db.Database.MigrateAsync();

        var roles = await db.Memberships.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.UserId, m.Roles }).ToListAsync();
        Assert.Equal(["admin", "admin", "plain"], roles.Select(r => r.UserId));
        Assert.Equal([Roles.Steward, Roles.Admin], roles[0].Roles);
        Assert.Equal([Roles.Steward, Roles.Admin], roles[1].Roles);
        Assert.Empty(roles[2].Roles);
        Assert.Equal(0, await db.UserRoles.CountAsync());
        Assert.Equal(0, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task PeopleRecordedBeforeRetirementExistedStayActiveAndTheAuditLogStartsEmpty()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var peopleMigration = migrations.FindIndex(m => m.EndsWith("_PeopleRetireAndAudit", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[peopleMigration - 1]);
        // As the database stood: an organisation with a manager reporting to a director.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Side", "Title", "Email", "SuperiorId", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', '0195D3A0-0000-7000-8000-00000000000A', 'helen', 'Helen', 'Management', 'Director', 'h@example.org', NULL, 0),
                ('0195D3A0-0000-7000-8000-000000000002', '0195D3A0-0000-7000-8000-00000000000A', 'priya', 'Priya', 'Management', 'Head', 'p@example.org', '0195D3A0-0000-7000-8000-000000000001', 0);
            """);

        await db.Database.MigrateAsync();

        var people = await db.People.AsNoTracking().OrderBy(p => p.Key).ToListAsync();
        Assert.Equal(["helen", "priya"], people.Select(p => p.Key));
        Assert.All(people, p => Assert.False(p.IsRetired));
        Assert.All(people, p => Assert.Null(p.Department));
        Assert.Equal(people[0].Id, people[1].SuperiorId);
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task EachPolicyKeptBeforeVersionsExistedBecomesItsOwnVersionOne()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var versionsMigration = migrations.FindIndex(m => m.EndsWith("_PolicyVersions", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[versionsMigration - 1]);
        // As the database stood: the default policy and one organisation's, changed twice (its row's version is 2).
        const string document = """{"timeZone":"Europe/London","holidays":["2026-12-25"],"defaultManager":null,"managerByTheme":{},"defaultDeadlineDays":10,"deadlineDaysByTheme":{},"clarificationDeadlineDays":5,"reminderDaysBeforeDue":[5,1],"escalation":["superior"],"escalationIntervalDays":3,"reassessmentIntervalMonths":12,"cycleLengthDays":90,"systems":{}}""";
        var changed = document.Replace("10", "15", StringComparison.Ordinal);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "RoutingPolicies" ("Id", "OrganisationId", "Document", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', NULL, {document}, 0),
                ('0195D3A0-0000-7000-8000-000000000002', '0195D3A0-0000-7000-8000-00000000000A', {changed}, 2);
            """);
        // The migration dates them by the database's own clock, the real one.
        var before = TimeProvider.System.GetUtcNow().AddSeconds(-1);

        await db.Database.MigrateAsync();

        var policies = await db.RoutingPolicies.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var versions = await db.PolicyVersions.AsNoTracking().OrderBy(v => v.PolicyId).ToListAsync();
        Assert.Equal([1, 1], policies.Select(p => p.Number));
        Assert.Equal(policies.Select(p => p.Id), versions.Select(v => v.PolicyId));
        Assert.All(versions, v => Assert.Equal((1, "CoGov"), (v.Number, v.By)));
        Assert.All(versions, v => Assert.InRange(v.At, before, TimeProvider.System.GetUtcNow().AddSeconds(1)));
        Assert.Equal([10, 15], versions.Select(v => v.Spec.DefaultDeadlineDays));
        Assert.Equal(new DateOnly(2026, 12, 25), Assert.Single(versions[1].Spec.Holidays));
        Assert.Equal("The policy in force when CoGov began to keep its versions.", versions[0].Change);
    }

    private static async Task<HashSet<string>> SqliteTablesAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }
}
