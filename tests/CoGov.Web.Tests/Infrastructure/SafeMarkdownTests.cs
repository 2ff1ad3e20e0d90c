using CoGov.Web.Infrastructure;

namespace CoGov.Web.Tests.Infrastructure;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void AScriptTagIsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("Before <script>alert('x')</script> after");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<div onclick=\"steal()\">click</div>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("text <b onmouseover=\"steal()\">bold</b> text")]
    public void RawHtmlBlocksAndInlineHtmlAreEscaped(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[the policy](javascript:alert(1))")]
    [InlineData("[the policy](JaVaScRiPt:alert(1))")]
    [InlineData("[the policy](&#106;avascript:alert(1))")]
    [InlineData("[the policy](vbscript:msgbox(1))")]
    [InlineData("[the policy](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[the policy](/Account/Manage)")]
    [InlineData("[the policy][ref]\n\n[ref]: javascript:alert(1)")]
    public void ALinkThatIsNotToTheWebOrMailKeepsItsWordsAndLosesItsTarget(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("the policy", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AJavascriptAutolinkIsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("<javascript:alert(1)>");

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("javascript:alert(1)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[the policy](https://intranet.example/policy)", "https://intranet.example/policy", "the policy")]
    [InlineData("[minutes](http://example.org/minutes)", "http://example.org/minutes", "minutes")]
    [InlineData("<https://example.org/report>", "https://example.org/report", "https://example.org/report")]
    [InlineData("See https://example.org/bare for it.", "https://example.org/bare", "https://example.org/bare")]
    [InlineData("[write to us](mailto:dpo@example.org)", "mailto:dpo@example.org", "write to us")]
    public void WebAndMailLinksAreKeptAndMarkedAsNotEndorsed(string markdown, string href, string text)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.Contains($"<a href=\"{href}\" rel=\"nofollow noopener\">{text}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageBecomesItsDescriptionSoNothingIsLoadedFromAnotherHost()
    {
        var html = SafeMarkdown.ToHtml("![the rota chart](https://tracker.example/pixel.png)");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example", html, StringComparison.Ordinal);
        Assert.Contains("the rota chart", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownItselfIsRenderedAndTypedLineBreaksAreKept()
    {
        var html = SafeMarkdown.ToHtml("**Yes.** The review is *quarterly*.\nA second line.\n\n- one\n- two");

        Assert.Contains("<strong>Yes.</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>quarterly</em>", html, StringComparison.Ordinal);
        Assert.Contains("<br", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributesCannotBeAddedToElementsFromTheText()
    {
        var html = SafeMarkdown.ToHtml("# Heading {onclick=\"steal()\"}\n\n[x](https://example.org){onmouseover=\"steal()\"}");

        // Shown as the text it is (quotes escaped), never as an attribute.
        Assert.DoesNotContain("onclick=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Heading {onclick=&quot;steal()&quot;}</h1>", html, StringComparison.Ordinal);
    }
}
