using System.Text.Json;
using CoGov.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoGov.Workflows.Persistence;

/// <summary>Small values stored as JSON text in one column: localized texts and short lists of strings.</summary>
internal static class JsonColumn
{
    public static readonly ValueConverter<LocalizedText, string> LocalizedText = new(
        text => JsonSerializer.Serialize(text.Texts, (JsonSerializerOptions?)null),
        json => new LocalizedText(JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null)!));

    public static readonly ValueConverter<List<string>, string> StringList = new(
        list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
        json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null)!);

    /// <summary>A list of small records (a status history, links), with enums by name so the JSON reads on its own.</summary>
    public static ValueConverter<List<T>, string> ListOf<T>() => new(
        list => JsonSerializer.Serialize(list, Records),
        json => JsonSerializer.Deserialize<List<T>>(json, Records)!);

    public static ValueComparer<List<T>> ListComparer<T>() where T : notnull => new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
        list => list.ToList());

    private static readonly JsonSerializerOptions Records = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        PropertyNameCaseInsensitive = true,
    };

    public static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
        list => list.ToList());
}
