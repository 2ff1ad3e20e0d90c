using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoGov.Workflows.Persistence.Sqlite;

/// <summary>The embedded default: a SQLite file in the app's data folder.</summary>
/// <remarks>
/// Add a migration with
/// <c>dotnet ef migrations add NAME --project src/CoGov.Workflows --context SqliteCoGovDbContext --output-dir Persistence/Sqlite/Migrations</c>
/// and add the same migration for SQL Server (see <see cref="SqlServer.SqlServerCoGovDbContext"/>).
/// </remarks>
public sealed class SqliteCoGovDbContext(DbContextOptions<SqliteCoGovDbContext> options) : CoGovDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time type: EF stores DateTimeOffset as text, which it cannot compare or order in SQL.
        // Deadlines are swept by range, so store UTC ticks as an integer, which orders correctly and keeps every tick
        // (the log's hashes cover times to the tick).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web app.</summary>
public sealed class SqliteCoGovDbContextFactory : IDesignTimeDbContextFactory<SqliteCoGovDbContext>
{
    public SqliteCoGovDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCoGovDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(CoGovDbContext.DesignTimeServices)
            .Options);
}
