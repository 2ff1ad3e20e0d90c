using System.Globalization;

namespace CoGov.Domain.Common;

/// <summary>
/// A sentence a person reads (a refusal, a problem in a file), kept as its English template and its arguments rather
/// than as finished text, so each page shows it in the reader's language: the template is the key its translations are
/// found by, as every page text is (<c>L["Question {0} is Withdrawn."]</c>), and an argument that is itself a phrase
/// (a side's name, a state) is translated the same way. <see cref="ToString"/> gives the English, for logs and tests.
/// </summary>
public sealed class Phrase : IEquatable<Phrase>
{
    public Phrase(string template, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
        Arguments = arguments;
    }

    /// <summary>The English sentence with <c>{0}</c>, <c>{1}</c> … where the arguments go (composite format).</summary>
    public string Template { get; }

    /// <summary>Names, numbers, dates, and phrases to be translated in their turn.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>A text that is already final (a message from a library), shown as it is and never looked up.</summary>
    public static Phrase Verbatim(string text) => new("{0}", text);

    /// <summary>The sentence in English, with numbers and dates written the same way whatever the server's culture.</summary>
    public override string ToString() =>
        Arguments.Count == 0
            ? Template
            : string.Format(CultureInfo.InvariantCulture, Template, Arguments.Select(a => a is Phrase p ? p.ToString() : a).ToArray());

    public bool Equals(Phrase? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as Phrase);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
