using CoGov.Web.Infrastructure;
using CoGov.Workflows.Common;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace CoGov.Web.Components.Pages.Questions;

/// <summary>
/// What every action form on the question page shares: the question it acts on, and sending its one command. On success
/// the browser is sent back to the page (post/redirect/get, so a reload does not send it again); on refusal the form
/// shows the engine's reasons beside itself and keeps what was typed, since its model was bound from the post.
/// </summary>
public abstract class QuestionForm : ComponentBase
{
    [Parameter, EditorRequired] public QuestionAddress Question { get; set; } = default!;

    [Inject] protected IMediator Mediator { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected CommandOutcome? Outcome { get; private set; }

    /// <summary>Ids of this form's fields, unique on the page however many forms it shows.</summary>
    protected string FieldId(string formName, string field) => $"{formName}-{field}";

    protected async Task SendAsync(ICommand command, string formName)
    {
        try
        {
            Outcome = await CommandOutcome.SendAsync(Mediator, command);
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            // Not the person's to act on, or gone: from outside, that looks the same as a page that is not there.
            Navigation.NotFound();
            return;
        }
        if (Outcome.Succeeded)
        {
            Navigation.NavigateTo(Question.PageAfter(formName));
        }
    }
}
