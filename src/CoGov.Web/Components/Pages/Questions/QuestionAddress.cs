namespace CoGov.Web.Components.Pages.Questions;

/// <summary>Which question a page or form is about, and the addresses and draft keys that follow from it.</summary>
public sealed record QuestionAddress(string OrganisationKey, string SystemKey, int Cycle, int Number)
{
    /// <summary>The question page, relative to the app's base address.</summary>
    public string Page => $"organisations/{Uri.EscapeDataString(OrganisationKey)}/systems/{Uri.EscapeDataString(SystemKey)}/cycles/{Cycle}/questions/{Number}";

    /// <summary>The system's page, on this cycle.</summary>
    public string SystemPage => $"organisations/{Uri.EscapeDataString(OrganisationKey)}/systems/{Uri.EscapeDataString(SystemKey)}?cycle={Cycle}";

    /// <summary>
    /// Where a form sends the browser after its command succeeded: the same page, fetched afresh (post/redirect/get), saying
    /// which form it was so the page can confirm it and clear that form's draft.
    /// </summary>
    public string PageAfter(string formName) => $"{Page}?done={Uri.EscapeDataString(formName)}";

    /// <summary>The key drafts.js keeps a field's text under in the browser: one per field, question and person's browser.</summary>
    public string DraftKey(string field) => $"{field}:{OrganisationKey}:{SystemKey}:{Cycle}:{Number}";
}
