using CoGov.Domain.Common;

namespace CoGov.Domain.Tests.Common;

public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Bilingual = new([new("fr", "Qui est responsable ?"), new("en", "Who is accountable?")]);

    [Fact]
    public void InGivesTheTextInTheLanguageAsked()
    {
        Assert.Equal("Qui est responsable ?", Bilingual.In("fr"));
        Assert.Equal("Who is accountable?", Bilingual.In("en"));
    }

    [Theory]
    [InlineData("pt")]
    [InlineData("")]
    [InlineData(null)]
    public void InFallsBackToEnglish(string? language)
    {
        Assert.Equal("Who is accountable?", Bilingual.In(language));
    }

    [Fact]
    public void WithoutEnglishInFallsBackToAnyLanguageThereIs()
    {
        var text = new LocalizedText([new("fr", "Qui est responsable ?")]);

        Assert.Equal("Qui est responsable ?", text.In("pt"));
        Assert.Equal("Qui est responsable ?", text.ToString());
    }

    [Fact]
    public void AnEmptyTextReadsAsEmpty()
    {
        var text = new LocalizedText([]);

        Assert.Equal("", text.In("en"));
        Assert.Empty(text.Languages);
    }

    [Fact]
    public void EnglishMakesAnEnglishText()
    {
        var text = LocalizedText.English("Who designed the system?");

        Assert.Equal(["en"], text.Languages);
        Assert.Equal("Who designed the system?", text.ToString());
        Assert.Equal("Who designed the system?", text.Texts[LocalizedText.DefaultLanguage]);
    }

    [Fact]
    public void LanguagesAreListedInOrdinalOrder()
    {
        var text = new LocalizedText([new("pt", "p"), new("en", "e"), new("fr", "f")]);

        Assert.Equal(["en", "fr", "pt"], text.Languages);
    }

    [Fact]
    public void TextsWithTheSameLanguagesAndWordsAreEqualWhateverTheOrder()
    {
        var same = new LocalizedText([new("en", "Who is accountable?"), new("fr", "Qui est responsable ?")]);

        Assert.Equal(Bilingual, same);
        Assert.True(Bilingual.Equals((object)same));
        Assert.Equal(Bilingual.GetHashCode(), same.GetHashCode());
    }

    [Fact]
    public void TextsThatDifferInAWordOrALanguageAreNotEqual()
    {
        var otherWording = new LocalizedText([new("en", "Who is accountable?"), new("fr", "Qui répond ?")]);
        var fewerLanguages = LocalizedText.English("Who is accountable?");
        var otherLanguage = new LocalizedText([new("en", "Who is accountable?"), new("es", "Qui est responsable ?")]);

        Assert.NotEqual(Bilingual, otherWording);
        Assert.NotEqual(Bilingual, fewerLanguages);
        Assert.NotEqual(fewerLanguages, Bilingual);
        Assert.NotEqual(Bilingual, otherLanguage);
        Assert.False(Bilingual.Equals(null));
        Assert.False(Bilingual.Equals("Who is accountable?"));
    }

    [Fact]
    public void TheLastTextGivenForALanguageWins()
    {
        var text = new LocalizedText([new("en", "First"), new("en", "Second")]);

        Assert.Equal("Second", text.In("en"));
        Assert.Single(text.Texts);
    }

    [Fact]
    public void TheTextsCannotBeChangedFromOutside()
    {
        Assert.False(Bilingual.Texts is IDictionary<string, string> { IsReadOnly: false });
    }
}
