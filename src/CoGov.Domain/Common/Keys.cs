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

    public static string Require(string? key, string what)
    {
        if (!IsValid(key))
        {
            throw new DomainRuleException(
                $"'{key}' is not a valid {what} key: use 1 to {MaxLength} lowercase letters, digits and single hyphens, such as 'staff-rostering'.");
        }
        return key!;
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex KeyPattern();
}
