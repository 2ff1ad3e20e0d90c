using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence;

/// <summary>
/// Optimistic concurrency for every row that can be edited: a shadow <c>Version</c> column that every update checks and
/// increments. A shadow property keeps the domain free of persistence concerns, and an application-managed number works
/// the same on SQLite (which has no rowversion) and SQL Server.
/// </summary>
public static class ConcurrencyVersion
{
    public const string PropertyName = "Version";

    public static void HasConcurrencyVersion<T>(this EntityTypeBuilder<T> builder) where T : class =>
        builder.Property<long>(PropertyName).IsConcurrencyToken().HasDefaultValue(0L);
}

/// <summary>Increments the version of every modified row as it is saved, so a second writer holding the old version fails.</summary>
public sealed class ConcurrencyVersionInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(ConcurrencyVersion.PropertyName) is not null)
            {
                var version = entry.Property(ConcurrencyVersion.PropertyName);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }
}
