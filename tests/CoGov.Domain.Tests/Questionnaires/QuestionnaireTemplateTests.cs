using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;

namespace CoGov.Domain.Tests.Questionnaires;

public sealed class QuestionnaireTemplateTests
{
    private static RuleViolation OnlyViolation(QuestionnaireTemplateSpec spec) => Assert.Single(QuestionnaireTemplate.Check(spec));

    private static RuleViolation ViolationAt(QuestionnaireTemplateSpec spec, string path) =>
        Assert.Single(QuestionnaireTemplate.Check(spec), v => v.Path == path);

    [Fact]
    public void AValidSpecHasNoViolations()
    {
        Assert.Empty(QuestionnaireTemplate.Check(Templates.Valid()));
    }

    [Fact]
    public void AValidSpecBuildsItsThemesInOrderWithQuestionsNumberedOneToN()
    {
        var template = QuestionnaireTemplate.Create(Templates.Valid());

        Assert.Equal("psi-co-governance", template.Key);
        Assert.Equal(1, template.Version);
        Assert.Equal(["en", "fr"], template.Languages);
        Assert.Equal("Co-Governance of Algorithmic Systems", template.Title.In("en"));
        Assert.Equal(["purpose", "accountability", "redress"], template.Themes.Select(t => t.Key));
        Assert.Equal([1, 2, 3], template.Themes.Select(t => t.Order));
        Assert.All(template.Themes, t => Assert.Equal(template.Id, t.TemplateId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], template.Questions.Select(q => q.Number));
        Assert.Equal(8, template.QuestionCount);
        Assert.Equal([4, 5, 6], template.Themes[1].Questions.Select(q => q.Number));
        Assert.All(template.Themes, t => Assert.All(t.Questions, q => Assert.Equal(t.Id, q.ThemeId)));
        Assert.Equal("[fr] Question 5?", template.Questions.Single(q => q.Number == 5).Text.In("fr"));
    }

    [Theory]
    [InlineData(1, "purpose")]
    [InlineData(3, "purpose")]
    [InlineData(4, "accountability")]
    [InlineData(6, "accountability")]
    [InlineData(8, "redress")]
    public void ThemeOfFindsTheThemeAQuestionBelongsTo(int number, string themeKey)
    {
        var template = QuestionnaireTemplate.Create(Templates.Valid());

        Assert.Equal(themeKey, template.ThemeOf(number).Key);
    }

    [Fact]
    public void ThemeOfAQuestionTheTemplateDoesNotHaveIsRefused()
    {
        var template = QuestionnaireTemplate.Create(Templates.Valid());

        var refusal = Assert.Throws<DomainRuleException>(() => template.ThemeOf(9));

        Assert.Equal("psi-co-governance version 1 has no question 9.", refusal.Message);
    }

    [Fact]
    public void ATemplateWithoutASourceIsValid()
    {
        Assert.Empty(QuestionnaireTemplate.Check(Templates.Valid() with { Source = null }));
    }

    [Fact]
    public void AQuestionNumberUsedTwiceInOneThemeIsReportedAtTheSecondUse()
    {
        var violation = OnlyViolation(Templates.Numbered([1, 2, 3], [4, 5, 5], [6, 7]));

        Assert.Equal("themes[1].questions[2].number", violation.Path);
        Assert.Equal("question number 5 is used twice (first in theme 'accountability').", violation.Message);
    }

    [Fact]
    public void AQuestionNumberUsedTwiceAcrossThemesNamesTheThemeWhereItWasFirst()
    {
        var violation = OnlyViolation(Templates.Numbered([1, 2, 3], [3, 4, 5], [6, 7]));

        Assert.Equal("themes[1].questions[0].number", violation.Path);
        Assert.Contains("used twice", violation.Message);
        Assert.Equal("question number 3 is used twice (first in theme 'purpose').", violation.Message);
    }

    [Fact]
    public void AGapInTheNumberingNamesTheMissingQuestion()
    {
        var violation = OnlyViolation(Templates.Numbered([1, 2, 3], [4, 6, 7], [8]));

        Assert.Equal("themes[1].questions[1].number", violation.Path);
        Assert.Contains("question 5 is missing", violation.Message);
        Assert.Equal("the numbering has a gap: question 5 is missing before question 6.", violation.Message);
    }

    [Fact]
    public void AGapOfSeveralQuestionsNamesTheMissingRange()
    {
        var violation = OnlyViolation(Templates.Numbered([1, 2, 3], [4, 8]));

        Assert.Equal("themes[1].questions[1].number", violation.Path);
        Assert.Equal("the numbering has a gap: questions 5 to 7 are missing before question 8.", violation.Message);
    }

