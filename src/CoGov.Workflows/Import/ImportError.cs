using CoGov.Domain.Common;

namespace CoGov.Workflows.Import;

/// <summary>One problem in an imported file: which file, where in it, and what is wrong.</summary>
/// <param name="Field">The field's path inside the file, such as <c>themes[1].questions[0].number</c>.</param>
/// <param name="Text">What is wrong, in words each page translates.</param>
public sealed record ImportError(string File, int Line, int Column, string Field, Phrase Text)
{
    /// <summary>What is wrong in English, for logs, the command line and tests.</summary>
    public string Message => Text.ToString();

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}, line {Line}, column {Column}" : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where} ({Field}): {Message}";
    }
}

/// <summary>What an import did: either it succeeded completely, or it changed nothing and says every problem found.</summary>
/// <param name="WasPresent">The file was already imported and the import was asked to leave it alone.</param>
public sealed record ImportResult(string? Key, IReadOnlyList<ImportError> Errors, bool WasPresent = false)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Imported(string key) => new(key, []);

    public static ImportResult AlreadyPresent(string key) => new(key, [], WasPresent: true);

    public static ImportResult Rejected(IReadOnlyList<ImportError> errors) => new(null, errors);

    public override string ToString() =>
        Succeeded
            ? $"{Key}: {(WasPresent ? "already present" : "imported")}"
            : $"rejected:{Environment.NewLine}{string.Join(Environment.NewLine, Errors)}";

    /// <summary>For start-up seeding, where a bad bundled file must stop the app with the full list of problems.</summary>
    public ImportResult ThrowIfRejected()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException($"The import was {this}");
        }
        return this;
    }
}
