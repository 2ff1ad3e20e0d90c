using System.Text.RegularExpressions;

namespace CoGov.Web.Tests.Architecture;

/// <summary>
/// Keeps the web app to one way of talking to the engine and one way of writing an address, by reading its sources:
/// a page that catches not-found itself, or writes a route by hand, is caught here rather than in review.
/// </summary>
public sealed partial class PagesTests
{
    private static readonly string Source = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web");

    /// <summary>
    /// Only the page base turns not-found and forbidden into a 404 page. The record, CSV and export downloads are endpoints,
    /// not pages: they answer a file, so they map them to a 404 result of their own; the API answers problem details.
    /// </summary>
    private static readonly string[] MayCatchHiddenErrors =
    [
        Path.Combine("Components", "Pages", "CoGovPage.cs"),
        Path.Combine("Records", "RecordsRegistration.cs"),
        Path.Combine("Downloads", "CsvDownloads.cs"),
        // The API's problem filter: it maps every refusal to a problem for all its endpoints at once (decision record 24).
        Path.Combine("Api", "ApiProblems.cs"),
        Path.Combine("Archives", "OrganisationExportDownload.cs"),
    ];

    [Fact]
    public void OnlyThePageBaseCatchesNotFoundAndForbidden()
    {
        var offenders = Lines()
            .Where(l => !MayCatchHiddenErrors.Contains(l.File) && HiddenErrorCatch().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0,
            "Inherit CoGovPage and use QueryAsync/SendAsync instead of catching these:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void OnlyAPagesUrlMethodWritesItsAddress()
    {
        var offenders = new List<string>();
        foreach (var file in Files())
        {
            var lines = File.ReadAllLines(Path.Combine(Source, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (PageAddress().IsMatch(lines[i]) && !lines[i].TrimStart().StartsWith("@page", StringComparison.Ordinal)
                    && !InUrlMethod(lines, i) && !IsEndpointRoute(lines[i]))
                {
                    offenders.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0,
            "Build these addresses with the page's static Url(...) method, which escapes its keys:\n" + string.Join("\n", offenders));
    }

    /// <summary>In the paragraph of a method named Url (or ending in Url), the one place a page's address is written.</summary>
    private static bool InUrlMethod(string[] lines, int index)
    {
        for (var i = index; i >= 0 && lines[i].Trim().Length > 0; i--)
        {
            if (UrlMethod().IsMatch(lines[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An endpoint's own route template, or (in the API) the template of the route a client reads again after a conflict,
    /// or a constant holding one: a plain string with a {organisationKey} placeholder routing fills, never an interpolated address.
    /// </summary>
    private static bool IsEndpointRoute(string line) =>
        new[] { ".MapGet(", ".MapPost(", ".MapPut(", ".MapDelete(", ".MapGroup(", ".ReloadFrom(" }.Any(call => line.Contains(call, StringComparison.Ordinal))
        || (line.Contains("{organisationKey}", StringComparison.Ordinal) && !line.Contains("$\"", StringComparison.Ordinal));

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Source, f))
            .Where(f => !f.StartsWith("obj", StringComparison.Ordinal) && !f.StartsWith("bin", StringComparison.Ordinal));

    private static IEnumerable<(string File, int Number, string Text)> Lines() =>
        Files().SelectMany(file => File.ReadLines(Path.Combine(Source, file)).Select((text, i) => (file, i + 1, text)));

    [GeneratedRegex(@"catch\s*\(.*\b(NotFoundException|ForbiddenException)\b|\bex\s+is\s+(NotFoundException|ForbiddenException)\b")]
    private static partial Regex HiddenErrorCatch();

    /// <summary>A string or interpolation starting with one of this app's page routes (the Identity pages keep their scaffold's).</summary>
    [GeneratedRegex(@"\$?@?""/?(organisations|help/workflow)\b")]
    private static partial Regex PageAddress();

    [GeneratedRegex(@"\bstatic\s+string\s+\w*Url\s*\(")]
    private static partial Regex UrlMethod();
}
