using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CoGov.Domain.Common;

namespace CoGov.Web.Api;

/// <summary>One page of a list, and the cursor to pass as <c>after</c> for the next (null on the last page).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Cursor pagination for every list the API gives: a page is the items after the cursor in a fixed order, so a row
/// added or settled meanwhile neither repeats nor skips another. The cursor is the sort key of the page's last item,
/// opaque to clients (decision record 24).
/// </summary>
public static class ApiPaging
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;

    /// <summary>
    /// The page of <paramref name="items"/> after <paramref name="after"/>, ordered by <paramref name="sortKey"/>, which
    /// must be unique per item and sort ordinally in the order wanted: build it with <see cref="Key"/>.
    /// </summary>
    public static ApiPage<T> Page<T>(IEnumerable<T> items, Func<T, string> sortKey, string? after, int? limit)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaximumLimit)
        {
            throw ApiProblems.InputRejected("limit", new Phrase("A page holds 1 to {0} items.", MaximumLimit));
        }
        var from = after is null ? null : Decode(after);
        var rows = items
            .Select(item => (Item: item, Key: sortKey(item)))
            .Where(row => from is null || string.CompareOrdinal(row.Key, from) > 0)
            .OrderBy(row => row.Key, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        var more = rows.Count > size;
        var page = rows.Take(size).ToList();
        return new ApiPage<T>([.. page.Select(row => row.Item)], more ? Encode(page[^1].Key) : null);
    }

    /// <summary>
    /// A sort key from its parts, in order: numbers padded so that they sort as numbers, times as UTC ticks, texts as
    /// they are, each part ended by a character no text holds, so "a" sorts before "ab".
    /// </summary>
    public static string Key(params object?[] parts)
    {
        var key = new StringBuilder();
        foreach (var part in parts)
        {
            key.Append(part switch
            {
                null => "",
                int number => number.ToString("D11", CultureInfo.InvariantCulture),
                long number => number.ToString("D20", CultureInfo.InvariantCulture),
                DateTimeOffset at => at.UtcTicks.ToString("D20", CultureInfo.InvariantCulture),
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Guid id => id.ToString("N"),
                Enum value => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString("D11", CultureInfo.InvariantCulture),
                _ => Convert.ToString(part, CultureInfo.InvariantCulture),
            }).Append('\u0001');
        }
        return key.ToString();
    }

    private static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    private static string Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw ApiProblems.InputRejected("after", new Phrase("This is not a cursor a page of this list gave; start again without one."));
        }
    }
}
