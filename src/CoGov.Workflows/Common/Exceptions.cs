using CoGov.Domain.Common;
using FluentValidation.Results;

namespace CoGov.Workflows.Common;

/// <summary>
/// The thing asked for does not exist, or the user may not know that it does: both answer 404, so a member of one
/// organisation learns nothing about another.
/// </summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The user is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// A command's input is wrong; every problem is listed with the field it concerns, as phrases each page translates.
/// The exception's message is the English, for logs.
/// </summary>
public sealed class InputRejectedException(IReadOnlyDictionary<string, Phrase[]> errors)
    : Exception("The input was rejected: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IReadOnlyDictionary<string, Phrase[]> Errors { get; } = errors;

    /// <summary>
    /// The validators' failures by field: a rule of ours keeps its phrase in the failure's custom state (see
    /// <see cref="PhraseRules"/>); FluentValidation's own messages are already in the reader's language (it follows the
    /// UI culture), so they travel as they are.
    /// </summary>
    public static InputRejectedException From(IEnumerable<ValidationFailure> failures) =>
        new(failures
            .GroupBy(f => f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.CustomState as Phrase ?? Phrase.Verbatim(f.ErrorMessage)).ToArray()));
}

/// <summary>Someone else changed the same thing first; nothing of this request was saved, and it can be tried again.</summary>
public sealed class ConflictException(Phrase text, Exception inner) : Exception(text.ToString(), inner)
{
    /// <summary>What to tell the person, in words each page translates; the message is the English, for logs.</summary>
    public Phrase Text { get; } = text;
}
