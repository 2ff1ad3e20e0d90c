using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>The workers' side reviews an answer: accept, ask for clarification or challenge it.</summary>
public sealed partial class AssessmentTests
{
    [Fact]
    public void TheWorkersSideAcceptsAnAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(2);
        _world.Answer(assessment, 2);

        assessment.Accept(2, _world.As(_world.Rep), _world.Tick());

        Assert.Equal(QuestionState.Accepted, assessment.Question(2).State);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Accepted, entry.Kind);
        Assert.Equal("Tomasz Nowak", entry.ActorName);
        Assert.Equal(2, entry.QuestionNumber);
        Assert.Equal("", entry.Text);
    }

    [Fact]
    public void ManagementCannotAcceptItsOwnAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(2);
        _world.Answer(assessment, 2);

        AssertRefused(assessment,
            () => assessment.Accept(2, _world.As(_world.Manager), _world.Tick()),
            "Only the workers' side can accept the answer to question 2; Priya Nair is on the management side.");
    }

    [Fact]
    public void ManagementCannotAskForClarification()
    {
        var assessment = _world.OpenByStewardAndSend(2);
        _world.Answer(assessment, 2);

        AssertRefused(assessment,
            () => assessment.RequestClarification(2, "Unclear.", _world.As(_world.Director), _world.Tick(), _world.Rules),
            "Only the workers' side can ask for clarification on question 2; Helen Marsh is on the management side.");
    }

    [Fact]
    public void ManagementCannotChallengeAnAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(2);
        _world.Answer(assessment, 2);

        AssertRefused(assessment,
            () => assessment.Challenge(2, "Wrong.", _world.As(_world.Director), _world.Tick(), _world.Organisation),
            "Only the workers' side can challenge the answer to question 2; Helen Marsh is on the management side.");
    }

    [Fact]
    public void AQuestionCannotBeAcceptedBeforeItIsAnswered()
    {
        var assessment = _world.OpenByStewardAndSend(2);

        AssertRefused(assessment,
            () => assessment.Accept(2, _world.As(_world.Steward), _world.Tick()),
            "Question 2 is Sent (awaiting an answer); it cannot be accepted now.");
    }

    [Fact]
    public void AQuestionCannotBeSentBackForClarificationBeforeItIsAnswered()
    {
        var assessment = _world.OpenByStewardAndSend(2);

        AssertRefused(assessment,
            () => assessment.RequestClarification(2, "Unclear.", _world.As(_world.Steward), _world.Tick(), _world.Rules),
            "Question 2 is Sent (awaiting an answer); it cannot be sent back for clarification now.");
    }

    [Fact]
    public void ADraftCannotBeChallenged()
    {
        var assessment = _world.Open();

        AssertRefused(assessment,
            () => assessment.Challenge(2, "Wrong.", _world.As(_world.Steward), _world.Tick(), _world.Organisation),
            "Question 2 is a draft (not sent yet); it cannot be challenged now.");
    }

    [Fact]
    public void AnAcceptedAnswerCannotBeChallengedLater()
    {
        var assessment = _world.OpenByStewardAndSend(2);
        _world.Answer(assessment, 2);
        _world.Accept(assessment, 2);

        AssertRefused(assessment,
            () => assessment.Challenge(2, "On reflection, no.", _world.As(_world.Steward), _world.Tick(), _world.Organisation),
            "Question 2 is Accepted; it cannot be challenged now.");
    }

    [Fact]
    public void AClarificationRequestSendsTheQuestionBackAndItCanBeAnsweredAgain()
    {
        var assessment = _world.OpenByStewardAndSend(5);
        _world.Answer(assessment, 5);

        assessment.RequestClarification(5, " Who overrides the rota at night? ", _world.As(_world.Steward), _world.Tick(), _world.Rules);

        Assert.Equal(QuestionState.ClarificationRequested, assessment.Question(5).State);
        Assert.Equal(LogEntryKind.ClarificationRequested, assessment.Log[^1].Kind);
        Assert.Equal("Who overrides the rota at night?", assessment.Log[^1].Text);

        assessment.Answer(5, "The night site manager.", _world.As(_world.Manager), _world.Tick());

        Assert.Equal(QuestionState.Answered, assessment.Question(5).State);
        Assert.Equal("The night site manager.", assessment.Question(5).LatestAnswer);
        Assert.Equal(
            ["Answer to question 5.", "The night site manager."],
            assessment.Log.Where(e => e.Kind == LogEntryKind.Answered).Select(e => e.Text));
    }

    [Fact]
    public void AClarificationRequestNeedsToSayWhatIsUnclear()
    {
        var assessment = _world.OpenByStewardAndSend(5);
        _world.Answer(assessment, 5);

        AssertRefused(assessment,
            () => assessment.RequestClarification(5, "", _world.As(_world.Steward), _world.Tick(), _world.Rules),
            "Say what is unclear in the answer to question 5.");
    }

    [Fact]
    public void AChallengeNeedsGrounds()
    {
        var assessment = _world.OpenByStewardAndSend(5);
        _world.Answer(assessment, 5);

        AssertRefused(assessment,
            () => assessment.Challenge(5, " ", _world.As(_world.Steward), _world.Tick(), _world.Organisation),
            "Give the grounds for challenging the answer to question 5.");
    }
}
