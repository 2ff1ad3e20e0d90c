using CoGov.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace CoGov.Web.Components.Pages.Questions;

/// <summary>
/// What every action form on the question page shares: the question it acts on, and sending its one command. On success
/// the browser is sent back to the page (post/redirect/get, so a reload does not send it again); on refusal the form
/// shows the engine's reasons beside itself and keeps what was typed, since its model was bound from the post.
/// </summary>
public abstract class QuestionForm : CoGovPage
{
    [Parameter, EditorRequired] public QuestionAddress Question { get; set; } = default!;

    protected CommandOutcome? Outcome { get; private set; }

    /// <summary>Ids of this form's fields, unique on the page however many forms it shows.</summary>
    protected string FieldId(string formName, string field) => $"{formName}-{field}";

    /// <summary>Sends the form's command; on success the page is fetched afresh, saying which form it was.</summary>
    protected async Task SendFormAsync(ICommand command, string formName) =>
        Outcome = await SendAsync(command, redirectTo: Question.PageAfter(formName));
}
