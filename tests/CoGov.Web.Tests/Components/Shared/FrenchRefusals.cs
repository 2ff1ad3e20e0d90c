using System.Globalization;
using CoGov.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Tests.Components.Shared;

/// <summary>A translation of a few of the engine's sentences, as a French Refusals.fr.resx would give them.</summary>
internal sealed class FrenchRefusals : IStringLocalizer<Refusals>
{
    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["Only the workers' side can escalate question {0}; {1} is on {2}."] = "Seule la partie des travailleurs peut faire remonter la question {0} ; {1} fait partie de {2}.",
        ["the management side"] = "la partie de la direction",
        ["The {0} is longer than {1:N0} characters."] = "Le texte ({0}) dépasse {1:N0} caractères.",
        ["answer"] = "réponse",
    };

    public LocalizedString this[string name] =>
        French.TryGetValue(name, out var text) ? new LocalizedString(name, text) : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments), this[name].ResourceNotFound);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => French.Select(e => new LocalizedString(e.Key, e.Value));
}
