using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>What a questionnaire template says, before its rules have been checked (as read from a file or a form).</summary>
public sealed record QuestionnaireTemplateSpec(
    string Key,
    int Version,
    IReadOnlyList<string> Languages,
    LocalizedText Title,
    LocalizedText? Source,
    IReadOnlyList<ThemeSpec> Themes);

public sealed record ThemeSpec(string Key, LocalizedText Title, LocalizedText Rationale, IReadOnlyList<QuestionSpec> Questions);

/// <param name="Key">
/// The question's stable key, or null when the file gives none: it then takes the key of the question with the same number
/// in the version before (see <see cref="QuestionnaireTemplate.Create"/>), so a file without keys carries answers over by
/// number, as every file did before keys existed.
/// </param>
public sealed record QuestionSpec(int Number, LocalizedText Text, string? Key = null);
