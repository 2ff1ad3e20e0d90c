using System.Text.RegularExpressions;

namespace CoGov.Domain.Common;

/// <summary>
/// Keys are the stable, human-readable identifiers used in URLs and in exported files
/// (<c>riverside-hospital</c>, <c>rostering</c>): lowercase letters, digits and single hyphens.
/// </summary>
public static partial class Keys
{
    public const int MaxLength = 64;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && KeyPattern().IsMatch(key);

    public static string Require(string? key, KeyOf what)
    {
        if (!IsValid(key))
        {
            // A sentence for each kind of key, so a translator sees whole sentences rather than a word to slot in.
            throw what switch
            {
                KeyOf.Organisation => new DomainRuleException("'{0}' is not a valid organisation key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", key, MaxLength),
                KeyOf.Person => new DomainRuleException("'{0}' is not a valid person key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", key, MaxLength),
                KeyOf.System => new DomainRuleException("'{0}' is not a valid system key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", key, MaxLength),
                _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
            };
        }
        return key!;
    }

    /// <summary>
    /// A valid key made from a name ("Amara Okafor-Brown" → "amara-okafor-brown"), accents dropped, or empty when the
    /// name has no letter or digit a key can use. It is a proposal: the caller makes it unique.
    /// </summary>
    public static string FromName(string? name)
    {
        var decomposed = (name ?? "").Normalize(System.Text.NormalizationForm.FormD);
        var key = new System.Text.StringBuilder();
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                key.Append(lower);
            }
            else if (key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }
        }
        var text = key.ToString();
        text = text.Length > MaxLength - 4 ? text[..(MaxLength - 4)] : text;
        return text.Trim('-');
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex KeyPattern();
}

/// <summary>What a key names, for the refusal of one that is not valid.</summary>
public enum KeyOf
{
    Organisation,
    Person,
    System,
}
