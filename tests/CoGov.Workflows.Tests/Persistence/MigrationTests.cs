using CoGov.Domain.Systems;
using CoGov.Domain.Organisations;
using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;
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
    public async Task PeopleRecordedBeforeMailPreferencesExistedGetEveryMailAndNoMessageIsHeldForADigest()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var mailMigration = migrations.FindIndex(m => m.EndsWith("_MailPreferencesAndDigests", StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(migrations[mailMigration - 1]);
        // As the database stood: an organisation and one of its people, who never chose how to be mailed.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "TwoFactorRequired", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0, 0);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Side", "Title", "Email", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', '0195D3A0-0000-7000-8000-00000000000A', 'helen', 'Helen', 'Management', 'Director', 'h@example.org', 0);
            """);

        await db.Database.MigrateAsync();

        scope.ServiceProvider.GetRequiredService<CoGov.Workflows.Common.UserContext>().ActAsSystem();
        var helen = await db.People.AsNoTracking().Where(p => p.Key == "helen").Select(p => p.Id).SingleAsync();
        var preference = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new CoGov.Workflows.MailPreferences.GetMailPreference("a", helen));
        Assert.Equal(CoGov.Workflows.MailPreferences.MailDelivery.EveryMail, preference.Delivery);
        Assert.Equal(0, preference.Held);
        Assert.Equal(0, await db.MailPreferences.CountAsync());
    }

    [Fact]
    public async Task ExistingTemplatesBecomeTheLibraryTheirQuestionsAndCyclesGetKeysAndEachOrganisationAdoptsTheNewestVersions()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var templatesMigration = migrations.FindIndex(m => m.EndsWith("_TemplatesEachOrganisationAdopts", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[templatesMigration - 1]);
        // As the database stood: the bundled PSI questionnaire in version 1 and an uploaded version 2 (nobody recorded
        // whose), an uploaded survey, and one organisation with a signed-off cycle on PSI version 1.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Side", "Title", "Email", "Version") VALUES
                ('0195D3A0-0000-7000-8000-0000000000B1', '0195D3A0-0000-7000-8000-00000000000A', 'helen', 'Helen', 'Management', 'Director', 'h@example.org', 0);
            INSERT INTO "Systems" ("Id", "OrganisationId", "Key", "Name", "Purpose", "Vendor", "Sourcing", "ContractNotes", "Department", "PersonalData", "Version") VALUES
                ('0195D3A0-0000-7000-8000-0000000000C1', '0195D3A0-0000-7000-8000-00000000000A', 'rostering', 'Rostering', 'Rosters.', 'V', 'Procured', '', '', '[]', 0);
            INSERT INTO "Templates" ("Id", "Key", "Version", "Title", "Languages") VALUES
                ('0195D3A0-0000-7000-8000-0000000000D1', 'psi-co-governance', 1, '{{"en":"PSI"}}', '["en"]'),
                ('0195D3A0-0000-7000-8000-0000000000D2', 'psi-co-governance', 2, '{{"en":"PSI"}}', '["en"]'),
                ('0195D3A0-0000-7000-8000-0000000000D3', 'night-survey', 1, '{{"en":"Nights"}}', '["en"]');
            INSERT INTO "TemplateThemes" ("Id", "TemplateId", "Order", "Key", "Title", "Rationale") VALUES
                ('0195D3A0-0000-7000-8000-0000000000E1', '0195D3A0-0000-7000-8000-0000000000D1', 1, 'responsibility', '{{"en":"R"}}', '{{"en":"Why"}}'),
                ('0195D3A0-0000-7000-8000-0000000000E2', '0195D3A0-0000-7000-8000-0000000000D2', 1, 'responsibility', '{{"en":"R"}}', '{{"en":"Why"}}'),
                ('0195D3A0-0000-7000-8000-0000000000E3', '0195D3A0-0000-7000-8000-0000000000D3', 1, 'nights', '{{"en":"N"}}', '{{"en":"Why"}}');
            INSERT INTO "TemplateQuestions" ("Id", "ThemeId", "Number", "Text") VALUES
                ('0195D3A0-0000-7000-8000-0000000000F1', '0195D3A0-0000-7000-8000-0000000000E1', 7, '{{"en":"Laws?"}}'),
                ('0195D3A0-0000-7000-8000-0000000000F2', '0195D3A0-0000-7000-8000-0000000000E1', 8, '{{"en":"Which managers?"}}'),
                ('0195D3A0-0000-7000-8000-0000000000F3', '0195D3A0-0000-7000-8000-0000000000E2', 8, '{{"en":"Which managers?"}}'),
                ('0195D3A0-0000-7000-8000-0000000000F4', '0195D3A0-0000-7000-8000-0000000000E3', 1, '{{"en":"Nights?"}}');
            INSERT INTO "Assessments" ("Id", "OrganisationId", "SystemId", "TemplateId", "TemplateKey", "TemplateVersion", "Cycle", "OpenedAt", "DueAt",
                "AccountableManagerId", "State", "LastActivityAt", "LogHeadHash", "LogLength", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000101', '0195D3A0-0000-7000-8000-00000000000A', '0195D3A0-0000-7000-8000-0000000000C1',
                 '0195D3A0-0000-7000-8000-0000000000D1', 'psi-co-governance', 1, 1, 1, 2, '0195D3A0-0000-7000-8000-0000000000B1', 'SignedOff', 1,
                 '0000000000000000000000000000000000000000000000000000000000000000', 0, 0);
            INSERT INTO "QuestionItems" ("Id", "AssessmentId", "Number", "ThemeKey", "State", "RemindersSent", "OverdueNotified", "EscalationLevel", "FiredTriggers", "LatestAnswer", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000201', '0195D3A0-0000-7000-8000-000000000101', 7, 'responsibility', 'Accepted', 0, 0, 0, 0, 'We comply.', 0),
                ('0195D3A0-0000-7000-8000-000000000202', '0195D3A0-0000-7000-8000-000000000101', 8, 'responsibility', 'Accepted', 0, 0, 0, 0, 'Helen.', 0);
            """);

        await db.Database.MigrateAsync();

        var templates = await db.Templates.AsNoTracking().Include(t => t.Themes).ThenInclude(t => t.Questions).OrderBy(t => t.Key).ThenBy(t => t.Version).ToListAsync();
        Assert.All(templates, t => Assert.True(t.IsLibrary));
        Assert.Equal(
            [("night-survey", 1, "question-1"), ("psi-co-governance", 1, "legal-compliance"), ("psi-co-governance", 1, "accountable-managers"), ("psi-co-governance", 2, "accountable-managers")],
            templates.SelectMany(t => t.Questions.Select(q => (t.Key, t.Version, q.Key))));
        var items = await db.QuestionItems.AsNoTracking().OrderBy(q => q.Number).Select(q => q.QuestionKey).ToListAsync();
        Assert.Equal(["legal-compliance", "accountable-managers"], items);
        var adoptions = await db.TemplateAdoptions.AsNoTracking().OrderBy(a => a.TemplateKey).ToListAsync();
        Assert.Equal(
            [("night-survey", 1, Guid.Parse("0195D3A0-0000-7000-8000-0000000000D3")), ("psi-co-governance", 2, Guid.Parse("0195D3A0-0000-7000-8000-0000000000D2"))],
            adoptions.Select(a => (a.TemplateKey, a.TemplateVersion, a.TemplateId)));
        Assert.All(adoptions, a => Assert.Equal("CoGov", a.AdoptedBy));
        // The migration stamps them with the database's own clock, the real one.
        var now = TimeProvider.System.GetUtcNow();
        Assert.All(adoptions, a => Assert.InRange(a.AdoptedAt, now.AddMinutes(-5), now.AddMinutes(5)));
        Assert.Equal(2, adoptions.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task AQuestionOfABundledTemplateImportedBeforeKeysAnswersToTheKeyANewerBundledVersionGivesIt()
    {
        // An instance that ran before question keys: the bundled templates imported as they were then (no keys) and the
        // demo's cycles opened on them. Its questions get the bundled keys, so a renumbered version 2 carries by key.
        await using var app = TestApp.Create();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_TemplatesEachOrganisationAdopts", StringComparison.Ordinal)) - 1]);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Templates" ("Id", "Key", "Version", "Title", "Languages") VALUES
                    ('0195D3A0-0000-7000-8000-0000000000D1', 'psi-co-governance', 1, '{{"en":"PSI"}}', '["en"]');
                INSERT INTO "TemplateThemes" ("Id", "TemplateId", "Order", "Key", "Title", "Rationale") VALUES
                    ('0195D3A0-0000-7000-8000-0000000000E1', '0195D3A0-0000-7000-8000-0000000000D1', 1, 'responsibility', '{{"en":"R"}}', '{{"en":"Why"}}');
                INSERT INTO "TemplateQuestions" ("Id", "ThemeId", "Number", "Text") VALUES
                    ('0195D3A0-0000-7000-8000-0000000000F2', '0195D3A0-0000-7000-8000-0000000000E1', 8, '{{"en":"Which managers?"}}');
                """);
            await db.Database.MigrateAsync();
        }

        var version1 = await app.WithDbAsync(db => db.Templates.Include(t => t.Themes).ThenInclude(t => t.Questions).SingleAsync());
        var version2 = QuestionnaireTemplate.Create(
            new QuestionnaireTemplateSpec("psi-co-governance", 2, ["en"], new LocalizedText([new("en", "PSI")]), null,
                [new ThemeSpec("responsibility", new LocalizedText([new("en", "R")]), new LocalizedText([new("en", "Why")]),
                    [new QuestionSpec(1, new LocalizedText([new("en", "New?")]), "a-new-question"),
                     new QuestionSpec(2, new LocalizedText([new("en", "Which managers?")]), "accountable-managers")])]),
            previous: version1);

        Assert.Equal("accountable-managers", Assert.Single(version1.Questions).Key);
        Assert.Equal(version1.Questions.Single().Key, version2.Questions.Single(q => q.Number == 2).Key);
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

    [Fact]
    public async Task SystemsRegisteredBeforeTheRegisterAreInUseSinceTheirFirstCycleAtVersionOneWrittenFromWhatTheyHeld()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var registerMigration = migrations.FindIndex(m => m.EndsWith("_RegisterOfSystems", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[registerMigration - 1]);
        var firstCycle = new DateTimeOffset(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);
        var secondCycle = firstCycle.AddMonths(12);
        // As the database stood: a system with two cycles, and one never assessed. Only numbers are put into the text.
        var asItStood = $$"""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Side", "Title", "Email", "SuperiorId", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', '0195D3A0-0000-7000-8000-00000000000A', 'helen', 'Helen', 'Management', 'Director', 'h@example.org', NULL, 0);
            INSERT INTO "Systems" ("Id", "OrganisationId", "Key", "Name", "Purpose", "Vendor", "Sourcing", "ContractNotes", "Department", "NextCycleOpensAt", "Version", "PersonalData") VALUES
                ('0195D3A0-0000-7000-8000-0000000000B1', '0195D3A0-0000-7000-8000-00000000000A', 'rota', 'Rota "Plus"', 'Plans shifts.', 'Acme', 'Procured', 'Five years.', 'Nursing', NULL, 3, '["Shift history","Leave"]'),
                ('0195D3A0-0000-7000-8000-0000000000B2', '0195D3A0-0000-7000-8000-00000000000A', 'cv', 'CV screen', 'Ranks CVs.', 'BI team', 'InHouse', '', 'HR', NULL, 0, '[]');
            INSERT INTO "Assessments" ("Id", "OrganisationId", "SystemId", "TemplateId", "TemplateKey", "TemplateVersion", "Cycle", "OpenedAt", "DueAt", "AccountableManagerId", "State", "LastActivityAt", "LogHeadHash", "LogLength", "Version") VALUES
                ('0195D3A0-0000-7000-8000-0000000000C1', '0195D3A0-0000-7000-8000-00000000000A', '0195D3A0-0000-7000-8000-0000000000B1', '0195D3A0-0000-7000-8000-0000000000F1', 't', 1, 2, {{secondCycle.UtcTicks}}, {{secondCycle.AddDays(60).UtcTicks}}, '0195D3A0-0000-7000-8000-000000000001', 'Open', {{secondCycle.UtcTicks}}, '{{new string('0', 64)}}', 0, 0),
                ('0195D3A0-0000-7000-8000-0000000000C2', '0195D3A0-0000-7000-8000-00000000000A', '0195D3A0-0000-7000-8000-0000000000B1', '0195D3A0-0000-7000-8000-0000000000F1', 't', 1, 1, {{firstCycle.UtcTicks}}, {{firstCycle.AddDays(60).UtcTicks}}, '0195D3A0-0000-7000-8000-000000000001', 'SignedOff', {{firstCycle.UtcTicks}}, '{{new string('0', 64)}}', 0, 0);
            """;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Templates" ("Id", "Key", "Version", "Title", "Source", "Languages") VALUES
                ('0195D3A0-0000-7000-8000-0000000000F1', 't', 1, '{{"en":"T"}}', NULL, '["en"]');
            """);
        await db.Database.ExecuteSqlRawAsync(asItStood);

        await db.Database.MigrateAsync();

        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Key).ToListAsync();
        Assert.Equal(["cv", "rota"], systems.Select(s => s.Key));
        Assert.All(systems, s => Assert.Equal(SystemStatus.InUse, s.Status));
        Assert.All(systems, s => Assert.Equal(1, s.RegisterVersion));
        Assert.All(systems, s => Assert.Empty(s.ImpactAssessments));
        Assert.Null(systems[0].StatusSince);
        Assert.Equal(new DateOnly(2025, 6, 2), systems[1].StatusSince);
        var versions = await db.SystemVersions.AsNoTracking().ToListAsync();
        Assert.Equal(2, versions.Count);
        Assert.Equal(2, versions.Select(v => v.Id).Distinct().Count());
        Assert.All(versions, v => Assert.Equal((1, "CoGov", (Guid?)null), (v.Number, v.By, v.ByPersonId)));
        var rota = versions.Single(v => v.SystemId == systems[1].Id).Snapshot();
        Assert.Empty(rota.ChangesFrom(systems[1].Snapshot(null)));
        Assert.Equal(("Rota \"Plus\"", Sourcing.Procured, "Five years."), (rota.Name, rota.Sourcing, rota.ContractNotes));
        Assert.Equal(["Shift history", "Leave"], rota.PersonalData);
        Assert.Equal([new StatusPeriod(SystemStatus.InUse, new DateOnly(2025, 6, 2), "")], rota.StatusHistory);
        Assert.Equal(Sourcing.InHouse, versions.Single(v => v.SystemId == systems[0].Id).Snapshot().Sourcing);
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

    [Fact]
    public async Task EachCommitteeSeatedBeforeQuorumRulesExistedDecidesByEqualRepresentation()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var quorumMigration = migrations.FindIndex(m => m.EndsWith("_CommitteeQuorumRule", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[quorumMigration - 1]);
        // As the database stood: an organisation and its committee, with no rule for when it may decide.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "Committees" ("Id", "OrganisationId", "Name", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000C', '0195D3A0-0000-7000-8000-00000000000A', 'Joint committee', 0);
            """);

        await db.Database.MigrateAsync();

        var committee = await db.Organisations.AsNoTracking().Select(o => o.Committee).SingleAsync();
        Assert.Equal(QuorumRule.EqualRepresentation, committee.Quorum);
    }

    [Fact]
    public async Task OrganisationsKeptBeforeTheTwoFactorSettingRequireASecondFactorAndNoLoginStartsLockedOut()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var hardening = migrations.FindIndex(m => m.EndsWith("_SignInHardening", StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(migrations[hardening - 1]);
        // As the database stood: two organisations and a login that had failed twice.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0),
                ('0195D3A0-0000-7000-8000-00000000000B', 'b', 'B', 'en', 3);
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") VALUES
                ('u1', 'U', 'u@example.org', 'U@EXAMPLE.ORG', 'u@example.org', 'U@EXAMPLE.ORG', 1, 0, 0, 1, 2);
            """);

        await db.Database.MigrateAsync();

        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Key).ToListAsync();
        Assert.Equal(["a", "b"], organisations.Select(o => o.Key));
        Assert.All(organisations, o => Assert.True(o.TwoFactorRequired));
        var user = await db.Users.AsNoTracking().SingleAsync();
        Assert.Equal((0, 2), (user.LockoutCount, user.AccessFailedCount));
    }

    [Fact]
    public async Task LogEntriesWrittenBeforeLoginsWereRecordedKeepEveryByteAndStillVerifyAndSignaturesBeforeAnchorsNameNoHead()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var ledgerMigration = migrations.FindIndex(m => m.EndsWith("_LedgerAnchorsAndAppendOnlyTriggers", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[ledgerMigration - 1]);
        // As the database stood: two entries of a cycle, hashed in decision record 5's form, and a sign-off. Only the
        // log's own rows matter here, so the keys they point to are left out.
        var cycle = Guid.Parse("0195d3a0-0000-7000-8000-00000000000c");
        var at = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero).AddTicks(1234567);
        string V1(int sequence, string name, string kind, string text, string previous) => Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new[]
            {
                cycle.ToString("D"), sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                "", name, kind, "", text, previous,
            }))));
        var first = V1(1, "CoGov", "Opened", "Cycle 1 opened.", CoGov.Domain.Assessments.LogEntry.GenesisHash);
        var second = V1(2, "CoGov", "SignedOff", "Signed \"as agreed\", 2026.", first);
        await db.Database.ExecuteSqlAsync($"""
            PRAGMA foreign_keys = OFF;
            INSERT INTO "LogEntries" ("Id", "AssessmentId", "Sequence", "At", "ActorPersonId", "ActorName", "Kind", "QuestionNumber", "Text", "PreviousHash", "Hash") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', '0195D3A0-0000-7000-8000-00000000000C', 1, {at.UtcTicks}, NULL, 'CoGov', 'Opened', NULL, 'Cycle 1 opened.', {CoGov.Domain.Assessments.LogEntry.GenesisHash}, {first}),
                ('0195D3A0-0000-7000-8000-000000000002', '0195D3A0-0000-7000-8000-00000000000C', 2, {at.UtcTicks}, NULL, 'CoGov', 'SignedOff', NULL, {"Signed \"as agreed\", 2026."}, {first}, {second});
            INSERT INTO "SignOffs" ("Id", "AssessmentId", "Side", "PersonId", "PersonName", "Statement", "SignedAt") VALUES
                ('0195D3A0-0000-7000-8000-000000000003', '0195D3A0-0000-7000-8000-00000000000C', 'Management', '0195D3A0-0000-7000-8000-000000000004', 'Kwame', 'Signed.', {at.UtcTicks});
            """);

        await db.Database.MigrateAsync();

        var entries = await db.LogEntries.AsNoTracking().Where(e => e.AssessmentId == cycle).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([first, second], entries.Select(e => e.Hash));
        Assert.Equal(["Cycle 1 opened.", "Signed \"as agreed\", 2026."], entries.Select(e => e.Text));
        Assert.All(entries, e => Assert.Equal((1, null, at), (e.HashVersion, e.ActingLogin, e.At)));
        var verification = CoGov.Domain.Assessments.AssessmentLog.Verify(entries, cycle);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(second, verification.HeadHash);
        var signOff = await db.SignOffs.AsNoTracking().SingleAsync();
        Assert.Equal((null, null), (signOff.LogLength, signOff.LogHeadHash));
        Assert.Equal(0, await db.LogAnchors.CountAsync());
        // And from now on the database keeps them as they are.
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"LogEntries\";"));
    }

    [Fact]
    public async Task PeopleAndOrganisationsRecordedBeforeAnswerLinksNeitherPreferLinksNorAskForACodeAndNoLinkOrKeyExists()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var linksMigration = migrations.FindIndex(m => m.EndsWith("_AnswerLinks", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[linksMigration - 1]);
        // As the database stood: an organisation with a manager and a steward.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Side", "Title", "Email", "SuperiorId", "Version") VALUES
                ('0195D3A0-0000-7000-8000-000000000001', '0195D3A0-0000-7000-8000-00000000000A', 'helen', 'Helen', 'Management', 'Director', 'h@example.org', NULL, 0),
                ('0195D3A0-0000-7000-8000-000000000002', '0195D3A0-0000-7000-8000-00000000000A', 'amara', 'Amara', 'Workers', 'Steward', 'a@example.org', NULL, 0);
            """);

        await db.Database.MigrateAsync();

        var people = await db.People.AsNoTracking().OrderBy(p => p.Key).ToListAsync();
        Assert.Equal(["amara", "helen"], people.Select(p => p.Key));
        Assert.All(people, p => Assert.False(p.PrefersAnswerLinks));
        Assert.Equal(["h@example.org", "a@example.org"], people.OrderByDescending(p => p.Key).Select(p => p.Email));
        Assert.False((await db.Organisations.AsNoTracking().SingleAsync()).AnswerLinksNeedCode);
        Assert.Equal(0, await db.AnswerLinks.CountAsync());
        Assert.Equal(0, await db.AnswerLinkKeys.CountAsync());
    }

    [Fact]
    public async Task MembersKeptBeforeCalendarFeedsStayAsTheyWereWithNoFeedAndAFeedMadeAfterwardsGoesWithItsMembership()
    {
        await using var app = TestApp.Create();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var feeds = migrations.FindIndex(m => m.EndsWith("_CalendarFeeds", StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(migrations[feeds - 1]);
        // As the database stood: an organisation, one of its people and that person's login and membership.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Organisations" ("Id", "Key", "Name", "Language", "Version", "TwoFactorRequired") VALUES
                ('0195D3A0-0000-7000-8000-00000000000A', 'a', 'A', 'en', 0, 1);
            INSERT INTO "People" ("Id", "OrganisationId", "Key", "Name", "Email", "Side", "Title", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000B', '0195D3A0-0000-7000-8000-00000000000A', 'p', 'P', 'p@example.org', 'Workers', '', 0);
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "LockoutCount") VALUES
                ('u1', 'P', 'p@example.org', 'P@EXAMPLE.ORG', 'p@example.org', 'P@EXAMPLE.ORG', 1, 0, 0, 1, 0, 0);
            INSERT INTO "Memberships" ("Id", "UserId", "OrganisationId", "PersonId", "Roles", "Version") VALUES
                ('0195D3A0-0000-7000-8000-00000000000C', 'u1', '0195D3A0-0000-7000-8000-00000000000A', '0195D3A0-0000-7000-8000-00000000000B', '["Steward"]', 2);
            """);

        await db.Database.MigrateAsync();

        var membership = await db.Memberships.AsNoTracking().SingleAsync();
        Assert.Equal("u1", membership.UserId);
        Assert.Equal(["Steward"], membership.Roles);
        Assert.Equal(0, await db.CalendarFeeds.CountAsync());
        // A feed for the kept membership; removing the membership takes the feed with it, so its address stops.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "CalendarFeeds" ("Id", "OrganisationId", "MembershipId", "PersonId", "Kind", "TokenHash", "IssuedAt") VALUES
                ('0195D3A0-0000-7000-8000-00000000000D', '0195D3A0-0000-7000-8000-00000000000A', '0195D3A0-0000-7000-8000-00000000000C',
                 '0195D3A0-0000-7000-8000-00000000000B', 'Personal', '0000000000000000000000000000000000000000000000000000000000000000', 0);
            """);
        Assert.Equal(1, await db.CalendarFeeds.CountAsync());
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Memberships\";");
        Assert.Equal(0, await db.CalendarFeeds.CountAsync());
    }
}
