using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CoGov.Web.Tests.Components.Pages;

/// <summary>Fills in and posts a page's form as a browser would, for page tests that go through the real forms.</summary>
internal static class PageForms
{
    /// <summary>The form Blazor rendered for <paramref name="formName"/> (its hidden <c>_handler</c> field names it).</summary>
    public static IHtmlFormElement? NamedForm(this IDocument page, string formName) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == formName));

    /// <summary>
    /// What the browser would send: hidden fields, text, numbers, text areas, the selected option of each list, ticked
    /// boxes and chosen radio buttons; then <paramref name="changes"/> on top (a null value leaves the field out, as an
    /// unticked box is left out).
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(this IHtmlFormElement form, IReadOnlyDictionary<string, string?>? changes = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } choice when choice.IsChecked && !string.IsNullOrEmpty(choice.Name):
                    fields.Add(new(choice.Name!, string.IsNullOrEmpty(choice.GetAttribute("value")) ? "on" : choice.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "submit" or "button") } input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement text when !string.IsNullOrEmpty(text.Name):
                    fields.Add(new(text.Name!, text.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            // A radio group or a changed box replaces whatever the page had for that name.
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
        return fields;
    }

    /// <summary>Posts the form to the page it came from (Blazor's forms post back to their own address).</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IHtmlFormElement form,
        IReadOnlyDictionary<string, string?>? changes = null) =>
        client.PostAsync(pageUrl, new FormUrlEncodedContent(form.Fields(changes)));
}
