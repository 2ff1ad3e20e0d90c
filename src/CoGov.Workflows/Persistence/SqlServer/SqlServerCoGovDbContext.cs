using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CoGov.Workflows.Persistence.SqlServer;

/// <summary>SQL Server, chosen by configuration (<c>Database:Provider=SqlServer</c> and <c>ConnectionStrings:CoGov</c>).</summary>
/// <remarks>
/// Add a migration with
/// <c>dotnet ef migrations add NAME --project src/CoGov.Workflows --context SqlServerCoGovDbContext --output-dir Persistence/SqlServer/Migrations</c>.
/// No server is needed to add or script migrations.
/// </remarks>
public sealed class SqlServerCoGovDbContext(DbContextOptions<SqlServerCoGovDbContext> options) : CoGovDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a server or the web app.</summary>
public sealed class SqlServerCoGovDbContextFactory : IDesignTimeDbContextFactory<SqlServerCoGovDbContext>
{
    public SqlServerCoGovDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCoGovDbContext>()
            .UseSqlServer("Server=(local);Database=CoGov;Integrated Security=true;TrustServerCertificate=true")
            .UseApplicationServiceProvider(CoGovDbContext.DesignTimeServices)
            .Options);
}
