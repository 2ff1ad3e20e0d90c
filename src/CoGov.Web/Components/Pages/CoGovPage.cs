using CoGov.Web.Infrastructure;
using CoGov.Workflows.Common;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace CoGov.Web.Components.Pages;

/// <summary>
/// How a page (or a form on one) talks to the engine: the one place that turns not-found and forbidden into the page
/// answering 404, so that not found and not yours look the same from outside and nothing about another organisation
/// leaks. Pages inherit it (<c>@inherits CoGovPage</c>) and never catch those themselves.
/// </summary>
public abstract class CoGovPage : ComponentBase
{
    [Inject] protected IMediator Mediator { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>What the query answers, or null when it is not there or not the person's (the page then answers 404).</summary>
    protected async Task<T?> QueryAsync<T>(IQuery<T> query)
    {
        try
        {
            return await Mediator.Send(query);
        }
        catch (Exception ex) when (IsHidden(ex))
        {
            Navigation.NotFound();
            return default;
        }
    }

    /// <summary>
    /// Sends a command. Done: the browser goes to <paramref name="redirectTo"/> (post/redirect/get, so a reload does not
    /// send it again). Refused: the outcome, to show beside the form with <c>&lt;OutcomeMessages&gt;</c>. Not found or not
    /// the person's: null, and the page answers 404.
    /// </summary>
    protected async Task<CommandOutcome?> SendAsync(ICommand command, string redirectTo)
    {
        CommandOutcome outcome;
        try
        {
            outcome = await CommandOutcome.SendAsync(Mediator, command);
        }
        catch (Exception ex) when (IsHidden(ex))
        {
            Navigation.NotFound();
            return null;
        }
        if (outcome.Succeeded)
        {
            Navigation.NavigateTo(redirectTo);
        }
        return outcome;
    }

    /// <summary>
    /// Sends a command that answers something, as <see cref="SendAsync(ICommand, string)"/> does. Done: the browser goes
    /// where <paramref name="redirectTo"/> says from the answer, or stays when it says null (or is not given) so the page
    /// can show the answer. The outcome is null when the page answers 404.
    /// </summary>
    protected async Task<(CommandOutcome? Outcome, T? Result)> SendAsync<T>(ICommand<T> command, Func<T, string?>? redirectTo = null)
    {
        (CommandOutcome Outcome, T? Result) sent;
        try
        {
            sent = await CommandOutcome.SendAsync(Mediator, command);
        }
        catch (Exception ex) when (IsHidden(ex))
        {
            Navigation.NotFound();
            return (null, default);
        }
        if (sent.Outcome.Succeeded && redirectTo?.Invoke(sent.Result!) is { } address)
        {
            Navigation.NavigateTo(address);
        }
        return sent;
    }

    private static bool IsHidden(Exception ex) => ex is NotFoundException or ForbiddenException;
}
