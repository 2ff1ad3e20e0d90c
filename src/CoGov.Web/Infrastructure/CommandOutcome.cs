using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using Mediator;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// What became of a command a person sent from a page: done, or refused with messages to show beside the form. The
/// engine decides; a page only shows its answer. Not-found and forbidden are not outcomes: they propagate, and the page
/// answers 404 so that nothing about another organisation leaks.
/// </summary>
public sealed record CommandOutcome(IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public static readonly CommandOutcome Done = new([], new Dictionary<string, string[]>());

    public bool Succeeded => Errors.Count == 0 && FieldErrors.Count == 0;

    public static async Task<CommandOutcome> SendAsync(IMediator mediator, ICommand command, CancellationToken cancellationToken = default)
    {
        try
        {
            await mediator.Send(command, cancellationToken);
            return Done;
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            return refusal;
        }
    }

    public static async Task<(CommandOutcome Outcome, T? Result)> SendAsync<T>(IMediator mediator, ICommand<T> command, CancellationToken cancellationToken = default)
    {
        try
        {
            return (Done, await mediator.Send(command, cancellationToken));
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            return (refusal, default);
        }
    }

    private static CommandOutcome? Refusal(Exception ex) => ex switch
    {
        DomainRuleException rule => new CommandOutcome(rule.Violations.Select(v => v.Message).ToList(), new Dictionary<string, string[]>()),
        InputRejectedException input => new CommandOutcome([], input.Errors),
        ConflictException conflict => new CommandOutcome([conflict.Message], new Dictionary<string, string[]>()),
        _ => null,
    };
}
