using CoGov.Domain.Assessments;
using CoGov.Workflows.Chasing;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Chasing;

/// <summary>
/// A manager's own list on the demo at its fixed now. Daniel Reyes answers rostering cycle 2's questions 1 to 7 and 13 to
/// 19 and the monitoring cycle's data-analysis questions 5 to 8.
/// </summary>
public sealed class GetMyQuestionsTests
{
    private const string Rostering = "rostering";
    private const string Monitoring = "staff-monitoring";
    private const string Daniel = DemoLogins.Daniel;

    [Fact]
    public async Task AManagersQuestionsComeOverdueFirstThenByDeadlineThenWhatWaitsOnOthersThenWhatIsSettled()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var mine = await app.SendAsync(new GetMyQuestions(Key), await app.UserAsync(Daniel));

        Assert.Equal("Daniel Reyes", mine.PersonName);
        Assert.Equal(
            [
                // Overdue, oldest first: due Tuesday 17 November, then question 3 due at midnight this morning.
                (Rostering, 6), (Rostering, 7), (Rostering, 14), (Rostering, 15), (Rostering, 18), (Rostering, 19), (Rostering, 3),
                // Due at midnight on Monday 30 November.
                (Monitoring, 6), (Monitoring, 7), (Monitoring, 8),
                // Answered, waiting for the workers' side's review.
                (Rostering, 4), (Rostering, 13), (Monitoring, 5),
                // Accepted.
                (Rostering, 1), (Rostering, 2), (Rostering, 5), (Rostering, 16), (Rostering, 17),
            ],
            mine.Questions.Select(q => (q.SystemKey, q.Number)));
        Assert.All(mine.Questions.Take(7), q => Assert.True(q.IsOverdue));
        Assert.All(mine.Questions.Skip(7), q => Assert.False(q.IsOverdue));
        Assert.Equal(TestApp.Now.AddDays(-6), mine.Questions[0].Deadline);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), mine.Questions[7].Deadline);
        // The deadline means something only while the clock runs.
        Assert.All(mine.Questions.Skip(10), q => Assert.Null(q.Deadline));
        Assert.Equal(QuestionState.Answered, mine.Questions[10].State);
        Assert.Equal(QuestionState.Accepted, mine.Questions[^1].State);
        Assert.All(mine.Questions, q => Assert.False(q.AsDelegate));
        Assert.All(mine.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.QuestionText)));
    }

    [Fact]
    public async Task AQuestionDelegatedToAManagerIsOnTheirListAsADelegateAndStaysOnTheAssignees()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var daniel = await app.UserAsync(Daniel);
        await app.SendAsync(new DelegateQuestion(Key, Rostering, 2, 6, "kwame-asante", "Kwame holds the bank-shift data."), daniel);

        var kwame = await app.SendAsync(new GetMyQuestions(Key), await app.UserAsync(Kwame));
        var danielsList = await app.SendAsync(new GetMyQuestions(Key), daniel);

        Assert.Equal([(Rostering, 6, true), (Rostering, 9, false)], kwame.Questions.Select(q => (q.SystemKey, q.Number, q.AsDelegate)));
        Assert.Contains(danielsList.Questions, q => q.SystemKey == Rostering && q.Number == 6 && !q.AsDelegate);
    }

    [Fact]
    public async Task SignedOffCyclesAndDraftsAreNotListed()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var kwame = await app.SendAsync(new GetMyQuestions(Key), await app.UserAsync(Kwame));

        // Kwame answered question 9 of rostering's signed-off cycle 1 too, and is the screening cycle's manager.
        Assert.Equal([(Rostering, 2, 9)], kwame.Questions.Select(q => (q.SystemKey, q.Cycle, q.Number)));
    }

    [Fact]
    public async Task SomeoneWithNothingRoutedToThemOrWhoIsNotOneOfThePeopleGetsAnEmptyList()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var steward = await app.SendAsync(new GetMyQuestions(Key), await app.UserAsync(Amara));
        var admin = await app.SendAsync(new GetMyQuestions(Key), await app.UserAsync(DemoLogins.Admin));

        Assert.Equal("Amara Okafor", steward.PersonName);
        Assert.Empty(steward.Questions);
        Assert.Null(admin.PersonName);
        Assert.Empty(admin.Questions);
    }
}
