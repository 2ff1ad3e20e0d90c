using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Markdown that people wrote into the record (answers above all), turned into HTML that is safe to put on a page read
/// by the other side: raw HTML is shown as text, only web and mail links survive (a <c>javascript:</c> or relative link
/// keeps its words and loses its target), images become their description so nothing is loaded from another host, and
/// every link says it is not endorsed (<c>rel="nofollow noopener"</c>).
/// </summary>
public static class SafeMarkdown
{
    private static readonly string[] AllowedPrefixes = ["http://", "https://", "mailto:"];

    // Deliberately small: extensions such as generic attributes ({onclick=...}) would let a writer add HTML attributes.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseReferralLinks("nofollow", "noopener")
        // Written in a plain textarea: a line break typed is a line break meant.
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static MarkupString ToMarkup(string? markdown) => new(ToHtml(markdown));

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsAllowed(link.Url))
            {
                Unwrap(link);
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (!link.IsEmail && !IsAllowed(link.Url))
            {
                link.ReplaceBy(new LiteralInline(link.Url));
            }
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// Checked after parsing, so entities and escapes in the destination are already decoded: what is checked is what a
    /// browser would follow. A prefix rather than a parsed scheme, so nothing a browser might read as a scheme slips by.
    /// </summary>
    private static bool IsAllowed(string? url) =>
        url is not null && AllowedPrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Puts the link's words (an image's description) in its place, without the link.</summary>
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }
}
