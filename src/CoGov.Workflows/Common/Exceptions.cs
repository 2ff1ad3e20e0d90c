namespace CoGov.Workflows.Common;

/// <summary>
/// The thing asked for does not exist, or the user may not know that it does: both answer 404, so a member of one
/// organisation learns nothing about another.
/// </summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The user is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A command's input is wrong; every problem is listed with the field it concerns.</summary>
public sealed class InputRejectedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The input was rejected: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Someone else changed the same thing first; nothing of this request was saved, and it can be tried again.</summary>
public sealed class ConflictException(string message, Exception inner) : Exception(message, inner);
