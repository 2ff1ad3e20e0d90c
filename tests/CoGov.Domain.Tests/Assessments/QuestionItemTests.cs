using CoGov.Domain.Assessments;

namespace CoGov.Domain.Tests.Assessments;

public sealed class QuestionItemTests
{
    private readonly World _world = new();

    [Fact]
    public void TheQuestionGraphNamesEveryQuestionState()
    {
        var dot = QuestionItem.DotGraph();

        Assert.StartsWith("digraph", dot.TrimStart());
        Assert.All(Enum.GetNames<QuestionState>(), state => Assert.Contains(state, dot));
        Assert.All(Enum.GetNames<QuestionTrigger>(), trigger => Assert.Contains(trigger, dot));
    }

    [Fact]
    public void TheCycleGraphNamesEveryCycleState()
    {
        var dot = Assessment.DotGraph();

        Assert.StartsWith("digraph", dot.TrimStart());
        Assert.All(Enum.GetNames<AssessmentState>(), state => Assert.Contains(state, dot));
    }

    [Fact]
    public void TheCycleGraphStartsAtOpen()
    {
        var dot = Assessment.DotGraph();

        // Stateless draws the machine's current state as the initial one: for the graph that must be Open,
        // not an unnamed default value of the enum.
        Assert.DoesNotContain("\"0\"", dot);
        Assert.Contains("-> \"Open\"", dot);
    }

    [Fact]
    public void ASentQuestionIsOverdueOnlyAfterItsDeadline()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var item = assessment.Question(1);
        var deadline = item.Deadline!.Value;

        Assert.False(item.IsOverdue(deadline.AddMinutes(-1)));
        Assert.False(item.IsOverdue(deadline));
        Assert.True(item.IsOverdue(deadline.AddMinutes(1)));
    }

    [Fact]
    public void AQuestionAwaitingClarificationCanBeOverdue()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        _world.Clarify(assessment, 1);
        var item = assessment.Question(1);

        Assert.True(item.IsOverdue(item.Deadline!.Value.AddDays(1)));
    }

    [Fact]
    public void AnAnsweredOrDraftQuestionIsNeverOverdue()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);

        Assert.False(assessment.Question(1).IsOverdue(World.Start.AddYears(1)));
        Assert.False(assessment.Question(2).IsOverdue(World.Start.AddYears(1)));
    }

    [Fact]
    public void CanFireReflectsTheQuestionsState()
    {
        var assessment = _world.Open();
        var item = assessment.Question(1);

        Assert.True(item.CanFire(QuestionTrigger.Send, _world.As(_world.Steward)));
        Assert.True(item.CanFire(QuestionTrigger.Withdraw, _world.As(_world.Steward)));
        Assert.False(item.CanFire(QuestionTrigger.Answer, _world.As(_world.Steward)));
        Assert.False(item.CanFire(QuestionTrigger.Accept, _world.As(_world.Steward)));

        _world.Send(assessment, 1);
        _world.Answer(assessment, 1);

        Assert.True(item.CanFire(QuestionTrigger.Accept, _world.As(_world.Steward)));
        Assert.True(item.CanFire(QuestionTrigger.RequestClarification, _world.As(_world.Steward)));
        Assert.True(item.CanFire(QuestionTrigger.Challenge, _world.As(_world.Steward)));
        Assert.False(item.CanFire(QuestionTrigger.Withdraw, _world.As(_world.Steward)));
        Assert.False(item.CanFire(QuestionTrigger.Resolve, _world.As(_world.Steward)));
    }

    [Theory]
    [InlineData(QuestionState.Accepted, true, false)]
    [InlineData(QuestionState.Resolved, true, false)]
    [InlineData(QuestionState.Withdrawn, true, false)]
    [InlineData(QuestionState.Sent, false, true)]
    [InlineData(QuestionState.ClarificationRequested, false, true)]
    [InlineData(QuestionState.Draft, false, false)]
    [InlineData(QuestionState.Answered, false, false)]
    [InlineData(QuestionState.Challenged, false, false)]
    public void StatesAreSettledOrWithManagement(QuestionState state, bool settled, bool withManagement)
    {
        Assert.Equal(settled, state.IsSettled());
        Assert.Equal(withManagement, state.IsWithManagement());
    }
}
