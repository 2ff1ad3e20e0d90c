using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace CoGov.Web.Tests.Records;

/// <summary>
/// The text of a printed record as PdfPig reads it back, compared without whitespace: Chromium places words and lines
/// itself, so where a space or line break falls says nothing about whether the words are there.
/// </summary>
internal sealed partial class PdfText
{
    private PdfText(IReadOnlyList<string> pages, IReadOnlyList<string> fonts)
    {
        Pages = pages;
        Fonts = fonts;
    }

    /// <summary>Each page's text, whitespace removed.</summary>
    public IReadOnlyList<string> Pages { get; }

    /// <summary>The fonts the text is set in.</summary>
    public IReadOnlyList<string> Fonts { get; }

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        return new PdfText(
            // Canonically composed: a font may map one glyph to two equivalent code points (Greek ά as U+1F71 or U+03AC).
            pages.Select(p => Squeeze(string.Concat(p.Letters.Select(l => l.Value)).Normalize(NormalizationForm.FormC))).ToList(),
            pages.SelectMany(p => p.Letters.Select(l => l.FontName ?? "")).Distinct().ToList());
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public static (string? Title, string? Language, bool Tagged, bool HasOutline) Metadata(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var language = catalog.TryGet(UglyToad.PdfPig.Tokens.NameToken.Create("Lang"), out var lang) ? (lang as UglyToad.PdfPig.Tokens.StringToken)?.Data ?? lang.ToString() : null;
        var tagged = catalog.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("StructTreeRoot"));
        var outline = catalog.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("Outlines"));
        return (document.Information.Title, language, tagged, outline);
    }

    /// <summary>The body text of every page in order, without the running header and footer in the margins.</summary>
    public string Body(params string[] runningTexts)
    {
        var body = new StringBuilder();
        foreach (var page in Pages)
        {
            var text = PageNumbers().Replace(page, "");
            foreach (var running in runningTexts)
            {
                text = text.Replace(Squeeze(running), "", StringComparison.Ordinal);
            }
            body.Append(text);
        }
        return body.ToString();
    }

    public static string Squeeze(string text) => Whitespace().Replace(text, "").Normalize(NormalizationForm.FormC);

    [GeneratedRegex(@"Page\d+of\d+")]
    private static partial Regex PageNumbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
