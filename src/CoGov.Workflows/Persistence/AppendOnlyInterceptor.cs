using CoGov.Domain.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoGov.Workflows.Persistence;

/// <summary>
/// The last line of defence for the record both sides trust: a save that would change or delete a log entry, a
/// signature, an organisation's audit entry, a version of a system's register entry or a kept document (a generated record), or delete a cycle (which holds them), is refused before anything
/// reaches the database. The domain gives no way to do it; this catches code that reaches past the domain. The foreign
/// keys restrict deletes as well.
/// </summary>
public sealed class AppendOnlyInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted && entry.Entity is Assessment cycle)
            {
                throw new InvalidOperationException(
                    $"Refused to delete cycle {cycle.Cycle}: a cycle's log and signatures are the committee's record and are kept.");
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity is Records.StoredRecord record)
            {
                throw new InvalidOperationException(
                    $"Refused to {(entry.State == EntityState.Deleted ? "delete" : "change")} the kept document {record.FileName}: generated records are kept as printed.");
            }
            if (entry.State == EntityState.Modified && entry.Entity is Domain.Policies.RoutingPolicyVersion policyVersion)
            {
                throw new InvalidOperationException($"Refused to change version {policyVersion.Number} of a routing policy: its versions are kept as they were.");
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity is Domain.Organisations.AuditEntry audit)
            {
                throw new InvalidOperationException(
                    $"Refused to {(entry.State == EntityState.Deleted ? "delete" : "change")} the audit entry of {audit.At:O}: the audit log is append-only.");
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity is Domain.Systems.SystemVersion version)
            {
                throw new InvalidOperationException(
                    $"Refused to {(entry.State == EntityState.Deleted ? "delete" : "change")} version {version.Number} of a register entry: the register's history is append-only.");
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity is LogEntry or SignOff)
            {
                var what = entry.Entity is LogEntry log ? $"log entry {log.Sequence}" : "a signature";
                throw new InvalidOperationException(
                    $"Refused to {(entry.State == EntityState.Deleted ? "delete" : "change")} {what}: the log and signatures are append-only.");
            }
        }
    }
}
