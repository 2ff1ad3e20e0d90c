using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoGov.Bench;

/// <summary>
/// With <c>--profile</c>: every SQL command the engine's context runs while recording, grouped by statement, with the
/// time SQLite took to execute it (to its first row; reading further rows counts as .NET time, since with split queries
/// one reader stays open while the next query runs and times to disposal would count twice), and the time spent
/// committing. It tells how much of a command's time is SQLite's and how much is the engine's own work in .NET.
/// </summary>
internal sealed partial class CommandProfile : DbCommandInterceptor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Statement> _statements = [];

    public TransactionProfile Transactions { get; } = new();

    public bool Recording { get; private set; }

    public void Reset()
    {
        lock (_gate)
        {
            _statements.Clear();
            Transactions.Reset();
            Recording = false;
        }
    }

    /// <summary>Records from now on; what was recorded before stays (the answers are timed in blocks).</summary>
    public void Resume()
    {
        Recording = true;
        Transactions.Recording = true;
    }

    public void Pause()
    {
        Recording = false;
        Transactions.Recording = false;
    }

    public IReadOnlyList<Statement> Statements()
    {
        lock (_gate)
        {
            return _statements.Values.OrderByDescending(s => s.Time).ToList();
        }
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command.CommandText, eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command.CommandText, eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command.CommandText, eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    private void Record(string sql, TimeSpan duration)
    {
        if (!Recording)
        {
            return;
        }
        // Statements differ only in parameter names and whitespace from run to run; the first words say what it is.
        var key = Whitespace().Replace(sql, " ").Trim();
        key = key.Length > 110 ? key[..110] + "..." : key;
        lock (_gate)
        {
            if (!_statements.TryGetValue(key, out var statement))
            {
                statement = new Statement(key);
                _statements[key] = statement;
            }
            statement.Count++;
            statement.Time += duration;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    internal sealed class Statement(string sql)
    {
        public string Sql { get; } = sql;
        public int Count { get; set; }
        public TimeSpan Time { get; set; }
    }
}

/// <summary>Commits and their durations: with the file's synchronous setting, a commit is where the disk is waited for.</summary>
internal sealed class TransactionProfile : DbTransactionInterceptor
{
    private readonly Lock _gate = new();

    public bool Recording { get; set; }

    public int Commits { get; private set; }

    public TimeSpan CommitTime { get; private set; }

    public void Reset()
    {
        lock (_gate)
        {
            Commits = 0;
            CommitTime = TimeSpan.Zero;
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Record(eventData.Duration);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return Task.CompletedTask;
    }

    private void Record(TimeSpan duration)
    {
        if (!Recording)
        {
            return;
        }
        lock (_gate)
        {
            Commits++;
            CommitTime += duration;
        }
    }
}
