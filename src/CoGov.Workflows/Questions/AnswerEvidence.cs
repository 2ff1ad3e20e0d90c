namespace CoGov.Workflows.Questions;

/// <summary>
/// The evidence a manager links to an answer. It joins the answer in the record as a Markdown list under a heading, each
/// address an autolink ("- &lt;https://...&gt;") so it shows as a link and nothing else; whoever writes the answer (a
/// page, or a client of the API writing the Markdown itself), every address listed that way must be a web address.
/// </summary>
public static class AnswerEvidence
{
    /// <summary>The answer as it goes into the record: the text, then the links listed under <paramref name="heading"/>.</summary>
    public static string AppendTo(string answer, IReadOnlyList<string> links, string heading) =>
        links.Count == 0
            ? answer.Trim()
            : $"{answer.Trim()}\n\n{heading}\n\n{string.Join("\n", links.Select(link => $"- <{link}>"))}";

    /// <summary>The addresses an answer lists as evidence, in order.</summary>
    public static IReadOnlyList<string> LinksIn(string answer) =>
        answer.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- <", StringComparison.Ordinal) && line.EndsWith('>'))
            .Select(line => line[3..^1])
            .ToList();

    /// <summary>
    /// An absolute http or https address with a host, and nothing that would end a Markdown autolink early (spaces,
    /// angle brackets). The same prefixes the Markdown renderer keeps, so an accepted link is never dropped on display.
    /// </summary>
    public static bool IsWebAddress(string link) =>
        (link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && !link.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>')
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
