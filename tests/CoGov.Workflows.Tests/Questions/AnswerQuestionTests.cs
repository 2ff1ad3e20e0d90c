using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Questions;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Questions;

/// <summary>Evidence listed with an answer is checked by the command itself, so a client of the API is held to it as a page is.</summary>
public sealed class AnswerQuestionTests
{
    private const string DanielReyes = "daniel.reyes@riverside-hospital.example";

    [Fact]
    public async Task AnAnswerListingEvidenceThatIsNotAWebAddressIsRefusedByLinkAndNotRecorded()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var daniel = await app.UserAsync(DanielReyes);
        var answer = AnswerEvidence.AppendTo("Staff can ask for a review.", ["https://intranet.example/policy", "javascript:alert(1)"], "Evidence:");

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new AnswerQuestion(Key, "rostering", 2, 6, answer), daniel));

        Assert.Equal(["Evidence link 2 is not a web address starting with https:// or http://: javascript:alert(1)"], refused.Errors[nameof(AnswerQuestion.Answer)].Select(p => p.ToString()));
        Assert.Equal(QuestionState.Sent, (await app.CycleAsync("rostering", 2)).Question(6).State);
    }

    [Fact]
    public async Task AnAnswerListingWebAddressesIsRecorded()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var answer = AnswerEvidence.AppendTo("Staff can ask for a review.", ["https://intranet.example/policy", "http://example.org/minutes?id=4"], "Evidence:");

        await app.SendAsync(new AnswerQuestion(Key, "rostering", 2, 6, answer), await app.UserAsync(DanielReyes));

        Assert.Equal(answer, (await app.CycleAsync("rostering", 2)).Question(6).LatestAnswer);
    }
}
