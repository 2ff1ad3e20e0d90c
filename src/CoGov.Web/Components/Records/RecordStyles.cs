using System.Globalization;
using System.Text;

namespace CoGov.Web.Components.Records;

/// <summary>
/// The print stylesheet the committee's documents share (the assessment record, the meeting pack): A4, a running header
/// and footer in the page's margin boxes, a bare cover. It is written into the document itself, so a PDF printed from
/// it loads nothing from anywhere, and uses only the DejaVu fonts the install guarantees, which cover Latin, Greek,
/// Cyrillic, Hebrew and Arabic.
/// </summary>
public static class RecordStyles
{
    private const char PageMarker = '\u0001';
    private const char PagesMarker = '\u0002';

    /// <summary>The stylesheet, with the running header's and footer's words.</summary>
    /// <param name="headerLeft">Top left of every page but the cover: the organisation.</param>
    /// <param name="headerRight">Top right of every page but the cover: the system, or what the document is.</param>
    /// <param name="footerLeft">Bottom left of every page but the cover: when the document was generated.</param>
    /// <param name="pageOfPages">"Page {0} of {1}" in the document's language; the numbers are the printer's.</param>
    public static string Css(string headerLeft, string headerRight, string footerLeft, string pageOfPages)
    {
        var pageNumbers = PageNumbers(pageOfPages);
        return $$"""
            @page {
              size: A4;
              margin: 20mm 18mm 20mm 18mm;
              @top-left { content: {{CssString(headerLeft)}}; font: 8pt "DejaVu Sans", sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
              @top-right { content: {{CssString(headerRight)}}; font: 8pt "DejaVu Sans", sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; text-align: right; }
              @bottom-left { content: {{CssString(footerLeft)}}; font: 8pt "DejaVu Sans", sans-serif; color: #444; vertical-align: top; padding-top: 3mm; }
              @bottom-right { content: {{pageNumbers}}; font: 8pt "DejaVu Sans", sans-serif; color: #444; vertical-align: top; padding-top: 3mm; text-align: right; }
            }
            /* The cover says who and what in large type; only its page number stays, so a reader can count the pages. */
            @page :first {
              @top-left { content: none; }
              @top-right { content: none; }
              @bottom-left { content: none; }
            }
            /* No ligatures: with them a PDF reader copies and searches "ﬁ" as one character, and "office" is not found. */
            .cogov-doc { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.45; color: #111; text-align: left; font-variant-ligatures: none; }
            .cogov-doc h1, .cogov-doc h2, .cogov-doc h3, .cogov-doc h4, .cogov-doc th, .cogov-doc .doc-meta, .cogov-doc dt { font-family: "DejaVu Sans", sans-serif; }
            .cogov-doc h1 { font-size: 22pt; line-height: 1.2; margin: 0 0 6mm; }
            .cogov-doc h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 0.5pt solid #888; padding-bottom: 1mm; break-after: avoid; }
            .cogov-doc h3 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
            .cogov-doc h4 { font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; }
            .cogov-doc p, .cogov-doc li { orphans: 3; widows: 3; }
            .cogov-doc .doc-cover, .cogov-doc .doc-pack-summary { break-after: page; }
            .cogov-doc .doc-kicker { font-family: "DejaVu Sans", sans-serif; font-size: 12pt; color: #333; margin: 30mm 0 4mm; }
            .cogov-doc .doc-facts { display: grid; grid-template-columns: max-content 1fr; gap: 1.5mm 6mm; margin: 0 0 6mm; }
            .cogov-doc .doc-facts dt { font-weight: bold; font-size: 9pt; }
            .cogov-doc .doc-facts dd { margin: 0; }
            .cogov-doc .doc-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
            .cogov-doc .doc-sides ul { padding-left: 4mm; margin: 0; }
            .cogov-doc .doc-meta { font-size: 8.5pt; color: #333; margin: 0 0 1.5mm; }
            .cogov-doc .doc-links { margin: 0; padding-left: 4mm; }
            .cogov-doc .doc-url { font-size: 8.5pt; color: #333; overflow-wrap: anywhere; }
            .cogov-doc .doc-question { margin: 0 0 5mm; }
            .cogov-doc .doc-answer { text-align: left; overflow-wrap: break-word; border-left: 2pt solid #bbb; padding-left: 3mm; margin: 1.5mm 0; }
            .cogov-doc .doc-answer p { margin: 0 0 2mm; }
            .cogov-doc .doc-answer table { border-collapse: collapse; }
            .cogov-doc .doc-answer th, .cogov-doc .doc-answer td { border: 0.5pt solid #999; padding: 1mm 2mm; }
            .cogov-doc .doc-none { font-style: italic; color: #444; }
            .cogov-doc .doc-summary { font-size: 8.5pt; color: #333; margin: 1mm 0 0; }
            .cogov-doc .doc-signature { break-inside: avoid; border: 0.5pt solid #888; padding: 3mm 4mm; margin: 0 0 4mm; }
            .cogov-doc table.doc-table { width: 100%; border-collapse: collapse; font-size: 8pt; }
            .cogov-doc table.doc-table th, .cogov-doc table.doc-table td { border-bottom: 0.5pt solid #bbb; padding: 1mm 1.5mm; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
            .cogov-doc table.doc-table thead { display: table-header-group; }
            .cogov-doc table.doc-table tr { break-inside: avoid; }
            .cogov-doc .doc-log-text { white-space: pre-wrap; }
            .cogov-doc .doc-hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
            .cogov-doc .doc-verification { break-inside: avoid; }
            @media screen {
              .cogov-doc { max-width: 50rem; margin: 0 auto; padding: 1rem; }
              .cogov-doc .doc-kicker { margin-top: 1rem; }
              .cogov-doc .doc-cover { border-bottom: 1px solid #888; padding-bottom: 1rem; }
              .cogov-doc .doc-sides { grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
              .cogov-doc .doc-facts { grid-template-columns: minmax(0, max-content) minmax(0, 1fr); }
              .cogov-doc table.doc-table { display: block; overflow-x: auto; }
            }
            """;
    }

    /// <summary>
    /// A CSS string literal for text people wrote (an organisation's or system's name): every character but letters,
    /// digits and spaces is written as a hexadecimal escape, so nothing in the text can end the string or the style
    /// element it sits in.
    /// </summary>
    public static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value == ' ')
            {
                css.Append(rune.ToString());
            }
            else
            {
                css.Append('\\').Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append(' ');
            }
        }
        return css.Append('"').ToString();
    }

    /// <summary>"Page {0} of {1}" as CSS content, with the printer's page counters in place of the numbers.</summary>
    private static string PageNumbers(string pageOfPages)
    {
        var marked = string.Format(CultureInfo.InvariantCulture, pageOfPages, PageMarker, PagesMarker);
        var content = new List<string>();
        var text = new StringBuilder();
        foreach (var character in marked)
        {
            if (character is PageMarker or PagesMarker)
            {
                if (text.Length > 0)
                {
                    content.Add(CssString(text.ToString()));
                    text.Clear();
                }
                content.Add(character == PageMarker ? "counter(page)" : "counter(pages)");
            }
            else
            {
                text.Append(character);
            }
        }
        if (text.Length > 0)
        {
            content.Add(CssString(text.ToString()));
        }
        return string.Join(' ', content);
    }
}
