namespace CoGov.Domain.Common;

/// <summary>
/// One broken rule. <see cref="Path"/> locates the offending value inside the thing being checked
/// (for example <c>themes[2].questions[0].number</c>) so that an importer can point at the line of a file;
/// <see cref="Text"/> says what is wrong, in words each page translates.
/// </summary>
public sealed record RuleViolation(string Path, Phrase Text)
{
    /// <summary>The rule in English, for logs and tests; people read <see cref="Text"/> in their language.</summary>
    public string Message => Text.ToString();

    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}
