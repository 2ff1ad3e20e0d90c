using CoGov.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoGov.Bench;

/// <summary>
/// Inserts new entities as the rows EF Core's SaveChanges would write for them: the tables, columns, value converters
/// and parameter types all come from the engine's own model, on a connection the engine's context opened (so foreign
/// keys are enforced as in the app). What it leaves out is the change tracker, whose per-row cost made generating
/// 1.2 million rows take about seven minutes: here each table has one prepared statement and a batch is one transaction.
/// </summary>
/// <remarks>
/// Properties the model keeps in shadow (the concurrency <c>Version</c>) are left to their column default, as
/// SaveChanges does for a new row whose value is the default. A shadow property without a column default would be a
/// value this writer cannot know, so it refuses such a type rather than write a wrong row.
/// </remarks>
internal sealed class ModelRowWriter(CoGovDbContext db) : IDisposable
{
    private readonly Dictionary<Type, Insert> _inserts = [];
    private SqliteTransaction? _transaction;

    private SqliteConnection Connection => (SqliteConnection)db.Database.GetDbConnection();

    public async Task OpenAsync() => await db.Database.OpenConnectionAsync();

    public void Begin() => _transaction = Connection.BeginTransaction();

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Write<T>(T entity) where T : class
    {
        var insert = InsertFor(typeof(T));
        insert.Command.Transaction = _transaction;
        foreach (var column in insert.Columns)
        {
            var value = column.Getter.GetClrValue(entity);
            column.Parameter.Value = (column.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
        }
        insert.Command.ExecuteNonQuery();
    }

    public void WriteAll<T>(IEnumerable<T> entities) where T : class
    {
        foreach (var entity in entities)
        {
            Write(entity);
        }
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        foreach (var insert in _inserts.Values)
        {
            insert.Command.Dispose();
        }
        db.Database.CloseConnection();
    }

    private Insert InsertFor(Type clrType)
    {
        if (_inserts.TryGetValue(clrType, out var insert))
        {
            return insert;
        }
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var command = Connection.CreateCommand();
        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                if (property.GetDefaultValue() is null && property.GetDefaultValueSql() is null)
                {
                    throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is a shadow property with no column default.");
                }
                continue;
            }
            var mapping = property.GetRelationalTypeMapping();
            // The model's own parameter set-up (SQLite type, nullability); the value is replaced row by row.
            var parameter = (SqliteParameter)mapping.CreateParameter(command, $"$p{columns.Count}", null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add(new Column(property.GetColumnName(table)!, property.GetGetter(), mapping.Converter, parameter));
        }
        command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})";
        command.Prepare();
        insert = new Insert(command, [.. columns]);
        _inserts[clrType] = insert;
        return insert;
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, ValueConverter? Converter, SqliteParameter Parameter);

    private sealed record Insert(SqliteCommand Command, Column[] Columns);
}
