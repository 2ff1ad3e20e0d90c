namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// The absolute address of the page that opens an answer link, built from the configured public origin. The web app,
/// which owns both the page and the origin, implements it; the engine only asks.
/// </summary>
public interface IAnswerLinkAddress
{
    string PageFor(string token);
}
