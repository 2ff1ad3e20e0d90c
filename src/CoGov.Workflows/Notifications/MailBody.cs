using System.Globalization;
using System.Net;
using System.Text;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// What a mail says, as a few kinds of block, written out twice: as the plain text every mail client shows and as a
/// simple HTML part. The HTML is made for cautious mail clients: no script, no image, no style sheet to fetch, inline
/// style only, readable on a phone, and every value in it encoded: system names, names and answers are typed by people,
/// and an answer holding markup must reach the reader as the text it is. Answers are Markdown in CoGov; here they stay
/// the quoted text they were typed as.
/// </summary>
public sealed class MailBody
{
    private const string Ink = "#1a1a1a";
    private const string Accent = "#1f4e79";

    private readonly List<Block> _blocks = [];

    private abstract record Block;

    private sealed record Paragraph(string Text) : Block;

    private sealed record Heading(string Text) : Block;

    /// <summary>Text someone typed, quoted line by line under what it is.</summary>
    private sealed record Quote(string Heading, string Text) : Block;

    /// <summary>Short lines kept together, such as who the mail is from.</summary>
    private sealed record Lines(IReadOnlyList<string> Items) : Block;

    /// <summary>Text to copy exactly (an anchor line), never wrapped at spaces in the plain part.</summary>
    private sealed record Verbatim(string Text) : Block;

    private sealed record Action(string Label, Uri Link) : Block;

    private sealed record Rule : Block;

    private sealed record Signature(string Text, string? PreferencesLabel, Uri? Preferences) : Block;

    public MailBody AddParagraph(string text) => Add(new Paragraph(text));

    public MailBody AddHeading(string text) => Add(new Heading(text));

    public MailBody AddQuote(string heading, string text) => Add(new Quote(heading, text));

    public MailBody AddLines(params string[] lines) => Add(new Lines(lines));

    public MailBody AddVerbatim(string text) => Add(new Verbatim(text));

    /// <summary>The one thing to click: shown as a button, and the address written out beside it for those who copy it.</summary>
    public MailBody AddAction(string label, Uri link) => Add(new Action(label, link));

    public MailBody AddRule() => Add(new Rule());

    public MailBody AddSignature(string text, string? preferencesLabel = null, Uri? preferences = null) =>
        Add(new Signature(text, preferencesLabel, preferences));

    /// <summary>Every block of <paramref name="other"/>, after this one's.</summary>
    public MailBody AddAll(MailBody other)
    {
        _blocks.AddRange(other._blocks);
        return this;
    }

    /// <summary>The links the body offers, for a test or a header to name.</summary>
    public IEnumerable<Uri> Links => _blocks.OfType<Action>().Select(a => a.Link)
        .Concat(_blocks.OfType<Signature>().Select(s => s.Preferences).OfType<Uri>());

    private MailBody Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }

    public string ToPlainText()
    {
        var text = new StringBuilder();
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    text.AppendLine(p.Text);
                    break;
                case Heading h:
                    text.AppendLine(h.Text).AppendLine(new string('=', Math.Min(h.Text.Length, 72)));
                    break;
                case Quote q:
                    text.AppendLine(q.Heading);
                    foreach (var line in SplitLines(q.Text))
                    {
                        text.Append("  ").AppendLine(line);
                    }
                    break;
                case Lines l:
                    foreach (var line in l.Items)
                    {
                        text.AppendLine(line);
                    }
                    break;
                case Verbatim v:
                    text.Append("  ").AppendLine(v.Text);
                    break;
                case Action a:
                    text.Append(CultureInfo.InvariantCulture, $"{a.Label}: {a.Link.AbsoluteUri}").AppendLine();
                    break;
                case Rule:
                    text.AppendLine(new string('-', 40));
                    break;
                case Signature s:
                    text.AppendLine("-- ").AppendLine(s.Text);
                    if (s.Preferences is { } preferences)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{s.PreferencesLabel}: {preferences.AbsoluteUri}").AppendLine();
                    }
                    break;
            }
            text.AppendLine();
        }
        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <param name="title">The document's title, such as the mail's subject.</param>
    public string ToHtml(string title)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append("</title></head>\n")
            .Append(CultureInfo.InvariantCulture, $"<body style=\"margin:0;padding:0;background:#ffffff;color:{Ink};\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;overflow-wrap:anywhere;word-wrap:break-word;\">\n");
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case Heading h:
                    html.Append("<h2 style=\"margin:24px 0 8px;font-size:18px;line-height:1.3;\">").Append(Encode(h.Text)).Append("</h2>\n");
                    break;
                case Quote q:
                    html.Append("<p style=\"margin:0 0 4px;\">").Append(Encode(q.Heading)).Append("</p>\n")
                        .Append("<blockquote style=\"margin:0 0 16px;padding:8px 12px;border-left:4px solid #9aa5b1;background:#f4f6f8;\">")
                        .Append(string.Join("<br>\n", SplitLines(q.Text).Select(Encode)))
                        .Append("</blockquote>\n");
                    break;
                case Lines l:
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(string.Join("<br>\n", l.Items.Select(Encode))).Append("</p>\n");
                    break;
                case Verbatim v:
                    html.Append("<p style=\"margin:0 0 16px;font-family:'Courier New',monospace;font-size:13px;word-break:break-all;\">")
                        .Append(Encode(v.Text)).Append("</p>\n");
                    break;
                case Action a:
                    var href = Encode(a.Link.AbsoluteUri);
                    html.Append("<p style=\"margin:24px 0 8px;\">")
                        .Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\" style=\"display:inline-block;padding:12px 20px;background:{Accent};color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;\">")
                        .Append(Encode(a.Label)).Append("</a></p>\n")
                        .Append("<p style=\"margin:0 0 16px;font-size:14px;word-break:break-all;\">")
                        .Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\" style=\"color:{Accent};\">{href}</a></p>\n");
                    break;
                case Rule:
                    html.Append("<hr style=\"border:0;border-top:1px solid #c8ced5;margin:24px 0;\">\n");
                    break;
                case Signature s:
                    html.Append("<p style=\"margin:32px 0 0;font-size:14px;color:#4a5560;\">").Append(Encode(s.Text));
                    if (s.Preferences is { } preferences)
                    {
                        var link = Encode(preferences.AbsoluteUri);
                        html.Append("<br>\n")
                            .Append(CultureInfo.InvariantCulture, $"<a href=\"{link}\" style=\"color:{Accent};\">{Encode(s.PreferencesLabel ?? link)}</a>");
                    }
                    html.Append("</p>\n");
                    break;
            }
        }
        return html.Append("</div>\n</body></html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string[] SplitLines(string text) => (text.Length == 0 ? "(no text)" : text).ReplaceLineEndings("\n").Split('\n');
}
