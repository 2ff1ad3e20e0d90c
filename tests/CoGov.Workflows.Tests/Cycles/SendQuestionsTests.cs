using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Cycles;

/// <summary>Sending every draft is asked for by name; an empty list, what a form with nothing ticked posts, sends nothing.</summary>
public sealed class SendQuestionsTests
{
    [Fact]
    public async Task EveryDraftSendsEveryQuestionOfTheCycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), await app.UserAsync(Amara));

        var cycle = await app.CycleAsync(Screening, 1);
        Assert.All(cycle.Questions, q => Assert.Equal(QuestionState.Sent, q.State));
    }

    [Fact]
    public async Task AnEmptyListIsRefusedAndSendsNothing()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new SendQuestions(Key, Screening, 1, []), amara));

        Assert.Equal(["Choose at least one question to send."], refused.Errors[nameof(SendQuestions.Questions)].Select(p => p.ToString()));
        var cycle = await app.CycleAsync(Screening, 1);
        Assert.All(cycle.Questions, q => Assert.Equal(QuestionState.Draft, q.State));
    }
}
