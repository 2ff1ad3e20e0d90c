using CoGov.Domain.Common;
using FluentValidation;
using FluentValidation.Results;

namespace CoGov.Workflows.Common;

/// <summary>
/// Validator messages as phrases, so a page shows them in the reader's language like every refusal of the engine: the
/// failure keeps the phrase in its custom state (which <see cref="Behaviours.ValidationBehaviour{TMessage, TResponse}"/>
/// hands on), and its message is the English, for logs and tests.
/// </summary>
public static class PhraseRules
{
    /// <param name="template">The English sentence, with <c>{0}</c>, <c>{1}</c> … for the arguments: the key of its translations.</param>
    /// <param name="arguments">The arguments, from the command and the value checked.</param>
    public static IRuleBuilderOptions<T, TProperty> WithPhrase<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string template, Func<T, TProperty, object?[]>? arguments = null) =>
        rule.WithPhrase((command, value) => new Phrase(template, arguments?.Invoke(command, value) ?? []));

    /// <summary>For a rule whose sentence depends on the command: <paramref name="phrase"/> chooses it.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithPhrase<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, TProperty, Phrase> phrase) =>
        rule.WithMessage((command, value) => phrase(command, value).ToString()).WithState((command, value) => phrase(command, value));

    /// <summary>For a custom rule that finds several problems in one value: each failure carries its phrase as <see cref="WithPhrase{T,TProperty}(IRuleBuilderOptions{T,TProperty},string,Func{T,TProperty,object?[]}?)"/>'s do.</summary>
    public static void AddPhrase<T>(this ValidationContext<T> context, string propertyName, Phrase phrase) =>
        context.AddFailure(new ValidationFailure(propertyName, phrase.ToString()) { CustomState = phrase });
}
