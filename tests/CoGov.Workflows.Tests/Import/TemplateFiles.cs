namespace CoGov.Workflows.Tests.Import;

/// <summary>Small questionnaire files shared by tests that need a template but are not about its text.</summary>
internal static class TemplateFiles
{
    /// <summary>The smallest valid template: one theme, one question.</summary>
    public const string Tiny = """
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
        """;
}
