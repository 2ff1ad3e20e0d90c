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
            throw InputRejectedException.From(failures);
        }
        return await next(message, cancellationToken);
    }
}