    [Fact]
    public void AGapAtTheStartNamesQuestionOne()
    {
        var violation = OnlyViolation(Templates.Numbered([2, 3], [4]));

        Assert.Equal("themes[0].questions[0].number", violation.Path);
        Assert.Equal("the numbering has a gap: question 1 is missing before question 2.", violation.Message);
    }

    [Fact]
    public void AQuestionOutOfOrderIsReportedWhereItStands()
    {
        var violations = QuestionnaireTemplate.Check(Templates.Numbered([1, 2, 3], [4, 6, 5], [7, 8]));

        var outOfOrder = Assert.Single(violations, v => v.Path == "themes[1].questions[2].number");
        Assert.Equal("question 5 is out of order: it comes after question 6.", outOfOrder.Message);
    }

    [Fact]
    public void TwoSwappedQuestionsAreReportedOnlyAsOutOfOrderNotAsMissing()
    {
        // Every number 1..8 is there; question 5 merely stands after question 6. Saying it "is missing" is untrue.
        var violations = QuestionnaireTemplate.Check(Templates.Numbered([1, 2, 3], [4, 6, 5], [7, 8]));

        Assert.DoesNotContain(violations, v => v.Message.Contains("missing", StringComparison.Ordinal));
        var violation = Assert.Single(violations);
        Assert.Equal("themes[1].questions[2].number", violation.Path);
    }

