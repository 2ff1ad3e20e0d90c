using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using Mediator;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// What became of a command a person sent from a page: done, or refused with reasons to show beside the form. The
/// engine decides; a page only shows its answer, each reason as a phrase it translates (<see cref="RefusalWording.Say"/>).
/// Not-found and forbidden are not outcomes: they propagate, and the page answers 404 so that nothing about another
/// organisation leaks.
/// </summary>
public sealed record CommandOutcome(IReadOnlyList<Phrase> Errors, IReadOnlyDictionary<string, Phrase[]> FieldErrors)
{
    public static readonly CommandOutcome Done = new([], new Dictionary<string, Phrase[]>());

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
        DomainRuleException rule => new CommandOutcome(rule.Violations.Select(v => v.Text).ToList(), new Dictionary<string, Phrase[]>()),
        InputRejectedException input => new CommandOutcome([], input.Errors),
        ConflictException conflict => new CommandOutcome([conflict.Text], new Dictionary<string, Phrase[]>()),
        _ => null,
    };
}
