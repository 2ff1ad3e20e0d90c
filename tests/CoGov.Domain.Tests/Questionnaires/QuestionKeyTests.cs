using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;

namespace CoGov.Domain.Tests.Questionnaires;

/// <summary>The stable key each question answers to across a template's versions, given in the file or taken.</summary>
public sealed class QuestionKeyTests
{
    private static QuestionnaireTemplateSpec Keyed(QuestionnaireTemplateSpec spec, Func<int, string?> keyOf) => spec with
    {
        Themes = [.. spec.Themes.Select(t => t with { Questions = [.. t.Questions.Select(q => q with { Key = keyOf(q.Number) })] })],
    };

    [Fact]
    public void AQuestionKeepsTheKeyItsFileGivesIt()
    {
        var template = QuestionnaireTemplate.Create(Keyed(Templates.Valid(), n => $"topic-{(char)('a' + n - 1)}"));

        Assert.Equal("topic-a", template.Questions.Single(q => q.Number == 1).Key);
        Assert.Equal("topic-h", template.Questions.Single(q => q.Number == 8).Key);
    }

    [Fact]
    public void WithoutKeysAFirstVersionsQuestionsAreKeyedByNumber()
    {
        var template = QuestionnaireTemplate.Create(Templates.Valid());

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"question-{n}"), template.Questions.Select(q => q.Key));
    }

    [Fact]
    public void AQuestionWithoutAKeyTakesTheKeyOfItsNumberInTheVersionBefore()
    {
        var first = QuestionnaireTemplate.Create(Keyed(Templates.Valid(), n => $"topic-{n}"));
        // Version 2 keeps the numbering, gives question 3 a new key and adds question 9 with none.
        var spec = Keyed(Templates.Numbered([1, 2, 3], [4, 5, 6], [7, 8, 9]) with { Version = 2 }, n => n == 3 ? "a-new-topic" : null);

        var second = QuestionnaireTemplate.Create(spec, previous: first);

        Assert.Equal(["topic-1", "topic-2", "a-new-topic", "topic-4", "topic-5", "topic-6", "topic-7", "topic-8", "question-9"],
            second.Questions.Select(q => q.Key));
    }

    [Fact]
    public void AQuestionKeyIsAKey()
    {
        var violation = Assert.Single(QuestionnaireTemplate.Check(Templates.Valid().WithQuestion(1, 0, q => q with { Key = "Who Is Accountable" })));

        Assert.Equal("themes[1].questions[0].key", violation.Path);
        Assert.Equal("'Who Is Accountable' is not a valid question key: use lowercase letters, digits and single hyphens.", violation.Message);
    }

    [Fact]
    public void TwoQuestionsCannotShareAKey()
    {
        var spec = Templates.Valid().WithQuestion(0, 1, q => q with { Key = "accountable-managers" }).WithQuestion(1, 2, q => q with { Key = "accountable-managers" });

        var violation = Assert.Single(QuestionnaireTemplate.Check(spec));

        Assert.Equal("themes[1].questions[2].key", violation.Path);
        Assert.Equal("question key 'accountable-managers' is used twice (also by question 2).", violation.Message);
    }

    [Fact]
    public void AKeyTakenByNumberMustNotBeAKeyTheFileGivesAnotherQuestion()
    {
        // Question 5 is given the key question 2 would take by number.
        var spec = Templates.Valid().WithQuestion(1, 1, q => q with { Key = "question-2" });

        var violation = Assert.Single(QuestionnaireTemplate.Check(spec));

        Assert.Equal("themes[0].questions[1].key", violation.Path);
        Assert.Equal("question 2 has no key, so it would be 'question-2', which question 5 already is: give question 2 a key of its own.", violation.Message);
        Assert.Throws<DomainRuleException>(() => QuestionnaireTemplate.Create(spec));
    }
}
