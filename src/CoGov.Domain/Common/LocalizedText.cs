using System.Collections.ObjectModel;

namespace CoGov.Domain.Common;

/// <summary>
/// A text in one or more languages, keyed by IETF language tag ("en", "fr", "es", "pt").
/// Questionnaires are written once and translated as data, so every text the committee reads is one of these.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    public const string DefaultLanguage = "en";

    private readonly SortedDictionary<string, string> _texts;

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts)
    {
        _texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in texts)
        {
            _texts[language] = text;
        }
        Texts = new ReadOnlyDictionary<string, string>(_texts);
    }

    public static LocalizedText English(string text) => new([new(DefaultLanguage, text)]);

    public IReadOnlyDictionary<string, string> Texts { get; }

    public IEnumerable<string> Languages => _texts.Keys;

    /// <summary>The text in <paramref name="language"/>, falling back to English, then to any language there is.</summary>
    public string In(string? language)
    {
        if (language is not null && _texts.TryGetValue(language, out var text))
        {
            return text;
        }
        if (_texts.TryGetValue(DefaultLanguage, out var english))
        {
            return english;
        }
        return _texts.Values.FirstOrDefault() ?? "";
    }

    public override string ToString() => In(DefaultLanguage);

    public bool Equals(LocalizedText? other) =>
        other is not null && _texts.Count == other._texts.Count &&
        _texts.All(pair => other._texts.TryGetValue(pair.Key, out var text) && text == pair.Value);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (language, text) in _texts)
        {
            hash.Add(language);
            hash.Add(text);
        }
        return hash.ToHashCode();
    }
}
