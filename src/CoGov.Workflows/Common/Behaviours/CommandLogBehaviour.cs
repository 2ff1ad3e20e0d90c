using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CoGov.Workflows.Common.Behaviours;

/// <summary>
/// The operational log of every command: what was asked, by whom, how it ended and how long it took. The committee's
/// own record is the hash-chained log the model writes; this one is for whoever runs the service.
/// </summary>
public sealed partial class CommandLogBehaviour<TMessage, TResponse>(UserContext user, ILogger<CommandLogBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }
        var started = Stopwatch.GetTimestamp();
        var who = user.IsSystem ? "CoGov"
            : user.UserId ?? (user.AnswerLink is { } link ? AnswerLinks.AnswerLinkGrant.LoginOf(link.LinkId) : "anonymous");
        try
        {
            var response = await next(message, cancellationToken);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // CoGov's own work (the sweep every minute) would drown people's commands at the same level.
            if (user.IsSystem)
            {
                LogDoneBySystem(typeof(TMessage).Name, milliseconds);
            }
            else
            {
                LogDone(typeof(TMessage).Name, who, milliseconds);
            }
            return response;
        }
        catch (Exception ex) when (ex is Domain.Common.DomainRuleException or InputRejectedException or ForbiddenException or NotFoundException or ConflictException)
        {
            LogRefused(typeof(TMessage).Name, who, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} by {User} done in {Milliseconds:0} ms")]
    private partial void LogDone(string command, string user, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Command} by CoGov done in {Milliseconds:0} ms")]
    private partial void LogDoneBySystem(string command, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} by {User} refused: {Reason}")]
    private partial void LogRefused(string command, string user, string reason);
}
