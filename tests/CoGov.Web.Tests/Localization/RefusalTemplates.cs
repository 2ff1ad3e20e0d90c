using System.Text.RegularExpressions;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Help;

namespace CoGov.Web.Tests.Localization;

/// <summary>
/// Every sentence the engine can put before a person, as the English template Refusals.resx keys it by. A phrase is
/// made in one of three ways (<c>new Phrase("…")</c>, <c>new DomainRuleException("…")</c>, <c>.WithPhrase("…")</c>), each
/// with its template written out, so reading the sources finds them all; the one exception is the question machine's
/// guard descriptions, which a refusal quotes and the machine lists.
/// </summary>
internal static partial class RefusalTemplates
{
    private static readonly string SourceFolder = Path.Combine(RepositoryFolder.Root, "src");

    /// <summary>Where a phrase is made from something other than a template written out, and why that is sound.</summary>
    private static readonly Dictionary<string, string> MadeFromWhatTheyAreGiven = new(StringComparer.Ordinal)
    {
        ["CoGov.Domain/Common/Phrase.cs"] = "the phrase itself",
        ["CoGov.Domain/Common/DomainRuleException.cs"] = "passes its caller's template on",
        ["CoGov.Workflows/Common/PhraseRules.cs"] = "passes its caller's template on",
        ["CoGov.Domain/Assessments/QuestionItem.cs"] = "the machine's guard descriptions, listed from the machine below",
    };

    public static IReadOnlySet<string> All()
    {
        var templates = SourceFiles()
            .SelectMany(file => Made().Matches(File.ReadAllText(file)))
            .Where(m => m.Groups["literal"].Success)
            .Select(m => Regex.Unescape(m.Groups["literal"].Value))
            .ToHashSet(StringComparer.Ordinal);
        templates.UnionWith(MachineHelp.From(QuestionItem.Describe()).States.SelectMany(s => s.Moves).SelectMany(m => m.Who));
        return templates;
    }

    /// <summary>Each place a phrase is made from a text put together at run time, which no translator would ever see.</summary>
    public static IEnumerable<string> BuiltAtRunTime() =>
        SourceFiles()
            .Where(file => !MadeFromWhatTheyAreGiven.ContainsKey(Relative(file)))
            .SelectMany(file => Made().Matches(File.ReadAllText(file))
                .Where(m => m.Groups["other"].Success && !IsPhraseOrViolations(m))
                .Select(m => $"{Relative(file)}: {m.Value.Trim()}…"));

    // A rule exception may also be given a phrase or a list of violations made elsewhere: those were found where made.
    private static bool IsPhraseOrViolations(Match made) =>
        made.Groups["call"].Value.Contains("DomainRuleException", StringComparison.Ordinal) && made.Groups["other"].Value is not ("$" or "@");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(SourceFolder, file).Replace(Path.DirectorySeparatorChar, '/');

    // The call, then a plain string literal (the template), a lambda choosing between phrases (WithPhrase((c, _) => …),
    // whose phrases are found on their own), or the first character of whatever else it is given.
    [GeneratedRegex(@"(?<call>new\s+Phrase|new\s+DomainRuleException|\.WithPhrase)\(\s*(?:""(?<literal>(?:[^""\\]|\\.)*)""|(?<lambda>\([^)]*\)\s*=>)|(?<other>[^\s)]))")]
    private static partial Regex Made();
}
