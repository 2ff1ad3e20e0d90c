using CoGov.Domain.Assessments;
using Stateless.Reflection;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>The machines' own description, which the help page turns into words: it must hold every state and guard.</summary>
public sealed class MachineDescriptionTests
{
    [Fact]
    public void TheQuestionMachineDescribesEveryStateStartingFromDraft()
    {
        var info = QuestionItem.Describe();

        Assert.Equal(QuestionState.Draft, info.InitialState.UnderlyingState);
        Assert.Equal(
            Enum.GetValues<QuestionState>().Order(),
            info.States.Select(s => (QuestionState)s.UnderlyingState).Order());
    }

    [Fact]
    public void TheQuestionMachineNamesWhoMayMakeEachMove()
    {
        var info = QuestionItem.Describe();

        string Who(QuestionState state, QuestionTrigger trigger) => string.Join(" or ", State(info, state).Transitions
            .Where(t => Equals(t.Trigger.UnderlyingTrigger, trigger))
            .SelectMany(t => t.GuardConditionsMethodDescriptions)
            .Select(g => g.Description));

        Assert.Equal("the workers' side", Who(QuestionState.Draft, QuestionTrigger.Send));
        Assert.Equal("its accountable manager or their delegate", Who(QuestionState.Sent, QuestionTrigger.Answer));
        Assert.Equal("its accountable manager", Who(QuestionState.ClarificationRequested, QuestionTrigger.Delegate));
        Assert.Equal("the workers' side", Who(QuestionState.ExtensionRequested, QuestionTrigger.GrantExtension));
        Assert.Equal("a chair of the joint committee", Who(QuestionState.Challenged, QuestionTrigger.Resolve));
        Assert.Empty(State(info, QuestionState.Accepted).Transitions);
    }

    [Fact]
    public void ADecidedRequestForMoreTimeCanReturnTheQuestionToEitherPlaceItStood()
    {
        var grant = State(QuestionItem.Describe(), QuestionState.ExtensionRequested).DynamicTransitions
            .Single(t => Equals(t.Trigger.UnderlyingTrigger, QuestionTrigger.GrantExtension));

        Assert.Equal(
            [(nameof(QuestionState.Sent), "it was sent"), (nameof(QuestionState.ClarificationRequested), "it was back for clarification")],
            grant.PossibleDestinationStates.Select(d => (d.DestinationState, d.Criterion)));
    }

    [Fact]
    public void TheCycleMachineDescribesEveryStateStartingFromOpen()
    {
        var info = Assessment.Describe();

        Assert.Equal(AssessmentState.Open, info.InitialState.UnderlyingState);
        Assert.Equal(
            Enum.GetValues<AssessmentState>().Order(),
            info.States.Select(s => (AssessmentState)s.UnderlyingState).Order());
    }

    [Fact]
    public void TheDescriptionIsTheMachineTheDocumentedGraphIsDrawnFrom()
    {
        Assert.Equal(QuestionItem.DotGraph(), Stateless.Graph.UmlDotGraph.Format(QuestionItem.Describe()));
        Assert.Equal(Assessment.DotGraph(), Stateless.Graph.UmlDotGraph.Format(Assessment.Describe()));
    }

    private static StateInfo State(StateMachineInfo info, QuestionState state) =>
        info.States.Single(s => Equals(s.UnderlyingState, state));
}
