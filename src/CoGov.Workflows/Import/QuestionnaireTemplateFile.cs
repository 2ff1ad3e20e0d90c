using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;

namespace CoGov.Workflows.Import;

/// <summary>
/// The YAML form of a questionnaire template (see <c>seed/templates/</c>): the file's shape is checked here, the
/// template's rules by <see cref="QuestionnaireTemplate.Check"/>, and both kinds of problem come back with a line. Each
/// question may name its stable <c>key:</c>; one without takes the key of its number in the version it revises.
/// </summary>
internal static class QuestionnaireTemplateFile
{
    public static (QuestionnaireTemplateSpec? Spec, YamlDocumentReader Reader) Read(string fileName, string content)
    {
        var reader = new YamlDocumentReader(fileName);
        var root = reader.Open(content);
        if (root is null)
        {
            return (null, reader);
        }

        var key = root.Text("key");
        var version = root.Integer("version");
        var languages = root.TextList("languages");
        var title = root.Localized("title");
        var source = root.Localized("source", required: false);
        var themes = new List<ThemeSpec>();
        foreach (var (theme, _) in root.Records("themes"))
        {
            var questions = new List<QuestionSpec>();
            foreach (var (question, _) in theme.Records("questions"))
            {
                var number = question.Integer("number");
                var questionKey = question.Text("key", required: false);
                var text = question.Localized("text");
                question.Done();
                questions.Add(new QuestionSpec(number ?? 0, text ?? Empty, questionKey));
            }
            themes.Add(new ThemeSpec(
                theme.Text("key") ?? "",
                theme.Localized("title") ?? Empty,
                theme.Localized("rationale") ?? Empty,
                questions));
            theme.Done();
        }
        root.Done();
        if (reader.Errors.Count > 0)
        {
            return (null, reader);
        }

        var spec = new QuestionnaireTemplateSpec(key!, version!.Value, languages, title!, source, themes);
        foreach (var violation in QuestionnaireTemplate.Check(spec))
        {
            reader.Fail(violation.Path, violation.Text);
        }
        return reader.Errors.Count > 0 ? (null, reader) : (spec, reader);
    }

    private static readonly LocalizedText Empty = new([]);
}
