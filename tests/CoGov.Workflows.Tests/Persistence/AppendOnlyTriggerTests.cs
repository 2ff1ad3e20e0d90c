using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Persistence;

/// <summary>
/// Decision record 19: the database itself refuses to change or delete rows of the append-only tables, whoever sends
/// the SQL, on a real SQLite file.
/// </summary>
public sealed class AppendOnlyTriggerTests
{
    [Fact]
    public async Task EveryAppendOnlyTableHasATriggerRefusingUpdateAndOneRefusingDelete()
    {
        await using var app = await TestApp.StartAsync();

        var triggers = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").ToListAsync());

        foreach (var table in AppendOnlyTables.All)
        {
            Assert.Contains($"{table}_AppendOnly_Update", triggers);
            Assert.Contains($"{table}_AppendOnly_Delete", triggers);
        }
    }

    public static TheoryData<string> TablesWithRows => ["LogEntries", "SignOffs", "AuditEntries", "SystemVersions", "RoutingPolicyVersions"];

    [Theory]
    [MemberData(nameof(TablesWithRows))]
    public async Task AnUpdateAndADeleteInRawSqlAreRefusedAndChangeNothing(string table)
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        // Table names cannot be parameters; these come from the theory's own list.
        var countSql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
        var updateSql = "UPDATE \"" + table + "\" SET \"Id\" = \"Id\";";
        var deleteSql = "DELETE FROM \"" + table + "\";";
        // The import writes no audit entry: one administrative change does.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CoGov.Workflows.Common.UserContext>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var organisationId = await db.Organisations.Where(o => o.Key == "riverside-hospital").Select(o => o.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<CoGov.Workflows.Organisations.OrganisationAudit>()
                .RecordAsync(organisationId, Domain.Organisations.AuditKind.PersonAdded, "Added Sam.", CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var count = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(countSql).SingleAsync());
        Assert.True(count > 0, $"{table} has no rows to try.");

        var update = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(updateSql)));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(deleteSql)));

        Assert.Contains($"{table} is append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains($"{table} is append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(count, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(countSql).SingleAsync()));
    }

    [Fact]
    public async Task ExecuteUpdateAndExecuteDeleteThroughEfAreRefusedOnTheLog()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await app.CycleAsync("rostering", 1);
        var answer = before.Log.First(e => e.Kind == LogEntryKind.Answered);

        await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db =>
            db.LogEntries.Where(e => e.Id == answer.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, "Management accepts full liability."))));
        await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db =>
            db.LogEntries.Where(e => e.AssessmentId == before.Id).ExecuteDeleteAsync()));
        await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db =>
            db.SignOffs.Where(s => s.AssessmentId == before.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Statement, "Nothing was agreed."))));

        var after = await app.CycleAsync("rostering", 1);
        Assert.Equal(before.Log.Select(e => (e.Id, e.Text, e.Hash)), after.Log.Select(e => (e.Id, e.Text, e.Hash)));
        Assert.Equal(answer.Text, after.Log.Single(e => e.Id == answer.Id).Text);
        Assert.True(after.VerifyLog().IsIntact);
    }
}
