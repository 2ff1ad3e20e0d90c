using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>
/// Reassigning (the workers' side routes a question to another manager) and delegating (the assignee asks another
/// manager to answer, and stays accountable).
/// </summary>
public sealed class ReassignAndDelegateTests
{
    private readonly World _world = new();

    private void Reassign(Assessment assessment, int number, Person to) =>
        assessment.Reassign(number, to, $"{to.Name} owns this part of the system.", _world.As(_world.Steward), _world.Tick());

    private void Delegate(Assessment assessment, int number, Person to) =>
        assessment.Delegate(number, to, $"{to.Name} runs it day to day.", _world.As(_world.Manager), _world.Tick());

    // ---- Reassign ----

    [Fact]
    public void TheWorkersSideReassignsASentQuestionAndTheDeadlineStands()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var item = assessment.Question(1);
        var (sentAt, deadline) = (item.SentAt, item.Deadline);
        var at = _world.Tick();

        assessment.Reassign(1, _world.UnseatedManager, "  Daniel runs the rota system.  ", _world.As(_world.Rep), at);

        Assert.Equal(QuestionState.Sent, item.State);
        Assert.Equal(_world.UnseatedManager.Id, item.AssigneeId);
        Assert.Equal(deadline, item.Deadline);
        Assert.Equal(sentAt, item.SentAt);
        Assert.Equal(_world.Steward.Id, item.SentById);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Reassigned, entry.Kind);
        Assert.Equal(1, entry.QuestionNumber);
        Assert.Equal("Tomasz Nowak", entry.ActorName);
        Assert.Equal(at, entry.At);
        Assert.Equal("Reassigned to Daniel Reyes: Daniel runs the rota system.", entry.Text);
    }

    [Fact]
    public void TheNewAssigneeAnswersAndTheOldOneNoLongerCan()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Reassign(assessment, 1, _world.UnseatedManager);

        AssertRefused(assessment,
            () => assessment.Answer(1, "Still mine.", _world.As(_world.Manager), _world.Tick()),
            "Only its accountable manager or their delegate can answer question 1; Priya Nair is not.");
        assessment.Answer(1, "The rota is built overnight.", _world.As(_world.UnseatedManager), _world.Tick());

        Assert.Equal(QuestionState.Answered, assessment.Question(1).State);
        Assert.Equal("Daniel Reyes", assessment.Log[^1].ActorName);
    }

    [Fact]
    public void ReassigningClearsTheDelegate()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Delegate(assessment, 1, _world.UnseatedManager);

        Reassign(assessment, 1, _world.Director);

        var item = assessment.Question(1);
        Assert.Equal(_world.Director.Id, item.AssigneeId);
        Assert.Null(item.DelegateId);
        AssertRefused(assessment,
            () => assessment.Answer(1, "I was asked to answer.", _world.As(_world.UnseatedManager), _world.Tick()),
            "Only its accountable manager or their delegate can answer question 1; Daniel Reyes is not.");
    }

    [Fact]
    public void AQuestionAwaitingClarificationCanBeReassignedAndStaysThere()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        _world.Clarify(assessment, 1);
        var deadline = assessment.Question(1).Deadline;

        Reassign(assessment, 1, _world.UnseatedManager);

        Assert.Equal(QuestionState.ClarificationRequested, assessment.Question(1).State);
        Assert.Equal(deadline, assessment.Question(1).Deadline);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);
    }

    [Fact]
    public void ManagementCannotReassignAQuestion()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Reassign(1, _world.UnseatedManager, "Daniel knows better.", _world.As(_world.Manager), _world.Tick()),
            "Only the workers' side can reassign question 1; Priya Nair is on the management side.");
    }

    [Fact]
    public void AQuestionCannotBeReassignedToSomeoneOnTheWorkersSide()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.Rep),
            "Tomasz Nowak is on the workers' side; question 1 must go to a named accountable manager on the management side.");
    }

    [Fact]
    public void AQuestionCannotBeReassignedToAManagerOfAnotherOrganisation()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.OutsideManager),
            "Oscar Lind is not part of this organisation; question 1 can only go to one of its accountable managers.");
    }

    [Fact]
    public void AReassignmentNeedsAReason()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Reassign(1, _world.UnseatedManager, "  ", _world.As(_world.Steward), _world.Tick()),
            "Give the reason for reassigning question 1.");
    }

    [Fact]
    public void AQuestionCannotBeReassignedToTheManagerItIsRoutedTo()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.Manager),
            "Question 1 is already routed to Priya Nair.");
    }

    [Fact]
    public void ADraftCannotBeReassigned()
    {
        var assessment = _world.Open(_world.Steward);

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.UnseatedManager),
            "Question 1 is a draft (not sent yet); it cannot be reassigned now.");
    }

    [Fact]
    public void AnAnsweredQuestionCannotBeReassigned()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.UnseatedManager),
            "Question 1 is Answered (awaiting review); it cannot be reassigned now.");
    }

    [Fact]
    public void AQuestionReassignedBeforeSaysSoWhenRefusedLater()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Reassign(assessment, 1, _world.UnseatedManager);
        assessment.Answer(1, "Done.", _world.As(_world.UnseatedManager), _world.Tick());

        AssertRefused(assessment,
            () => Reassign(assessment, 1, _world.Director),
            "Question 1 is Answered (awaiting review); it cannot be reassigned again.");
    }

    // ---- Delegate ----

    [Fact]
    public void TheAssigneeDelegatesAndStaysAccountable()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var deadline = assessment.Question(1).Deadline;
        var at = _world.Tick();

        assessment.Delegate(1, _world.UnseatedManager, "Daniel runs the system day to day.", _world.As(_world.Manager), at);

        var item = assessment.Question(1);
        Assert.Equal(QuestionState.Sent, item.State);
        Assert.Equal(_world.Manager.Id, item.AssigneeId);
        Assert.Equal(_world.UnseatedManager.Id, item.DelegateId);
        Assert.Equal(deadline, item.Deadline);
        Assert.True(item.IsAnswerer(_world.Manager.Id));
        Assert.True(item.IsAnswerer(_world.UnseatedManager.Id));
        Assert.False(item.IsAnswerer(_world.Director.Id));
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Delegated, entry.Kind);
        Assert.Equal("Priya Nair", entry.ActorName);
        Assert.Equal("Delegated to Daniel Reyes: Daniel runs the system day to day.", entry.Text);
    }

    [Fact]
    public void TheDelegateMayAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Delegate(assessment, 1, _world.UnseatedManager);

        assessment.Answer(1, "ShiftWise builds the rota; ward managers check it.", _world.As(_world.UnseatedManager), _world.Tick());

        Assert.Equal(QuestionState.Answered, assessment.Question(1).State);
        Assert.Equal("ShiftWise builds the rota; ward managers check it.", assessment.Question(1).LatestAnswer);
        Assert.Equal("Daniel Reyes", assessment.Log[^1].ActorName);
    }

    [Fact]
    public void TheAssigneeMayStillAnswerAfterDelegating()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Delegate(assessment, 1, _world.UnseatedManager);

        assessment.Answer(1, "I answered it myself in the end.", _world.As(_world.Manager), _world.Tick());

        Assert.Equal(QuestionState.Answered, assessment.Question(1).State);
        Assert.Equal("Priya Nair", assessment.Log[^1].ActorName);
    }

    [Fact]
    public void TheDelegateCannotDelegateFurther()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Delegate(assessment, 1, _world.UnseatedManager);

        AssertRefused(assessment,
            () => assessment.Delegate(1, _world.Director, "Helen decides.", _world.As(_world.UnseatedManager), _world.Tick()),
            "Only its accountable manager can delegate question 1; Daniel Reyes is not.");
    }

    [Fact]
    public void TheWorkersSideCannotDelegate()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Delegate(1, _world.UnseatedManager, "Daniel knows.", _world.As(_world.Steward), _world.Tick()),
            "Only its accountable manager can delegate question 1; Amara Okafor is not.");
    }

    [Fact]
    public void AnotherManagerCannotDelegateForTheAssignee()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Delegate(1, _world.UnseatedManager, "Daniel knows.", _world.As(_world.Director), _world.Tick()),
            "Only its accountable manager can delegate question 1; Helen Marsh is not.");
    }

    [Fact]
    public void DelegatingToSomeoneWhoCanAlreadyAnswerIsRefused()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment, () => Delegate(assessment, 1, _world.Manager), "Priya Nair can already answer question 1.");
        Delegate(assessment, 1, _world.UnseatedManager);
        AssertRefused(assessment, () => Delegate(assessment, 1, _world.UnseatedManager), "Daniel Reyes can already answer question 1.");
    }

    [Fact]
    public void DelegatingAgainReplacesTheDelegate()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        Delegate(assessment, 1, _world.UnseatedManager);

        Delegate(assessment, 1, _world.Director);

        Assert.Equal(_world.Director.Id, assessment.Question(1).DelegateId);
        AssertRefused(assessment,
            () => assessment.Answer(1, "Mine.", _world.As(_world.UnseatedManager), _world.Tick()),
            "Only its accountable manager or their delegate can answer question 1; Daniel Reyes is not.");
    }

    [Fact]
    public void AQuestionCannotBeDelegatedToSomeoneOnTheWorkersSide()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => Delegate(assessment, 1, _world.Worker),
            "Kwame Asante is on the workers' side; question 1 must go to a named accountable manager on the management side.");
    }

    [Fact]
    public void AQuestionCannotBeDelegatedToAManagerOfAnotherOrganisation()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => Delegate(assessment, 1, _world.OutsideManager),
            "Oscar Lind is not part of this organisation; question 1 can only go to one of its accountable managers.");
    }

    [Fact]
    public void ADelegationNeedsAReason()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        AssertRefused(assessment,
            () => assessment.Delegate(1, _world.UnseatedManager, "", _world.As(_world.Manager), _world.Tick()),
            "Give the reason for delegating question 1.");
    }

    [Fact]
    public void AnAnsweredQuestionCannotBeDelegated()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);

        AssertRefused(assessment,
            () => Delegate(assessment, 1, _world.UnseatedManager),
            "Question 1 is Answered (awaiting review); it cannot be delegated now.");
    }

    [Fact]
    public void AQuestionAwaitingClarificationCanBeDelegated()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        _world.Answer(assessment, 1);
        _world.Clarify(assessment, 1);

        Delegate(assessment, 1, _world.UnseatedManager);
        assessment.Answer(1, "Night shifts are built the same way.", _world.As(_world.UnseatedManager), _world.Tick());

        Assert.Equal(QuestionState.Answered, assessment.Question(1).State);
    }

    // ---- Outsiders ----

    public static TheoryData<string> NewChanges => ["Reassign", "Delegate", "RequestExtension", "DecideExtension", "RemindNow"];

    [Theory]
    [MemberData(nameof(NewChanges))]
    public void SomeoneOfAnotherOrganisationCannotMakeTheNewChanges(string method)
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var at = _world.Tick();
        Action change = method switch
        {
            "Reassign" => () => assessment.Reassign(1, _world.UnseatedManager, "Daniel owns it.", _world.Outsider, at),
            "Delegate" => () => assessment.Delegate(1, _world.UnseatedManager, "Daniel runs it.", _world.Outsider, at),
            "RequestExtension" => () => assessment.RequestExtension(1, 5, "Audit.", _world.Outsider, at, _world.Rules),
            "DecideExtension" => () => assessment.DecideExtension(1, true, null, _world.Outsider, at, _world.Rules),
            "RemindNow" => () => assessment.RemindNow(1, _world.Outsider, at),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };

        AssertRefused(assessment, change, "Oscar Lind is not part of the organisation this cycle belongs to.");
    }
}
