using System.Globalization;
using CoGov.Domain.Common;

namespace CoGov.Domain.Tests.Common;

public sealed class PhraseTests
{
    [Fact]
    public void APhraseReadsInEnglishWithItsArgumentsInPlace()
    {
        var phrase = new Phrase("Question {0} is already routed to {1}.", 6, "Daniel Reyes");

        Assert.Equal("Question {0} is already routed to {1}.", phrase.Template);
        Assert.Equal("Question 6 is already routed to Daniel Reyes.", phrase.ToString());
    }

    [Fact]
    public void APhraseInsideAPhraseIsWrittenOutInItsPlace()
    {
        var side = new Phrase("the workers' side");

        Assert.Equal("Only the workers' side can escalate question 4.", new Phrase("Only {0} can escalate question {1}.", side, 4).ToString());
    }

    [Fact]
    public void TheEnglishIsTheSameWhateverTheServersCulture()
    {
        using var _ = new CultureScope("fr-FR");

        Assert.Equal("1,234.5 days", new Phrase("{0:N1} days", 1234.5).ToString());
        Assert.Equal("fr-FR", CultureInfo.CurrentCulture.Name);
    }

    [Fact]
    public void AVerbatimTextIsShownAsItIsEvenWithBraces()
    {
        var phrase = Phrase.Verbatim("Passwords must have at least one {digit}.");

        Assert.Equal("Passwords must have at least one {digit}.", phrase.ToString());
    }

    [Fact]
    public void TwoPhrasesThatReadTheSameAreEqual()
    {
        Assert.Equal(new Phrase("Cycle {0} is read-only.", 2), new Phrase("Cycle {0} is read-only.", 2));
        Assert.NotEqual(new Phrase("Cycle {0} is read-only.", 2), new Phrase("Cycle {0} is read-only.", 3));
    }
}
