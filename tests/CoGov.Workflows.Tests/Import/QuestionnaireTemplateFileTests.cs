using CoGov.Workflows.Import;
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
    public async Task A_template_without_themes_is_refused_at_its_top()
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
    public async Task A_theme_without_a_title_is_refused_at_the_theme()
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
    public async Task A_question_number_used_twice_is_refused_where_it_is_used_again()
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
    public async Task A_gap_in_the_numbering_is_refused_at_the_number_after_it()
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
    public async Task An_empty_question_text_is_refused_at_the_text()
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
    public async Task A_misspelt_field_is_reported_as_unknown_on_its_own_line()
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
    public async Task A_field_the_format_does_not_have_is_reported_as_unknown_on_its_own_line()
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
    public async Task A_file_that_is_not_valid_yaml_is_refused_at_the_line_of_the_mistake()
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
    public async Task A_field_given_twice_is_refused_at_its_second_line()
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
    public async Task A_number_that_is_not_a_number_is_refused_at_the_number()
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
    public async Task Every_problem_in_a_file_is_listed_at_once()
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
    public async Task A_file_with_only_a_comment_is_refused_as_empty()
    {
        var errors = await RejectedAsync("# nothing here yet\n");

        var error = Assert.Single(errors);
        Assert.Equal(FileName, error.File);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_leaves_the_templates_already_there_unchanged()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var before = await app.WithDbAsync(db => db.Templates.Select(t => t.Key + "@" + t.Version).OrderBy(k => k).ToListAsync());
        var themesBefore = await app.WithDbAsync(db => db.Set<CoGov.Domain.Questionnaires.Theme>().CountAsync());

        // A revision of the PSI template with a theme colour, which the format does not have.
        var revised = SeedFiles.Read(SeedFiles.PsiTemplate)
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("  - key: responsibility\n", "  - key: responsibility\n    colour: red\n", StringComparison.Ordinal);
        var result = await app.SendAsync(new ImportQuestionnaireTemplate("psi-co-governance-2.yaml", revised));

        var error = Assert.Single(result.Errors);
        Assert.Equal("themes[1].colour", error.Field);
        Assert.Equal(before, await app.WithDbAsync(db => db.Templates.Select(t => t.Key + "@" + t.Version).OrderBy(k => k).ToListAsync()));
        Assert.Equal(themesBefore, await app.WithDbAsync(db => db.Set<CoGov.Domain.Questionnaires.Theme>().CountAsync()));
    }

    private static async Task<IReadOnlyList<ImportError>> RejectedAsync(string yaml)
    {
        await using var app = await TestApp.StartAsync();

        var result = await app.SendAsync(new ImportQuestionnaireTemplate(FileName, yaml));

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