    [Fact]
    public void AQuestionMovedIntoAnEarlierThemeIsOutOfOrder()
    {
        var violations = QuestionnaireTemplate.Check(Templates.Numbered([1, 2, 3, 5], [4, 6]));

        var outOfOrder = Assert.Single(violations, v => v.Path == "themes[1].questions[0].number");
        Assert.Equal("question 4 is out of order: it comes after question 5.", outOfOrder.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void AQuestionNumberBelowOneIsRefused(int number)
    {
        var violation = OnlyViolation(Templates.Numbered([number, 1, 2], [3]));

        Assert.Equal("themes[0].questions[0].number", violation.Path);
        Assert.Equal($"question numbers start at 1; {number} is not allowed.", violation.Message);
    }

    [Fact]
    public void AThemeKeyUsedTwiceIsReportedAtTheSecondTheme()
    {
        var spec = Templates.Valid().WithTheme(2, t => t with { Key = "purpose" });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[2].key", violation.Path);
        Assert.Equal("theme key 'purpose' is used twice (also by theme 1).", violation.Message);
    }

    [Theory]
    [InlineData("Right of Redress")]
    [InlineData("redress_rights")]
    [InlineData("")]
    public void AnInvalidThemeKeyIsRefused(string key)
    {
        var spec = Templates.Valid().WithTheme(2, t => t with { Key = key });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[2].key", violation.Path);
        Assert.Equal($"'{key}' is not a valid theme key: use lowercase letters, digits and single hyphens.", violation.Message);
    }

    [Fact]
    public void AThemeWithoutQuestionsIsRefused()
    {
        var violation = OnlyViolation(Templates.Numbered([1, 2, 3], [], [4, 5]));

        Assert.Equal("themes[1].questions", violation.Path);
        Assert.Equal("theme 'accountability' has no questions.", violation.Message);
    }

    [Fact]
    public void ATemplateWithoutThemesIsRefused()
    {
        var violation = OnlyViolation(Templates.Numbered());

        Assert.Equal("themes", violation.Path);
        Assert.Equal("a template needs at least one theme.", violation.Message);
    }

    [Fact]
    public void AnEmptyQuestionTextIsRefusedForItsLanguage()
    {
        var spec = Templates.Valid().WithQuestion(1, 0, q => q with { Text = Templates.Text(("en", "Who is accountable?"), ("fr", "  ")) });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[1].questions[0].text.fr", violation.Path);
        Assert.Equal("the text is empty.", violation.Message);
    }

    [Fact]
    public void AnEmptyThemeTitleIsRefused()
    {
        var spec = Templates.Valid().WithTheme(0, t => t with { Title = Templates.Text(("en", ""), ("fr", "But")) });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[0].title.en", violation.Path);
        Assert.Equal("the text is empty.", violation.Message);
    }

    [Fact]
    public void AQuestionMissingADeclaredLanguageIsRefused()
    {
        var spec = Templates.Valid().WithQuestion(0, 1, q => q with { Text = LocalizedText.English("What is the system for?") });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[0].questions[1].text", violation.Path);
        Assert.Equal("there is no 'fr' text.", violation.Message);
    }

    [Fact]
    public void ARationaleMissingADeclaredLanguageIsRefused()
    {
        var spec = Templates.Valid().WithTheme(2, t => t with { Rationale = Templates.Text(("fr", "Pourquoi")) });

        var violation = OnlyViolation(spec);

        Assert.Equal("themes[2].rationale", violation.Path);
        Assert.Equal("there is no 'en' text.", violation.Message);
    }

    [Fact]
    public void ATextInALanguageTheTemplateDoesNotDeclareIsRefused()
    {
        var spec = Templates.Valid() with
        {
            Title = Templates.Text(("en", "Co-Governance"), ("fr", "Cogouvernance"), ("de", "Mitbestimmung")),
        };

        var violation = OnlyViolation(spec);

        Assert.Equal("title.de", violation.Path);
        Assert.Equal("'de' is not one of the template's languages (en, fr).", violation.Message);
    }

    [Fact]
    public void ASourceInAnUndeclaredLanguageIsRefused()
    {
        var spec = Templates.Valid() with
        {
            Source = Templates.Text(("en", "PSI"), ("fr", "ISP"), ("es", "ISP")),
        };

        var violation = OnlyViolation(spec);

        Assert.Equal("source.es", violation.Path);
    }

    [Theory]
    [InlineData("FR")]
    [InlineData("french")]
    [InlineData("fr_FR")]
    [InlineData("fr-fr")]
    [InlineData("")]
    public void AnInvalidLanguageTagIsRefused(string tag)
    {
        var spec = Templates.Valid() with { Languages = ["en", tag] };

        var violation = ViolationAt(spec, "languages[1]");

        Assert.Equal($"'{tag}' is not a language tag such as 'en', 'fr' or 'pt-BR'.", violation.Message);
    }

    [Theory]
    [InlineData("pt-BR")]
    [InlineData("fil")]
    public void RegionalAndThreeLetterLanguageTagsAreAccepted(string tag)
    {
        var spec = Templates.Valid() with { Languages = ["en", tag] };

        Assert.DoesNotContain(QuestionnaireTemplate.Check(spec), v => v.Path.StartsWith("languages", StringComparison.Ordinal));
    }

    [Fact]
    public void ALanguageListedTwiceIsRefused()
    {
        var spec = Templates.Valid() with { Languages = ["en", "fr", "en"] };

        var violation = OnlyViolation(spec);

        Assert.Equal("languages[2]", violation.Path);
        Assert.Equal("language 'en' is listed twice.", violation.Message);
    }

    [Fact]
    public void ATemplateWithoutLanguagesIsRefused()
    {
        var spec = Templates.Valid() with { Languages = [] };

        var violation = ViolationAt(spec, "languages");

        Assert.Equal("list at least one language, such as [en].", violation.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AVersionBelowOneIsRefused(int version)
    {
        var violation = OnlyViolation(Templates.Valid() with { Version = version });

        Assert.Equal("version", violation.Path);
        Assert.Equal($"the version must be 1 or more, not {version}.", violation.Message);
    }

    [Theory]
    [InlineData("PSI Guide")]
    [InlineData("")]
    public void AnInvalidTemplateKeyIsRefused(string key)
    {
        var violation = OnlyViolation(Templates.Valid() with { Key = key });

        Assert.Equal("key", violation.Path);
        Assert.Equal($"'{key}' is not a valid template key: use lowercase letters, digits and single hyphens.", violation.Message);
    }

    [Fact]
    public void EveryViolationIsReportedAtOnce()
    {
        var spec = (Templates.Numbered([1, 2, 3], [4, 6], [7]) with { Version = 0 })
            .WithTheme(2, t => t with { Key = "purpose" })
            .WithQuestion(0, 1, q => q with { Text = Templates.Text(("en", " "), ("fr", "Quoi ?")) });

        var violations = QuestionnaireTemplate.Check(spec);

        // Gaps are found against the whole numbering, so they are reported after the walk through the themes.
        Assert.Equal(
            ["version", "themes[0].questions[1].text.en", "themes[2].key", "themes[1].questions[1].number"],
            violations.Select(v => v.Path));
    }

    [Fact]
    public void CreateThrowsWithEveryViolationAndBuildsNothing()
    {
        var spec = Templates.Numbered([1, 2, 3], [4, 6], [7]) with { Version = 0 };

        var refusal = Assert.Throws<DomainRuleException>(() => QuestionnaireTemplate.Create(spec));

        Assert.Equal(QuestionnaireTemplate.Check(spec), refusal.Violations);
        Assert.Equal(2, refusal.Violations.Count);
        Assert.Contains("version: the version must be 1 or more, not 0.", refusal.Message);
        Assert.Contains("themes[1].questions[1].number: the numbering has a gap: question 5 is missing before question 6.", refusal.Message);
    }
}
