using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>Sending a question: to whom, by whom, with which deadline.</summary>
public sealed partial class AssessmentTests
{
    [Fact]
    public void SendingRoutesTheQuestionToTheAssigneeWithItsDeadline()
    {
        var assessment = _world.Open(_world.Steward);
        var at = _world.Tick();

        assessment.Send(4, _world.Manager, at.AddDays(7), _world.As(_world.Steward), at, _world.Rules);

        var item = assessment.Question(4);
        Assert.Equal(QuestionState.Sent, item.State);
        Assert.Equal(_world.Manager.Id, item.AssigneeId);
        Assert.Equal(at, item.SentAt);
        Assert.Equal(at.AddDays(7), item.Deadline);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);
        Assert.Equal(at, assessment.LastActivityAt);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Sent, entry.Kind);
        Assert.Equal(4, entry.QuestionNumber);
        Assert.Equal("Sent to Priya Nair, answer due 2025-03-10 10:00 UTC.", entry.Text);
    }

    [Fact]
    public void TheSentEntryStatesTheDeadlineInUtcWhenTheDeadlineIsGivenInAnotherOffset()
    {
        var assessment = _world.Open(_world.Steward);
        var at = _world.Tick();
        var deadlineInParis = new DateTimeOffset(2025, 3, 10, 17, 0, 0, TimeSpan.FromHours(1));

        assessment.Send(4, _world.Manager, deadlineInParis, _world.As(_world.Steward), at, _world.Rules);

        Assert.Equal(deadlineInParis.ToUniversalTime(), assessment.Question(4).Deadline);
        Assert.Equal(TimeSpan.Zero, assessment.Question(4).Deadline!.Value.Offset);
        Assert.Equal("Sent to Priya Nair, answer due 2025-03-10 16:00 UTC.", assessment.Log[^1].Text);
    }

    [Fact]
    public void TheOpenedEntryWritesItsDueDateInTheGregorianCalendarWhateverTheCulture()
    {
        using var _ = new CultureScope("th-TH");

        var assessment = _world.Open(_world.Steward);

        Assert.EndsWith("due 2025-05-02 09:00 UTC.", assessment.Log[0].Text);
    }

    [Fact]
    public void TheSentEntryWritesItsDeadlineInTheGregorianCalendarWhateverTheCulture()
    {
        var assessment = _world.Open(_world.Steward);
        var at = _world.Tick();
        using var _ = new CultureScope("th-TH");

        assessment.Send(4, _world.Manager, at.AddDays(7), _world.As(_world.Steward), at, _world.Rules);

        Assert.Equal("Sent to Priya Nair, answer due 2025-03-10 10:00 UTC.", assessment.Log[^1].Text);
    }

    [Fact]
    public void ManagementCannotSendQuestions()
    {
        var assessment = _world.Open();

        AssertRefused(assessment,
            () => assessment.Send(1, _world.Manager, _world.Now.AddDays(7), _world.As(_world.Director), _world.Now, _world.Rules),
            "Only the workers' side can send question 1; Helen Marsh is on the management side.");
    }

    [Fact]
    public void AWorkersSidePersonWithoutASeatCanSend()
    {
        var assessment = _world.Open();

        assessment.Send(1, _world.Manager, _world.Now.AddDays(7), _world.As(_world.Worker), _world.Now, _world.Rules);

        Assert.Equal(QuestionState.Sent, assessment.Question(1).State);
        Assert.Equal("Kwame Asante", assessment.Log[^1].ActorName);
    }

    [Fact]
    public void AQuestionCannotBeSentToSomeoneOnTheWorkersSide()
    {
        var assessment = _world.Open();

        AssertRefused(assessment,
            () => assessment.Send(2, _world.Rep, _world.Now.AddDays(7), _world.As(_world.Steward), _world.Now, _world.Rules),
            "Tomasz Nowak is on the workers' side; question 2 must go to a named accountable manager on the management side.");
    }

    [Fact]
    public void AQuestionCannotBeSentToAManagerOfAnotherOrganisation()
    {
        var assessment = _world.Open();

        AssertRefused(assessment,
            () => assessment.Send(2, _world.OutsideManager, _world.Now.AddDays(7), _world.As(_world.Steward), _world.Now, _world.Rules),
            "Oscar Lind is not part of this organisation; question 2 can only go to one of its accountable managers.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void TheDeadlineMustBeAfterTheQuestionIsSent(int minutes)
    {
        var assessment = _world.Open();
        var at = _world.Tick();

        AssertRefused(assessment,
            () => assessment.Send(3, _world.Manager, at.AddMinutes(minutes), _world.As(_world.Steward), at, _world.Rules),
            "The deadline for question 3 must be after the moment it is sent.");
    }

    [Fact]
    public void AQuestionCanBeSentOnlyOnce()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Send(1, _world.Director, _world.Now.AddDays(7), _world.As(_world.Steward), _world.Now, _world.Rules),
            "Question 1 is Sent (awaiting an answer); it cannot be sent again.");
    }

    [Fact]
    public void SomeoneOfAnotherOrganisationCannotActOnTheCycle()
    {
        var assessment = _world.Open();
        var outsiderOnTheWorkersSide = _world.Outsider with { Side = Side.Workers };

        AssertRefused(assessment,
            () => assessment.Send(1, _world.Manager, _world.Now.AddDays(7), outsiderOnTheWorkersSide, _world.Now, _world.Rules),
            "Oscar Lind is not part of the organisation this cycle belongs to.");
    }
}
