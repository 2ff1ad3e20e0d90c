namespace CoGov.Domain.Common;

/// <summary>
/// One broken rule. <see cref="Path"/> locates the offending value inside the thing being checked
/// (for example <c>themes[2].questions[0].number</c>) so that an importer can point at the line of a file.
/// </summary>
public sealed record RuleViolation(string Path, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}
