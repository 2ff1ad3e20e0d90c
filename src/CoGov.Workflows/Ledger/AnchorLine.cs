using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoGov.Workflows.Ledger;

/// <summary>
/// One anchor as a line of text, the form of the anchor file and of a file of anchors given to <c>verify-log</c>:
/// one JSON object per line, readable without CoGov.
/// </summary>
public sealed record AnchorLine(
    [property: JsonPropertyName("organisation")] string Organisation,
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("cycle")] int Cycle,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("at")] DateTimeOffset? At = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("to")] string? To = null,
    [property: JsonPropertyName("assessment")] Guid? Assessment = null)
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The anchors of a text, by line number; a line that is not one is kept as its problem, since a damaged anchor file is itself news.</summary>
    public static IReadOnlyList<(int Line, AnchorLine? Anchor, string? Problem)> ReadAll(string text)
    {
        var lines = new List<(int, AnchorLine?, string?)>();
        var number = 0;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var anchor = JsonSerializer.Deserialize<AnchorLine>(line, Options);
                lines.Add(anchor is { Organisation.Length: > 0, System.Length: > 0, Head.Length: > 0 } && anchor.Entries > 0
                    ? (number, anchor, null)
                    : (number, null, "it lacks the organisation, system, cycle, entries or head."));
            }
            catch (JsonException ex)
            {
                lines.Add((number, null, $"it is not a JSON anchor ({ex.Message})."));
            }
        }
        return lines;
    }
}
