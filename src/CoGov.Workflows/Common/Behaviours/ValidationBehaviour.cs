using CoGov.Domain.Common;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Common.Behaviours;

/// <summary>Runs the request's validators (kept beside its handler) before the handler, so bad input changes nothing.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
        {
            throw new InputRejectedException(failures
                .GroupBy(f => f.PropertyName)
                // FluentValidation's own messages are already in the reader's language (it follows the UI culture).
                .ToDictionary(g => g.Key, g => g.Select(f => f.CustomState as Phrase ?? Phrase.Verbatim(f.ErrorMessage)).ToArray()));
        }
        return await next(message, cancellationToken);
    }
}
