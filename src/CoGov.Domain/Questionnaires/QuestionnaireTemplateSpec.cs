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

public sealed record QuestionSpec(int Number, LocalizedText Text);
