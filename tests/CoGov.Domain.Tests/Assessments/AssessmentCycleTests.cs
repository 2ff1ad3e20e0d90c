using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>The cycle's state follows its questions; then both sides sign and it becomes read-only.</summary>
public sealed class AssessmentCycleTests
{
    private readonly World _world = new();

    [Fact]
    public void TheCycleStateFollowsItsQuestionsFromOpenToAwaitingSignOff()
    {
        var assessment = _world.Open(_world.Steward);
        Assert.Equal(AssessmentState.Open, assessment.State);

        _world.Send(assessment, 1);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);

        _world.Send(assessment, 2, 3, 4, 5, 6);
        _world.Withdraw(assessment, 7, 8);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);

        _world.Answer(assessment, 1, 2, 3, 4, 5);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);

        _world.Answer(assessment, 6);
        Assert.Equal(AssessmentState.InReview, assessment.State);

        _world.Clarify(assessment, 1);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);

        _world.Answer(assessment, 1);
        Assert.Equal(AssessmentState.InReview, assessment.State);

        _world.Accept(assessment, 1, 2, 3, 4);
        _world.Challenge(assessment, 5);
        Assert.Equal(AssessmentState.InReview, assessment.State);

        _world.Accept(assessment, 6);
        Assert.Equal(AssessmentState.InReview, assessment.State);

        _world.Resolve(assessment, 5);
        Assert.Equal(AssessmentState.AwaitingSignOff, assessment.State);
    }

    [Fact]
    public void WithdrawingADraftBeforeAnythingIsSentLeavesTheCycleOpen()
    {
        var assessment = _world.Open(_world.Steward);

        _world.Withdraw(assessment, 8);

        // Nothing has been sent: the cycle is still "Opened; no question sent yet", not awaiting answers from anyone.
        Assert.DoesNotContain(assessment.Questions, q => q.State.IsWithManagement());
        Assert.Equal(AssessmentState.Open, assessment.State);
    }

    [Fact]
    public void AllAnsweredOrChallengedQuestionsPutTheCycleInReview()
    {
        var assessment = _world.Open(_world.Steward);
        _world.Withdraw(assessment, 3, 4, 5, 6, 7, 8);
        _world.Send(assessment, 1, 2);
        _world.Answer(assessment, 1);
        _world.Challenge(assessment, 1);
        Assert.Equal(AssessmentState.AwaitingAnswers, assessment.State);

        _world.Answer(assessment, 2);

        Assert.Equal(AssessmentState.InReview, assessment.State);
    }

    [Fact]
    public void WithdrawingEveryQuestionSettlesTheCycle()
    {
        var assessment = _world.Open(_world.Steward);

        _world.Withdraw(assessment, World.AllNumbers(assessment));

        Assert.Equal(AssessmentState.AwaitingSignOff, assessment.State);
    }

    [Fact]
    public void SettlingEveryQuestionLeavesTheCycleAwaitingSignOff()
    {
        var assessment = _world.SettledAssessment();

        Assert.Equal(AssessmentState.AwaitingSignOff, assessment.State);
        Assert.All(assessment.Questions, q => Assert.True(q.State.IsSettled()));
        Assert.Null(assessment.ManagementSignOff);
        Assert.False(assessment.IsReadOnly);
    }

    // ---- Sign-off ----

    [Fact]
    public void TheAccountableManagerSignsOffASettledCycle()
    {
        var assessment = _world.SettledAssessment();
        var at = _world.Tick();

        assessment.SignOff("  Management confirms these answers.  ", _world.As(_world.Manager), at);

        var signOff = assessment.ManagementSignOff;
        Assert.NotNull(signOff);
        Assert.Equal(_world.Manager.Id, signOff.PersonId);
        Assert.Equal("Priya Nair", signOff.PersonName);
        Assert.Equal("Management confirms these answers.", signOff.Statement);
        Assert.Equal(at, signOff.SignedAt);
        Assert.Equal(assessment.Id, signOff.AssessmentId);
        Assert.Null(assessment.WorkersCountersignature);
        Assert.Equal(AssessmentState.AwaitingSignOff, assessment.State);
        Assert.False(assessment.IsReadOnly);
        var entry = assessment.Log[^1];
        Assert.Equal(LogEntryKind.SignedOff, entry.Kind);
        Assert.Null(entry.QuestionNumber);
        Assert.Equal("Management confirms these answers.", entry.Text);
    }

    [Fact]
    public void OnlyTheCyclesAccountableManagerCanSignOff()
    {
        var assessment = _world.SettledAssessment();

        AssertRefused(assessment,
            () => assessment.SignOff("Signed.", _world.As(_world.Director), _world.Tick()),
            "Only the cycle's named accountable manager can sign it off for management; Helen Marsh is not.");
        AssertRefused(assessment,
            () => assessment.SignOff("Signed.", _world.As(_world.Steward), _world.Tick()),
            "Only the cycle's named accountable manager can sign it off for management; Amara Okafor is not.");
    }

    [Fact]
    public void SignOffIsRefusedWhileQuestionsAreUnsettledAndListsThem()
    {
        var assessment = _world.Open(_world.Steward);
        _world.Send(assessment, World.AllNumbers(assessment));
        _world.Answer(assessment, World.AllNumbers(assessment));
        _world.Accept(assessment, 1, 3, 4, 6, 7);
        _world.Challenge(assessment, 5);

        AssertRefused(assessment,
            () => assessment.SignOff("Signed.", _world.As(_world.Manager), _world.Tick()),
            "Cycle 1 cannot be signed off yet: questions 2, 5, 8 are neither accepted, resolved by the committee nor withdrawn.");
    }

    [Fact]
    public void SignOffWithOneUnsettledQuestionSaysSoInTheSingular()
    {
        var assessment = _world.Open(_world.Steward);
        _world.Withdraw(assessment, 1, 2, 3, 4, 5, 6, 7);

        AssertRefused(assessment,
            () => assessment.SignOff("Signed.", _world.As(_world.Manager), _world.Tick()),
            "Cycle 1 cannot be signed off yet: question 8 is neither accepted, resolved by the committee nor withdrawn.");
    }

    [Fact]
    public void ACycleIsSignedOffForManagementOnlyOnce()
    {
        var assessment = _world.SettledAssessment();
        _world.SignOff(assessment);

        AssertRefused(assessment,
            () => assessment.SignOff("Signed again.", _world.As(_world.Manager), _world.Tick()),
            "Cycle 1 was already signed off for management by Priya Nair.");
    }

    [Fact]
    public void ASignOffNeedsAStatement()
    {
        var assessment = _world.SettledAssessment();

        AssertRefused(assessment,
            () => assessment.SignOff(" ", _world.As(_world.Manager), _world.Tick()),
            "The sign-off statement is empty.");
    }

    // ---- Countersignature ----

    [Fact]
    public void CountersigningBeforeManagementHasSignedIsRefused()
    {
        var assessment = _world.SettledAssessment();

        AssertRefused(assessment,
            () => assessment.Countersign("Countersigned.", _world.As(_world.Steward), _world.Tick()),
            "Cycle 1 has not been signed off for management yet; it can be countersigned after that.");
    }

    [Fact]
    public void AWorkersSidePersonWithoutASeatCannotCountersign()
    {
        var assessment = _world.SettledAssessment();
        _world.SignOff(assessment);

        AssertRefused(assessment,
            () => assessment.Countersign("Countersigned.", _world.As(_world.Worker), _world.Tick()),
            "Only a workers'-side member of the joint committee can countersign a cycle.");
    }

    [Fact]
    public void AManagementSideChairCannotCountersign()
    {
        var assessment = _world.SettledAssessment();
        _world.SignOff(assessment);

        AssertRefused(assessment,
            () => assessment.Countersign("Countersigned.", _world.As(_world.Director), _world.Tick()),
            "Only a workers'-side member of the joint committee can countersign a cycle.");
    }

    [Fact]
    public void ACountersignatureNeedsAStatement()
    {
        var assessment = _world.SettledAssessment();
        _world.SignOff(assessment);

        AssertRefused(assessment,
            () => assessment.Countersign("", _world.As(_world.Rep), _world.Tick()),
            "The countersignature statement is empty.");
    }

    [Fact]
    public void AWorkersSideCommitteeMemberCountersignsAndTheCycleIsSignedOff()
    {
        var assessment = _world.SettledAssessment();
        _world.SignOff(assessment);
        var at = _world.Tick();

        assessment.Countersign("The workers' side agrees.", _world.As(_world.Rep), at);

        Assert.Equal(AssessmentState.SignedOff, assessment.State);
        Assert.True(assessment.IsReadOnly);
        var countersignature = assessment.WorkersCountersignature;
        Assert.NotNull(countersignature);
        Assert.Equal("Tomasz Nowak", countersignature.PersonName);
        Assert.Equal(at, countersignature.SignedAt);
        Assert.Equal(2, assessment.SignOffs.Count);
        Assert.Equal(LogEntryKind.Countersigned, assessment.Log[^1].Kind);
        Assert.Equal(assessment.LogLength, assessment.Log[^1].Sequence);
    }

    // ---- Read-only after both signatures ----

    public static TheoryData<string> MutatingMethods =>
        ["Send", "Answer", "Accept", "RequestClarification", "Challenge", "RecordResolution", "Withdraw", "SignOff", "Countersign",
         "Reassign", "Delegate", "RequestExtension", "DecideExtension", "RemindNow"];

    [Theory]
    [MemberData(nameof(MutatingMethods))]
    public void ASignedOffCycleIsReadOnlyForEveryChange(string method)
    {
        var assessment = _world.SignedOffAssessment();
        var steward = _world.As(_world.Steward);
        var manager = _world.As(_world.Manager);
        var at = _world.Tick();
        Action change = method switch
        {
            "Send" => () => assessment.Send(1, _world.Manager, at.AddDays(7), steward, at, _world.Rules),
            "Answer" => () => assessment.Answer(1, "More.", manager, at),
            "Accept" => () => assessment.Accept(1, steward, at),
            "RequestClarification" => () => assessment.RequestClarification(1, "Unclear.", steward, at, _world.Rules),
            "Challenge" => () => assessment.Challenge(1, "Wrong.", steward, at, _world.Organisation),
            "RecordResolution" => () => assessment.RecordResolution(1, "Resolved.", steward, at),
            "Withdraw" => () => assessment.Withdraw(1, "Not needed.", steward, at),
            "SignOff" => () => assessment.SignOff("Again.", manager, at),
            "Countersign" => () => assessment.Countersign("Again.", steward, at),
            "Reassign" => () => assessment.Reassign(1, _world.UnseatedManager, "Daniel owns it now.", steward, at),
            "Delegate" => () => assessment.Delegate(1, _world.UnseatedManager, "Daniel runs it.", manager, at),
            "RequestExtension" => () => assessment.RequestExtension(1, 5, "Audit.", manager, at, _world.Rules),
            "DecideExtension" => () => assessment.DecideExtension(1, true, null, steward, at, _world.Rules),
            "RemindNow" => () => assessment.RemindNow(1, steward, at),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };

        var refusal = AssertRefused(assessment, change);

        Assert.Contains("read-only", refusal.Message);
        Assert.StartsWith("Cycle 1 was signed off by both sides on ", refusal.Message);
        Assert.Equal(AssessmentState.SignedOff, assessment.State);
    }

    [Fact]
    public void TheSignedOffCycleStillVerifies()
    {
        var assessment = _world.SignedOffAssessment();

        var verification = assessment.VerifyLog();

        Assert.True(verification.IsIntact);
        Assert.Equal(1 + (8 * 3) + 2, verification.EntryCount);
    }
}
