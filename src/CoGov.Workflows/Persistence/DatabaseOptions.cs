namespace CoGov.Workflows.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> section of configuration.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "CoGov";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
