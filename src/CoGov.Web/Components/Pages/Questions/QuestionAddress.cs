using CoGov.Web.Components.Pages.Systems;

namespace CoGov.Web.Components.Pages.Questions;

/// <summary>Which question a page or form is about, and the addresses and draft keys that follow from it.</summary>
/// <param name="AnswerLinkToken">
/// When the forms are on an answer link's page rather than the question page: the link's token, so a form sends the
/// browser back to that page (decision record 21).
/// </param>
public sealed record QuestionAddress(string OrganisationKey, string SystemKey, int Cycle, int Number, string? AnswerLinkToken = null)
{
    /// <summary>The question page, relative to the app's base address.</summary>
    public string Page => AnswerLinkToken is { } token
        ? AnswerLinks.AnswerLinkPage.Url(token)
        : QuestionPage.Url(OrganisationKey, SystemKey, Cycle, Number);

    /// <summary>The system's page, on this cycle.</summary>
    public string SystemPage => SystemQuestions.Url(OrganisationKey, SystemKey, Cycle);

    /// <summary>
    /// Where a form sends the browser after its command succeeded: the same page, fetched afresh (post/redirect/get), saying
    /// which form it was so the page can confirm it and clear that form's draft.
    /// </summary>
    public string PageAfter(string formName) => AnswerLinkToken is { } token
        ? AnswerLinks.AnswerLinkPage.Url(token, done: formName)
        : QuestionPage.Url(OrganisationKey, SystemKey, Cycle, Number, done: formName);

    /// <summary>The key drafts.js keeps a field's text under in the browser: one per field, question and person's browser.</summary>
    public string DraftKey(string field) => $"{field}:{OrganisationKey}:{SystemKey}:{Cycle}:{Number}";
}
