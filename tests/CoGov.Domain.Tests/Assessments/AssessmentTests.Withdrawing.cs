using CoGov.Domain.Assessments;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>Withdrawing a question the workers' side no longer needs answered.</summary>
public sealed partial class AssessmentTests
{
    [Fact]
    public void ADraftCanBeWithdrawn()
    {
        var assessment = _world.Open();

        assessment.Withdraw(3, "Covered by the data protection review.", _world.As(_world.Steward), _world.Tick());

        Assert.Equal(QuestionState.Withdrawn, assessment.Question(3).State);
        Assert.Equal(LogEntryKind.Withdrawn, assessment.Log[^1].Kind);
        Assert.Equal("Covered by the data protection review.", assessment.Log[^1].Text);
    }

    [Fact]
    public void ASentQuestionCanBeWithdrawn()
    {
        var assessment = _world.OpenByStewardAndSend(3);

        _world.Withdraw(assessment, 3);

        Assert.Equal(QuestionState.Withdrawn, assessment.Question(3).State);
    }

    [Fact]
    public void AQuestionAwaitingClarificationCanBeWithdrawn()
    {
        var assessment = _world.OpenByStewardAndSend(3);
        _world.Answer(assessment, 3);
        _world.Clarify(assessment, 3);

        _world.Withdraw(assessment, 3);

        Assert.Equal(QuestionState.Withdrawn, assessment.Question(3).State);
    }

    [Fact]
    public void AnAnsweredQuestionCannotBeWithdrawn()
    {
        var assessment = _world.OpenByStewardAndSend(3);
        _world.Answer(assessment, 3);

        AssertRefused(assessment,
            () => assessment.Withdraw(3, "No longer needed.", _world.As(_world.Steward), _world.Tick()),
            "Question 3 is Answered (awaiting review); it cannot be withdrawn now.");
    }

    [Fact]
    public void ManagementCannotWithdrawAQuestion()
    {
        var assessment = _world.OpenByStewardAndSend(3);

        AssertRefused(assessment,
            () => assessment.Withdraw(3, "We would rather not.", _world.As(_world.Manager), _world.Tick()),
            "Only the workers' side can withdraw question 3; Priya Nair is on the management side.");
    }

    [Fact]
    public void AWithdrawalNeedsAReason()
    {
        var assessment = _world.OpenByStewardAndSend(3);

        AssertRefused(assessment,
            () => assessment.Withdraw(3, "\t", _world.As(_world.Steward), _world.Tick()),
            "Give the reason for withdrawing question 3.");
    }

    [Fact]
    public void AWithdrawnQuestionCannotBeSentOrAnswered()
    {
        var assessment = _world.OpenByStewardAndSend(3);
        _world.Withdraw(assessment, 3);

        AssertRefused(assessment,
            () => assessment.Send(3, _world.Manager, _world.Now.AddDays(7), _world.As(_world.Steward), _world.Now, _world.Rules),
            "Question 3 is Withdrawn; it cannot be sent again.");
        AssertRefused(assessment,
            () => assessment.Answer(3, "Late answer.", _world.As(_world.Manager), _world.Tick()),
            "Question 3 is Withdrawn; it cannot be answered now.");
    }
}
