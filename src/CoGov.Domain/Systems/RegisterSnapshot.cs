using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoGov.Domain.Systems;

/// <summary>
/// A system's whole register entry at one version, as kept in its history: the entry is small, so each version keeps
/// all of it rather than a diff, and differences are worked out when read (decision record 13). Stored as JSON; the
/// migration that started the register writes the same shape in SQL, so the names here are part of the stored format.
/// </summary>
public sealed record RegisterSnapshot(
    string Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    SystemStatus Status,
    IReadOnlyList<StatusPeriod> StatusHistory,
    Guid? OwnerId,
    string? OwnerName,
    string Contact,
    string DecisionsSupported,
    string HumanOversight,
    string DataSources,
    string StorageJurisdiction,
    string Retention,
    string WorkersAffected,
    int? WorkersAffectedCount,
    IReadOnlyList<ImpactAssessmentLink> ImpactAssessments)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNameCaseInsensitive = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RegisterSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<RegisterSnapshot>(json, Json) ?? throw new FormatException("A register snapshot is empty.");

    /// <summary>
    /// The fields that differ from <paramref name="before"/>, in the register's order, each with both values in words;
    /// against no earlier version, every field that has a value.
    /// </summary>
    public IReadOnlyList<FieldChange> ChangesFrom(RegisterSnapshot? before)
    {
        var changes = new List<FieldChange>();
        foreach (var (field, read) in Fields)
        {
            var now = read(this);
            var then = before is null ? "" : read(before);
            if (now != then)
            {
                changes.Add(new FieldChange(field, then, now));
            }
        }
        return changes;
    }

    /// <summary>Each field as its English name and its value in words, so that two versions compare as a person reads them.</summary>
    private static readonly (RegisterField Field, Func<RegisterSnapshot, string> Read)[] Fields =
    [
        (RegisterField.Name, s => s.Name),
        (RegisterField.Purpose, s => s.Purpose),
        (RegisterField.Vendor, s => s.Vendor),
        (RegisterField.Sourcing, s => s.Sourcing == Sourcing.InHouse ? "in-house" : "procured"),
        (RegisterField.ContractNotes, s => s.ContractNotes),
        (RegisterField.PersonalData, s => string.Join("; ", s.PersonalData)),
        (RegisterField.Department, s => s.Department),
        (RegisterField.Status, s => string.Join("; ", s.StatusHistory.Select(Describe))),
        (RegisterField.Owner, s => s.OwnerName ?? s.OwnerId?.ToString() ?? ""),
        (RegisterField.Contact, s => s.Contact),
        (RegisterField.DecisionsSupported, s => s.DecisionsSupported),
        (RegisterField.HumanOversight, s => s.HumanOversight),
        (RegisterField.DataSources, s => s.DataSources),
        (RegisterField.StorageJurisdiction, s => s.StorageJurisdiction),
        (RegisterField.Retention, s => s.Retention),
        (RegisterField.WorkersAffected, s => s.WorkersAffectedCount is { } count ? $"{s.WorkersAffected} (about {count})".TrimStart() : s.WorkersAffected),
        (RegisterField.ImpactAssessments, s => string.Join("; ", s.ImpactAssessments.Select(l => $"{l.Title} <{l.Url}>"))),
    ];

    private static string Describe(StatusPeriod period)
    {
        var since = period.Since is { } day ? " since " + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var reason = period.Reason.Length > 0 ? $" ({period.Reason})" : "";
        return period.Status.Describe() + since + reason;
    }
}

/// <summary>The fields of a register entry, in the order the register shows them.</summary>
public enum RegisterField
{
    Name,
    Purpose,
    Vendor,
    Sourcing,
    ContractNotes,
    PersonalData,
    Department,
    Status,
    Owner,
    Contact,
    DecisionsSupported,
    HumanOversight,
    DataSources,
    StorageJurisdiction,
    Retention,
    WorkersAffected,
    ImpactAssessments,
}

/// <summary>One field that differs between two versions of a register entry, with both values in English words.</summary>
public sealed record FieldChange(RegisterField Field, string Before, string After);

public static class RegisterFieldWords
{
    /// <summary>The field in the register's English words, for version notes and the audit log.</summary>
    public static string Describe(this RegisterField field) => field switch
    {
        RegisterField.Name => "name",
        RegisterField.Purpose => "purpose",
        RegisterField.Vendor => "developer or vendor",
        RegisterField.Sourcing => "sourcing",
        RegisterField.ContractNotes => "contract notes",
        RegisterField.PersonalData => "personal data",
        RegisterField.Department => "department",
        RegisterField.Status => "status",
        RegisterField.Owner => "owner",
        RegisterField.Contact => "contact",
        RegisterField.DecisionsSupported => "decisions supported",
        RegisterField.HumanOversight => "human oversight",
        RegisterField.DataSources => "data sources",
        RegisterField.StorageJurisdiction => "storage jurisdiction",
        RegisterField.Retention => "retention",
        RegisterField.WorkersAffected => "workers affected",
        RegisterField.ImpactAssessments => "impact assessments",
        _ => field.ToString(),
    };

    /// <summary>"Changed retention, owner and impact assessments." from the fields that changed.</summary>
    public static string Summarise(IReadOnlyList<FieldChange> changes)
    {
        var names = changes.Select(c => c.Field.Describe()).ToList();
        return names.Count switch
        {
            0 => "Nothing changed.",
            1 => $"Changed {names[0]}.",
            _ => $"Changed {string.Join(", ", names[..^1])} and {names[^1]}.",
        };
    }
}
