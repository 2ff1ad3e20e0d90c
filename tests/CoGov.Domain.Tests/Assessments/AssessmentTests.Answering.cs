using CoGov.Domain.Assessments;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>Answering a question: only its manager, only when it waits on them.</summary>
public sealed partial class AssessmentTests
{
    [Fact]
    public void TheAssigneeAnswers()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var at = _world.Tick();

        assessment.Answer(1, "  The rota is built by ShiftWise and checked by ward managers.  ", _world.As(_world.Manager), at);

        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Answered, item.State);
        Assert.Equal("The rota is built by ShiftWise and checked by ward managers.", item.LatestAnswer);
        Assert.Equal(at, item.AnsweredAt);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Answered, entry.Kind);
        Assert.Equal("Priya Nair", entry.ActorName);
        Assert.Equal("The rota is built by ShiftWise and checked by ward managers.", entry.Text);
    }

    [Fact]
    public void AnotherManagerCannotAnswerForTheAssignee()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Answer(1, "I can answer that.", _world.As(_world.Director), _world.Tick()),
            "Only its accountable manager or their delegate can answer question 1; Helen Marsh is not.");
    }

    [Fact]
    public void TheWorkersSideCannotAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Answer(1, "We think it is fine.", _world.As(_world.Steward), _world.Tick()),
            "Only its accountable manager or their delegate can answer question 1; Amara Okafor is not.");
    }

    [Fact]
    public void ADraftCannotBeAnswered()
    {
        var assessment = _world.Open();

        AssertRefused(assessment,
            () => assessment.Answer(1, "Early answer.", _world.As(_world.Manager), _world.Tick()),
            "Question 1 is a draft (not sent yet); it cannot be answered now.");
    }

    [Fact]
    public void AnEmptyAnswerIsRefused()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Answer(1, "   ", _world.As(_world.Manager), _world.Tick()),
            "The answer to question 1 is empty.");
    }

    [Fact]
    public void AnsweringAnAnsweredQuestionIsRefused()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);

        AssertRefused(assessment,
            () => assessment.Answer(1, "A second thought.", _world.As(_world.Manager), _world.Tick()),
            "Question 1 is Answered (awaiting review); it cannot be answered again.");
    }

    [Fact]
    public void AnsweringAnAcceptedQuestionIsRefusedAndChangesNothing()
    {
        var assessment = _world.OpenByStewardAndSend(7);
        _world.Answer(assessment, 7);
        _world.Accept(assessment, 7);

        AssertRefused(assessment,
            () => assessment.Answer(7, "Actually, more detail.", _world.As(_world.Manager), _world.Tick()),
            "Question 7 is Accepted; it cannot be answered again.");
    }
}
