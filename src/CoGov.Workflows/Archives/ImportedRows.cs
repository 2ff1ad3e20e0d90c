using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Archives;

/// <summary>
/// Puts rows into the context exactly as an archive holds them: their own identifiers, times and hashes (decision record
/// 27). The domain's constructors make a new identifier and take "now", as they must for anything new; a row coming
/// back from an archive is not new, so it is made the way EF makes a row it reads from the database: the private
/// parameterless constructor, then each mapped property set through EF's own metadata (by its backing field where the
/// model maps one, such as a system's personal data). Every mapped property must be given and none may be unknown, so
/// a column added to the model later fails the import's round trip loudly instead of arriving empty.
/// </summary>
internal sealed class ImportedRows(CoGovDbContext db)
{
    /// <param name="values">
    /// An object (anonymous, as a rule) whose properties are named as the entity's mapped properties, each with the value
    /// the archive holds, converted to the property's type.
    /// </param>
    public T Add<T>(object values) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var given = values.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(values), StringComparer.Ordinal);
        // The one column the database keeps for itself: the optimistic concurrency version, which starts again at 0.
        var mapped = type.GetProperties().Where(p => !(p.IsShadowProperty() && p.Name == ConcurrencyVersion.PropertyName)).ToList();

        var missing = mapped.Select(p => p.Name).Where(name => !given.ContainsKey(name)).ToList();
        var unknown = given.Keys.Where(name => mapped.All(p => p.Name != name)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"An imported {typeof(T).Name} must give every column of the model and only those: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", unknown)}].");
        }

        var entity = (T)Activator.CreateInstance(typeof(T), nonPublic: true)!;
        var entry = db.Entry(entity);
        // The key first, while the row is not yet tracked (two rows with an empty key would collide); a shadow column has
        // nowhere to live until it is.
        foreach (var property in mapped.Where(p => !p.IsShadowProperty()))
        {
            entry.Property(property.Name).CurrentValue = given[property.Name];
        }
        entry.State = EntityState.Added;
        foreach (var property in mapped.Where(p => p.IsShadowProperty()))
        {
            entry.Property(property.Name).CurrentValue = given[property.Name];
        }
        return entity;
    }
}
