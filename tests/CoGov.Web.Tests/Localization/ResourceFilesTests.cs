using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CoGov.Domain.Assessments;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Help;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Tests.Localization;

/// <summary>
/// Every text a page shows through <see cref="IStringLocalizer{T}"/> is in the English resource file of its component,
/// so a new language is a copy of those files translated (OrganisationNav.resx → OrganisationNav.fr.resx), not a hunt
/// through the pages. The English files are written from the pages: this fails when a page's texts and its file differ;
/// run the tests once with COGOV_UPDATE_DOCS=1 to rewrite them.
/// </summary>
public sealed partial class ResourceFilesTests
{
    private static readonly string WebProject = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web");
    private static readonly string ResourcesFolder = Path.Combine(WebProject, "Resources");

    [Fact]
    public void EveryLocalisedTextIsInItsComponentsEnglishResourceFile()
    {
        var expected = TextsInSource();
        if (Environment.GetEnvironmentVariable("COGOV_UPDATE_DOCS") == "1")
        {
            Rewrite(expected);
        }

        var problems = new List<string>();
        foreach (var (file, keys) in expected)
        {
            // The compiled resources keep one of two names that differ only in case, so the other would never be found.
            problems.AddRange(keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"{file}: \"{string.Join("\" and \"", g)}\" differ only in case; reword one"));
            var path = Path.Combine(ResourcesFolder, file);
            if (!File.Exists(path))
            {
                problems.Add($"{file} is missing ({keys.Count} texts)");
                continue;
            }
            var stored = Read(path);
            problems.AddRange(keys.Except(stored.Keys).Select(k => $"{file}: no entry for \"{k}\""));
            problems.AddRange(stored.Keys.Except(keys).Select(k => $"{file}: \"{k}\" is no longer used"));
            problems.AddRange(stored.Where(e => keys.Contains(e.Key) && e.Value != e.Key).Select(e => $"{file}: \"{e.Key}\" reads \"{e.Value}\" in English"));
        }
        problems.AddRange(EnglishFiles().Except(expected.Keys).Select(f => $"{f} belongs to no component that uses it"));

        Assert.True(problems.Count == 0,
            "The English resource files differ from the pages (run the tests with COGOV_UPDATE_DOCS=1 to rewrite them):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NoPageBuildsATextToLookUpAtRunTime()
    {
        // A key put together at run time ($"...", a variable) cannot be found in a resource file, so no translator would
        // ever see it; pass the varying part as an argument instead: L["{0} overdue", days]. The one exception is the
        // machines' own words for who may make a move, which the help page translates and MachineTexts lists.
        var built = SourceFiles()
            .Where(file => Path.GetFileName(file) is not (MachineDescriptionFile or RefusalsFile))
            .SelectMany(file => Localisers(File.ReadAllText(file))
                .SelectMany(localiser => Regex.Matches(File.ReadAllText(file), $@"\b{localiser.Name}\[(?!"")").Select(m => $"{Relative(file)}: {localiser.Name}[ at {m.Index}")))
            .ToList();

        Assert.Empty(built);
    }

    [Fact]
    public void NoSentenceOfTheEngineIsPutTogetherAtRunTime()
    {
        // The same rule for the engine's refusals, which Refusals.resx keys by their templates: the varying parts are the
        // phrase's arguments, new Phrase("{0} is not part of {1}.", person.Name, organisation.Name), never $"...".
        Assert.Empty(RefusalTemplates.BuiltAtRunTime());
    }

    [Fact]
    public void TheAppFindsItsTextsInTheResourceFiles()
    {
        // Through the same factory and path as Program.cs, so a resource file in the wrong folder or a namespace that
        // does not match its folder is caught here rather than by a translator whose work never shows.
        var factory = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = Program.ResourcesPath }), NullLoggerFactory.Instance);
        var assembly = typeof(Program).Assembly;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var missing = new List<string>();
            foreach (var (file, keys) in TextsInSource())
            {
                var typeName = "CoGov.Web." + Path.ChangeExtension(file, null).Replace(Path.DirectorySeparatorChar, '.');
                var type = assembly.GetType(typeName);
                if (type is null)
                {
                    missing.Add($"{file}: no type {typeName}");
                    continue;
                }
                var localiser = factory.Create(type);
                missing.AddRange(keys.Where(k => localiser[k].ResourceNotFound).Select(k => $"{file}: \"{k}\" not found at run time"));
            }
            Assert.Empty(missing);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private const string MachineDescriptionFile = "MachineDescription.razor";

    /// <summary>Looks up each phrase by the template it carries; the templates are the engine's (<see cref="RefusalTemplates"/>).</summary>
    private const string RefusalsFile = "Refusals.cs";

    /// <summary>The machines' guard descriptions and conditions, which the help page shows through its localiser.</summary>
    private static IEnumerable<string> MachineTexts() =>
        new[] { MachineHelp.From(QuestionItem.Describe()), MachineHelp.From(Assessment.Describe()) }
            .SelectMany(m => m.States).SelectMany(s => s.Moves)
            .SelectMany(move => move.Who.Concat(move.Destinations.Select(d => d.When).OfType<string>()));

    /// <summary>Resource file (relative to Resources/) → the texts its component looks up.</summary>
    private static Dictionary<string, HashSet<string>> TextsInSource()
    {
        var texts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var source = File.ReadAllText(file);
            foreach (var (name, type) in Localisers(source))
            {
                var owner = OwnerFile(file, type);
                if (!texts.TryGetValue(owner, out var keys))
                {
                    texts[owner] = keys = new HashSet<string>(StringComparer.Ordinal);
                }
                foreach (Match match in Regex.Matches(source, $@"\b{name}\[""((?:[^""\\]|\\.)*)"""))
                {
                    keys.Add(Regex.Unescape(match.Groups[1].Value));
                }
                if (Path.GetFileName(file) == MachineDescriptionFile)
                {
                    keys.UnionWith(MachineTexts());
                }
                if (type == nameof(Refusals))
                {
                    keys.UnionWith(RefusalTemplates.All());
                }
            }
        }
        return texts;
    }

    /// <summary>The resource file of the component a localiser is typed for: the file's own, or the named component's.</summary>
    private static string OwnerFile(string file, string type)
    {
        var own = Path.GetFileName(file).Split('.')[0];
        var source = type == own
            ? file
            : SourceFiles().FirstOrDefault(f => Path.GetFileName(f).Split('.')[0] == type)
                ?? throw new InvalidOperationException($"{Relative(file)} uses IStringLocalizer<{type}>, and no file defines {type}.");
        var relative = Path.GetRelativePath(WebProject, source);
        var folder = Path.GetDirectoryName(relative) ?? "";
        return Path.Combine(folder, type + ".resx");
    }

    private static IEnumerable<(string Name, string Type)> Localisers(string source) =>
        Localiser().Matches(source).Select(m => (m.Groups["name"].Value, m.Groups["type"].Value.Split('.')[^1]));

    // Digits too: LoginWith2fa and Disable2fa are components whose texts would otherwise go unchecked and untranslated.
    [GeneratedRegex(@"IStringLocalizer<(?<type>[A-Za-z0-9_.]+)>\s+(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex Localiser();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !Relative(f).StartsWith("bin", StringComparison.Ordinal) && !Relative(f).StartsWith("obj", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> EnglishFiles() =>
        Directory.Exists(ResourcesFolder)
            ? Directory.EnumerateFiles(ResourcesFolder, "*.resx", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ResourcesFolder, f))
                .Where(f => Path.GetFileName(f).Count(c => c == '.') == 1) // OrganisationNav.resx, not OrganisationNav.fr.resx
            : [];

    private static string Relative(string file) => Path.GetRelativePath(WebProject, file);

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static void Rewrite(Dictionary<string, HashSet<string>> expected)
    {
        foreach (var stale in EnglishFiles().Except(expected.Keys))
        {
            File.Delete(Path.Combine(ResourcesFolder, stale));
        }
        foreach (var (file, keys) in expected)
        {
            var path = Path.Combine(ResourcesFolder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var xml = XNamespace.Xml;
            var document = new XDocument(new XElement("root",
                Header("resmimetype", "text/microsoft-resx"),
                Header("version", "2.0"),
                Header("reader", "System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"),
                Header("writer", "System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"),
                keys.Order(StringComparer.Ordinal).Select(k =>
                    new XElement("data", new XAttribute("name", k), new XAttribute(xml + "space", "preserve"), new XElement("value", k)))));
            document.Save(path);
        }
    }

    private static XElement Header(string name, string value) => new("resheader", new XAttribute("name", name), new XElement("value", value));
}
