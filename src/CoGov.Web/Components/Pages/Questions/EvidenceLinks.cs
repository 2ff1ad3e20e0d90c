namespace CoGov.Web.Components.Pages.Questions;

/// <summary>
/// The evidence a manager links to an answer, one web address a line, and how it joins the answer in the record: as a
/// Markdown list under a heading, each address an autolink so it shows as a link and nothing else.
/// </summary>
public static class EvidenceLinks
{
    /// <summary>The lines that hold something, trimmed, in the order typed.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    /// <summary>
    /// An absolute http or https address with a host, and nothing that would end a Markdown autolink early (spaces,
    /// angle brackets). The same prefixes the Markdown renderer keeps, so an accepted link is never dropped on display.
    /// </summary>
    public static bool IsWebAddress(string line) =>
        (line.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || line.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && !line.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>')
        && Uri.TryCreate(line, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>The answer as it goes into the record: the text, then the links listed under <paramref name="heading"/>.</summary>
    public static string AppendTo(string answer, IReadOnlyList<string> links, string heading) =>
        links.Count == 0
            ? answer.Trim()
            : $"{answer.Trim()}\n\n{heading}\n\n{string.Join("\n", links.Select(link => $"- <{link}>"))}";
}
