using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Import;

/// <summary>
/// Bad template files, as an administrator might upload them: each is refused with the file, the line, the field and
/// what is wrong, and nothing is written. Line numbers are those of the YAML written here (the first line is 1).
/// </summary>
public sealed class QuestionnaireTemplateFileTests
{
    private const string FileName = "upload.yaml";

    [Fact]
    public async Task ATemplateWithoutThemesIsRefusedAtItsTop()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 1, field: "themes", "the field 'themes' is missing.");
    }

    [Fact]
    public async Task AThemeWithoutATitleIsRefusedAtTheTheme()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: One?
              - key: second
                rationale:
                  en: Why second.
                questions:
                  - number: 2
                    text:
                      en: Two?
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 16, field: "themes[1].title", "the field 'title' is missing.");
    }

    [Fact]
    public async Task AQuestionNumberUsedTwiceIsRefusedWhereItIsUsedAgain()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: One?
                  - number: 1
                    text:
                      en: One again?
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 16, field: "themes[0].questions[1].number", "question number 1 is used twice (first in theme 'first').");
    }

    [Fact]
    public async Task AGapInTheNumberingIsRefusedAtTheNumberAfterIt()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: One?
              - key: second
                title:
                  en: Second
                rationale:
                  en: Why second.
                questions:
                  - number: 3
                    text:
                      en: Three?
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 22, field: "themes[1].questions[0].number", "the numbering has a gap: question 2 is missing before question 3.");
    }

    [Fact]
    public async Task AnEmptyQuestionTextIsRefusedAtTheText()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: "  "
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 15, field: "themes[0].questions[0].text.en", "the text is empty.");
    }

    [Fact]
    public async Task AMisspeltFieldIsReportedAsUnknownOnItsOwnLine()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - text:
                      en: One?
                    nmber: 1
            """;

        var errors = await RejectedAsync(yaml);

        Assert.Equal(2, errors.Count);
        var unknown = Assert.Single(errors, e => e.Field == "themes[0].questions[0].nmber");
        AssertError(unknown, line: 15, field: "themes[0].questions[0].nmber", "unknown field 'nmber'");
        Assert.Contains("the fields here are", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("number", unknown.Message.Split("the fields here are")[1], StringComparison.Ordinal);
        var missing = Assert.Single(errors, e => e.Field == "themes[0].questions[0].number");
        AssertError(missing, line: 13, field: "themes[0].questions[0].number", "the field 'number' is missing.");
    }

    [Fact]
    public async Task AFieldTheFormatDoesNotHaveIsReportedAsUnknownOnItsOwnLine()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                colour: blue
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: One?
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 10, field: "themes[0].colour", "unknown field 'colour'");
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public async Task AFileThatIsNotValidYamlIsRefusedAtTheLineOfTheMistake()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny: a test
            themes: []
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 5, field: "", "this is not valid YAML");
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFieldGivenTwiceIsRefusedAtItsSecondLine()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            version: 2
            themes: []
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberThatIsNotANumberIsRefusedAtTheNumber()
    {
        const string yaml = """
            key: tiny
            version: 1
            languages: [en]
            title:
              en: Tiny
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: "seven"
                    text:
                      en: Seven?
            """;

        var errors = await RejectedAsync(yaml);

        var error = Assert.Single(errors);
        AssertError(error, line: 13, field: "themes[0].questions[0].number", "'number' must be a whole number, not 'seven'.");
    }

    [Fact]
    public async Task EveryProblemInAFileIsListedAtOnce()
    {
        const string yaml = """
            key: tiny
            version: one
            languages: [en]
            title:
              en: Tiny
            colour: blue
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: One?
                    hint: none
            """;

        var errors = await RejectedAsync(yaml);

        Assert.Equal(
            [(2, "version"), (6, "colour"), (17, "themes[0].questions[0].hint")],
            errors.Select(e => (e.Line, e.Field)).OrderBy(e => e.Line));
    }

    [Fact]
    public async Task AFileWithOnlyACommentIsRefusedAsEmpty()
    {
        var errors = await RejectedAsync("# nothing here yet\n");

        var error = Assert.Single(errors);
        Assert.Equal(FileName, error.File);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedFileLeavesTheTemplatesAlreadyThereUnchanged()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var before = await app.WithDbAsync(db => db.Templates.Select(t => t.Key + "@" + t.Version).OrderBy(k => k).ToListAsync());
        var themesBefore = await app.WithDbAsync(db => db.Set<CoGov.Domain.Questionnaires.Theme>().CountAsync());

        // A revision of the PSI template with a theme colour, which the format does not have.
        var revised = SeedFiles.Read(SeedFiles.PsiTemplate)
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("  - key: responsibility\n", "  - key: responsibility\n    colour: red\n", StringComparison.Ordinal);
        var result = await app.SendAsync(new ImportQuestionnaireTemplate(null, "psi-co-governance-2.yaml", revised));

        var error = Assert.Single(result.Errors);
        Assert.Equal("themes[1].colour", error.Field);
        Assert.Equal(before, await app.WithDbAsync(db => db.Templates.Select(t => t.Key + "@" + t.Version).OrderBy(k => k).ToListAsync()));
        Assert.Equal(themesBefore, await app.WithDbAsync(db => db.Set<CoGov.Domain.Questionnaires.Theme>().CountAsync()));
    }

    private static async Task<IReadOnlyList<ImportError>> RejectedAsync(string yaml)
    {
        await using var app = await TestApp.StartAsync();

        var result = await app.SendAsync(new ImportQuestionnaireTemplate(null, FileName, yaml));

        Assert.False(result.Succeeded);
        Assert.Null(result.Key);
        Assert.False(result.WasPresent);
        Assert.NotEmpty(result.Errors);
        Assert.Equal(0, await app.WithDbAsync(db => db.Templates.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CoGov.Domain.Questionnaires.Question>().CountAsync()));
        return result.Errors;
    }

    private static void AssertError(ImportError error, int line, string field, string message)
    {
        Assert.Equal(FileName, error.File);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0, $"no column in {error}");
        Assert.Equal(field, error.Field);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"expected \"{message}\" in {error}");
    }
}
