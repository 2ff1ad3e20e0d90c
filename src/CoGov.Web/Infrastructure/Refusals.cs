using System.Globalization;
using CoGov.Domain.Common;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// The resource file every sentence of the engine is translated in (its refusals, the problems it finds in a file): one
/// file, keyed by each phrase's English template, because the same sentence reaches many pages.
/// </summary>
public sealed class Refusals
{
    private Refusals()
    {
    }
}

public static class RefusalWording
{
    /// <summary>
    /// The phrase in the reader's language: its template translated, and each argument that is itself a phrase (a
    /// side, a state) translated in its turn, with numbers and dates written the reader's way. A template with no
    /// translation reads in English rather than not at all.
    /// </summary>
    public static string Say(this IStringLocalizer<Refusals> refusals, Phrase phrase)
    {
        // Looked up by the template a phrase carries, so no page builds a key: Refusals.resx lists every template.
        var template = refusals[phrase.Template].Value;
        return phrase.Arguments.Count == 0
            ? template
            : string.Format(CultureInfo.CurrentCulture, template, phrase.Arguments.Select(a => a is Phrase nested ? refusals.Say(nested) : a).ToArray());
    }
}
