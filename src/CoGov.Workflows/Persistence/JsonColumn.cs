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

    public static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
        list => list.ToList());
}
