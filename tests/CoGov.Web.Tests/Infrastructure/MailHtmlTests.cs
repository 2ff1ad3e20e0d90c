using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CoGov.Workflows.Notifications;

namespace CoGov.Web.Tests.Infrastructure;

/// <summary>
/// The HTML part of CoGov's mail, read as a mail client's parser reads it: nothing in it can run, fetch or submit, and
/// the only addresses in it are the action's and the preferences', at the public origin.
/// </summary>
public sealed class MailHtmlTests
{
    private const string Origin = "https://cogov.example.org/";
    private const string Hostile = "\"><img src=x onerror=alert(1)><script>alert(2)</script><iframe src=//evil.example></iframe><form action=//evil.example><input></form><a href=\"https://evil.example\">click</a>";

    private static readonly Uri Action = new(Origin + "organisations/riverside-hospital/systems/rostering/cycles/2/questions/6");
    private static readonly Uri Preferences = new(Origin + "organisations/riverside-hospital/mail-preferences?link=abc%2Bdef");

    private static MailBody HostileMail() => new MailBody()
        .AddParagraph("Dear " + Hostile + ",")
        .AddParagraph("Daniel Reyes has answered question 6 about ShiftWise" + Hostile + ".")
        .AddQuote("The answer, recorded by " + Hostile + ":", "# Heading\n\n**bold** " + Hostile + "\n[link](javascript:alert(3))")
        .AddAction("Accept, clarify or challenge the answer to question 6", Action)
        .AddLines("Joint Committee" + Hostile, "ShiftWise" + Hostile + ", cycle 2")
        .AddVerbatim("{\"head\":\"" + Hostile + "\"}")
        .AddSignature("Sent by CoGov.", "Choose every mail or one daily digest", Preferences);

    [Fact]
    public void TheHtmlPartHasNoScriptFrameObjectFormOrHandlerAndLinksOnlyToThePublicOrigin()
    {
        var html = new HtmlParser().ParseDocument(HostileMail().ToHtml("Answer to question 6" + Hostile));

        Assert.Empty(html.QuerySelectorAll("script, iframe, frame, object, embed, form, input, img, svg, link, style, base, meta[http-equiv]"));
        Assert.DoesNotContain(html.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        var addresses = html.All.SelectMany(e => e.Attributes).Where(a => a.Name is "href" or "src" or "action" or "background" or "poster").Select(a => a.Value).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.True(address == Action.AbsoluteUri || address == Preferences.AbsoluteUri, $"An address other than the action's: {address}"));
    }

    [Fact]
    public void HostileTextReachesTheReaderAsTheTextItIsAndMarkdownStaysQuotedNotRendered()
    {
        var html = new HtmlParser().ParseDocument(HostileMail().ToHtml("Answer"));
        var text = html.Body!.TextContent;

        Assert.Contains("<img src=x onerror=alert(1)><script>alert(2)</script>", text, StringComparison.Ordinal);
        Assert.Contains("**bold**", text, StringComparison.Ordinal);
        Assert.Contains("[link](javascript:alert(3))", text, StringComparison.Ordinal);
        Assert.Empty(html.QuerySelectorAll("strong, h1"));
        Assert.Single(html.QuerySelectorAll("blockquote"));
    }

    [Fact]
    public void TheActionIsAButtonLikeLinkWithItsAddressWrittenOutAndThePlainPartHasTheSameLinks()
    {
        var body = HostileMail();
        var html = new HtmlParser().ParseDocument(body.ToHtml("Answer"));
        var plain = body.ToPlainText();

        var toAction = html.QuerySelectorAll("a").Where(a => a.GetAttribute("href") == Action.AbsoluteUri).ToList();
        Assert.Equal(2, toAction.Count);
        Assert.Equal("Accept, clarify or challenge the answer to question 6", toAction[0].TextContent);
        Assert.Contains("display:inline-block", toAction[0].GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal(Action.AbsoluteUri, toAction[1].TextContent);
        Assert.Contains($"Accept, clarify or challenge the answer to question 6: {Action.AbsoluteUri}", plain, StringComparison.Ordinal);
        Assert.Contains($"Choose every mail or one daily digest: {Preferences.AbsoluteUri}", plain, StringComparison.Ordinal);
        Assert.Contains(Hostile, plain, StringComparison.Ordinal);
    }
}
