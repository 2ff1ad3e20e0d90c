using System.Diagnostics;
using System.Text;
using CoGov.Workflows.Import;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Templates;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Import;

/// <summary>
/// Files that would cost the server more to read than any honest file does: aliases that multiply (a "billion laughs"),
/// too many values, nesting too deep, one enormous value. Each is refused while it is parsed, at the line where it
/// passes the limit, and nothing is written.
/// </summary>
public sealed class YamlLimitsTests
{
    private const string FileName = "upload.yaml";

    [Fact]
    public async Task ABillionLaughsTemplateIsRefusedAtTheAliasThatPassesTwentyThousandValuesWithinASecond()
    {
        var yaml = BillionLaughs(levels: 9);
        Assert.True(yaml.Length < 2_000, $"{yaml.Length} characters");
        await using var app = await TestApp.StartAsync();
        var watch = Stopwatch.StartNew();

        var errors = await TemplateRejectedAsync(app, yaml);

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        var error = Assert.Single(errors);
        // Level e holds 111,111 values: its first alias to d (11,111 each) passes 20,000 on the line that writes e.
        Assert.Equal(LineOf(yaml, "e: &e"), error.Line);
        Assert.Contains("the file holds more than 20000 values once its aliases are expanded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFiftyFirstAliasIsRefusedAtItsLine()
    {
        var yaml = new StringBuilder("key: tiny\nversion: 1\nlanguages: [en]\ntitle:\n  en: &t Tiny\nsource:\n");
        for (var i = 0; i < 51; i++)
        {
            yaml.Append($"  l{i}: *t\n");
        }
        await using var app = await TestApp.StartAsync();

        var errors = await TemplateRejectedAsync(app, yaml.ToString());

        var error = Assert.Single(errors);
        Assert.Equal(7 + 50, error.Line);
        Assert.Contains("the file uses more than 50 aliases (*name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsNestedAHundredThousandDeepAreRefusedAtTheThirtyThirdWithoutExhaustingTheStack()
    {
        // One line, so the position is its column: the 33rd bracket opens the list past the limit.
        var yaml = "key: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        await using var app = await TestApp.StartAsync();

        var errors = await TemplateRejectedAsync(app, yaml);

        var error = Assert.Single(errors);
        Assert.Equal(1, error.Line);
        // The root mapping is the first level, so the 32nd bracket is the 33rd level; columns count from 1.
        Assert.Equal("key: ".Length + 32, error.Column);
        Assert.Contains("nested more than 32 deep here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOfMoreThanTwentyThousandPlainValuesIsRefusedWhereItPassesTheLimit()
    {
        var yaml = "key: tiny\nlanguages:\n" + string.Concat(Enumerable.Repeat("  - en\n", 25_000));
        await using var app = await TestApp.StartAsync();

        var errors = await TemplateRejectedAsync(app, yaml);

        var error = Assert.Single(errors);
        // Root, key, "tiny", "languages" and the list are five values: the 19,996th item is the 20,001st value.
        Assert.Equal(2 + 19_996, error.Line);
        Assert.Contains("more than 20000 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueOfMoreThanAHundredThousandCharactersIsRefusedAtItsLine()
    {
        var yaml = "key: tiny\nversion: 1\ntitle:\n  en: " + new string('x', 100_001) + "\n";
        await using var app = await TestApp.StartAsync();

        var errors = await TemplateRejectedAsync(app, yaml);

        var error = Assert.Single(errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("this value is 100001 characters long; the most one value may hold is 100000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAliasBombInAPolicyIsRefusedAndNoPolicyVersionIsWritten()
    {
        await using var app = await TestApp.StartAsync();
        var before = await app.WithDbAsync(db => db.RoutingPolicies.CountAsync());

        var result = await app.SendAsync(new ImportRoutingPolicy(null, FileName, BillionLaughs(levels: 9)));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.True(error.Line > 0);
        Assert.Contains("more than 20000 values", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.RoutingPolicies.CountAsync()));
    }

    [Fact]
    public async Task AnAliasBombInAnOrganisationFileIsRefusedAndNoOrganisationIsWritten()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation("bomb.yaml", BillionLaughs(levels: 9)));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        // An organisation's file may hold more values than a template, but not the million-odd of level f.
        Assert.Equal(LineOf(BillionLaughs(levels: 9), "f: &f"), error.Line);
        Assert.Contains("more than 200000 values", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Systems.CountAsync()));
    }

    [Fact]
    public async Task BinaryGarbageIsRefusedWithALineAndNoTemplateIsWritten()
    {
        var garbage = new string([.. Enumerable.Range(0, 4_000).Select(i => (char)((i * 7919) % 0x2FF))]);
        await using var app = await TestApp.StartAsync();

        var errors = await TemplateRejectedAsync(app, garbage);

        Assert.All(errors, e => Assert.True(e.Line > 0, $"no line in {e}"));
    }

    [Fact]
    public async Task AnHonestFileWithAFewAnchorsStillImports()
    {
        const string yaml = """
            key: anchored
            version: 1
            languages: [en]
            title:
              en: &title Anchored survey
            source:
              en: *title
            themes:
              - key: first
                title:
                  en: First
                rationale: &why
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: How are night shifts allocated?
            """;
        await using var app = await TestApp.StartAsync();

        var result = await app.SendAsync(new ImportQuestionnaireTemplate(null, FileName, yaml));

        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>
    /// The classic: each level is a list of ten aliases to the level before, so level e stands for 111,111 values and
    /// level i for over a billion, in under two kilobytes. The bomb goes off where the reader walks: the themes.
    /// </summary>
    private static string BillionLaughs(int levels)
    {
        var yaml = new StringBuilder("key: bomb\nversion: 1\nlanguages: [en]\nlaughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < levels; level++)
        {
            var name = (char)('a' + level);
            var previous = (char)(name - 1);
            yaml.Append($"  {name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 10))}]\n");
        }
        return yaml.Append($"themes: *{(char)('a' + levels - 1)}\n").ToString();
    }

    private static int LineOf(string yaml, string text) =>
        yaml.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    private static async Task<IReadOnlyList<ImportError>> TemplateRejectedAsync(TestApp app, string yaml)
    {
        var result = await app.SendAsync(new ImportQuestionnaireTemplate(null, FileName, yaml));

        Assert.False(result.Succeeded);
        Assert.Null(result.Key);
        Assert.All(result.Errors, e => Assert.Equal(FileName, e.File));
        Assert.Equal(0, await app.WithDbAsync(db => db.Templates.CountAsync()));
        return result.Errors;
    }
}
