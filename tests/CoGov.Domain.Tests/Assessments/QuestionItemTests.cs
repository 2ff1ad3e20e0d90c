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

    // ---- The graph shows who may do what ----

    [Fact]
    public void TheQuestionGraphShowsWhoMayFireEachTrigger()
    {
        var dot = QuestionItem.DotGraph();

        Assert.Contains("\"Draft\" -> \"Sent\" [style=\"solid\", label=\"Send [the workers' side]\"]", dot);
        Assert.Contains("label=\"Answer [its accountable manager or their delegate]\"", dot);
        Assert.Contains("label=\"Delegate [its accountable manager]\"", dot);
        Assert.Contains("label=\"Reassign [the workers' side]\"", dot);
        Assert.Contains("label=\"Resolve [a chair of the joint committee]\"", dot);
    }

    [Fact]
    public void TheQuestionGraphShowsTheExtensionRequestAndWhereItsDecisionLeads()
    {
        var dot = QuestionItem.DotGraph();

        Assert.Contains("\"ExtensionRequested\" [label=\"ExtensionRequested\"]", dot);
        Assert.Contains("\"Sent\" -> \"ExtensionRequested\" [style=\"solid\", label=\"RequestExtension [its accountable manager or their delegate]\"]", dot);
        Assert.Contains("\"ClarificationRequested\" -> \"ExtensionRequested\"", dot);
        Assert.Contains("\"ExtensionRequested\" -> \"Withdrawn\" [style=\"solid\", label=\"Withdraw [the workers' side]\"]", dot);
        Assert.Contains("label=\"GrantExtension [the workers' side]\"", dot);
        Assert.Contains("label=\"RefuseExtension [the workers' side]\"", dot);
        Assert.Contains("label=\"GrantExtension [it was sent]\"", dot);
        Assert.Contains("label=\"GrantExtension [it was back for clarification]\"", dot);
    }

    // ---- Which triggers an actor may fire ----

    [Fact]
    public void AStewardMaySendOrWithdrawADraftAndAManagerNothing()
    {
        var item = _world.Open().Question(1);

        Assert.Equal([QuestionTrigger.Send, QuestionTrigger.Withdraw], item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Manager)));
    }

    [Fact]
    public void ASentQuestionOffersTheStewardReassignOrWithdrawAndTheAssigneeAnswerDelegateOrMoreTime()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var item = assessment.Question(1);

        Assert.Equal([QuestionTrigger.Withdraw, QuestionTrigger.Reassign], item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Equal(
            [QuestionTrigger.Answer, QuestionTrigger.Delegate, QuestionTrigger.RequestExtension],
            item.PermittedTriggers(_world.As(_world.Manager)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Director)));
    }

    [Fact]
    public void TheDelegateMayAnswerOrAskForMoreTimeButNotDelegate()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        assessment.Delegate(1, _world.UnseatedManager, "Daniel runs it.", _world.As(_world.Manager), _world.Tick());
        var item = assessment.Question(1);

        Assert.Equal([QuestionTrigger.Answer, QuestionTrigger.RequestExtension], item.PermittedTriggers(_world.As(_world.UnseatedManager)));
        Assert.False(item.CanFire(QuestionTrigger.Delegate, _world.As(_world.UnseatedManager)));
        Assert.True(item.CanFire(QuestionTrigger.Delegate, _world.As(_world.Manager)));
    }

    [Fact]
    public void WhileMoreTimeIsAskedTheStewardDecidesOrWithdrawsAndTheManagerMayStillAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        assessment.RequestExtension(1, 5, "Waiting for the audit.", _world.As(_world.Manager), _world.Tick(), _world.Rules);
        var item = assessment.Question(1);

        Assert.Equal(
            [QuestionTrigger.Withdraw, QuestionTrigger.GrantExtension, QuestionTrigger.RefuseExtension],
            item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Equal([QuestionTrigger.Answer], item.PermittedTriggers(_world.As(_world.Manager)));
    }

    [Fact]
    public void AnAnsweredQuestionOffersTheStewardItsReviewAndTheManagerNothing()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        var item = assessment.Question(1);

        Assert.Equal(
            [QuestionTrigger.RequestClarification, QuestionTrigger.Accept, QuestionTrigger.Challenge],
            item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Manager)));
    }

    [Fact]
    public void AChallengedQuestionCanBeResolvedOnlyByAChair()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        _world.Challenge(assessment, 1);
        var item = assessment.Question(1);

        Assert.Equal([QuestionTrigger.Resolve], item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Equal([QuestionTrigger.Resolve], item.PermittedTriggers(_world.As(_world.Director)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Rep)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Manager)));
    }

    [Fact]
    public void AnAcceptedQuestionOffersNoOneAnything()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        _world.Accept(assessment, 1);
        var item = assessment.Question(1);

        Assert.Empty(item.PermittedTriggers(_world.As(_world.Steward)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Manager)));
        Assert.Empty(item.PermittedTriggers(_world.As(_world.Director)));
    }

    [Fact]
    public void ExtensionRequestedIsWithTheWorkersSide()
    {
        Assert.True(QuestionState.ExtensionRequested.IsWithWorkers());
        Assert.False(QuestionState.ExtensionRequested.IsWithManagement());
        Assert.False(QuestionState.ExtensionRequested.IsSettled());
    }
}
