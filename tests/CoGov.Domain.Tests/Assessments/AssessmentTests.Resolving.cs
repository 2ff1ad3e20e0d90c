using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>A challenge on the committee's agenda and the resolution a chair records.</summary>
public sealed partial class AssessmentTests
{
    [Fact]
    public void AChallengePutsTheQuestionOnTheCommitteesAgenda()
    {
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);

        assessment.Challenge(6, "The answer names no one who can override the rota.", _world.As(_world.Worker), _world.Tick(), _world.Organisation);

        Assert.Equal(QuestionState.Challenged, assessment.Question(6).State);
        Assert.Equal(LogEntryKind.Challenged, assessment.Log[^1].Kind);
        Assert.Equal("The answer names no one who can override the rota.", assessment.Log[^1].Text);
    }

    public static TheoryData<string> Chairs => ["amara", "helen"];

    [Theory]
    [MemberData(nameof(Chairs))]
    public void EitherChairRecordsTheCommitteesResolution(string chairKey)
    {
        var chair = _world.Organisation.FindPerson(chairKey)!;
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);
        _world.Challenge(assessment, 6);

        assessment.RecordResolution(6, "Night managers may override; the vendor adds an override log.", _world.As(chair), _world.Tick());

        Assert.Equal(QuestionState.Resolved, assessment.Question(6).State);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.Resolved, entry.Kind);
        Assert.Equal(chair.Name, entry.ActorName);
        Assert.Equal("Night managers may override; the vendor adds an override log.", entry.Text);
    }

    public static TheoryData<string> NonChairs => ["tomasz", "priya", "kwame", "daniel"];

    [Theory]
    [MemberData(nameof(NonChairs))]
    public void OnlyAChairCanRecordAResolution(string personKey)
    {
        var person = _world.Organisation.FindPerson(personKey)!;
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);
        _world.Challenge(assessment, 6);

        AssertRefused(assessment,
            () => assessment.RecordResolution(6, "Resolved.", _world.As(person), _world.Tick()),
            $"Only a chair of the joint committee can record the committee's resolution of question 6; {person.Name} is not.");
    }

    [Fact]
    public void AnUnchallengedAnswerCannotBeResolved()
    {
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);

        AssertRefused(assessment,
            () => assessment.RecordResolution(6, "Resolved.", _world.As(_world.Steward), _world.Tick()),
            "Question 6 is Answered (awaiting review); it cannot be resolved now.");
    }

    [Fact]
    public void AResolutionCannotBeRecordedTwice()
    {
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);
        _world.Challenge(assessment, 6);
        _world.Resolve(assessment, 6);

        AssertRefused(assessment,
            () => assessment.RecordResolution(6, "Resolved again.", _world.As(_world.Director), _world.Tick()),
            "Question 6 is Resolved by the committee; it cannot be resolved again.");
    }

    [Fact]
    public void AChallengedQuestionCannotBeAcceptedOrWithdrawn()
    {
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);
        _world.Challenge(assessment, 6);

        AssertRefused(assessment,
            () => assessment.Accept(6, _world.As(_world.Steward), _world.Tick()),
            "Question 6 is Challenged (on the committee's agenda); it cannot be accepted now.");
        AssertRefused(assessment,
            () => assessment.Withdraw(6, "Never mind.", _world.As(_world.Steward), _world.Tick()),
            "Question 6 is Challenged (on the committee's agenda); it cannot be withdrawn now.");
    }

    [Fact]
    public void AResolutionNeedsText()
    {
        var assessment = _world.OpenByStewardAndSend(6);
        _world.Answer(assessment, 6);
        _world.Challenge(assessment, 6);

        AssertRefused(assessment,
            () => assessment.RecordResolution(6, "", _world.As(_world.Steward), _world.Tick()),
            "The committee's resolution of question 6 is empty.");
    }
}
