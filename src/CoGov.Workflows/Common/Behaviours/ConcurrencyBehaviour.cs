using CoGov.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Common.Behaviours;

/// <summary>
/// Turns a lost optimistic-concurrency race into a message a person can act on. The transaction was rolled back, so
/// nothing of the request was saved and it can simply be tried again on fresh data.
/// </summary>
public sealed class ConcurrencyBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException(new Phrase("Someone else changed this at the same moment, so nothing was saved. Reload and try again."), ex);
        }
    }
}
