using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>Opening a cycle and moving its questions: who may do what, and in which state.</summary>
public sealed class AssessmentTests
{
    private readonly World _world = new();

    // ---- Open ----

    [Fact]
    public void OpenCreatesOneDraftItemPerTemplateQuestionWithItsTheme()
    {
        var assessment = _world.Open(_world.Steward);

        Assert.Equal(AssessmentState.Open, assessment.State);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], assessment.Questions.Select(q => q.Number));
        Assert.All(assessment.Questions, q => Assert.Equal(QuestionState.Draft, q.State));
        Assert.All(assessment.Questions, q => Assert.Equal(assessment.Id, q.AssessmentId));
        Assert.All(assessment.Questions, q => Assert.Null(q.AssigneeId));
        Assert.Equal(
            ["purpose", "purpose", "purpose", "accountability", "accountability", "accountability", "redress", "redress"],
            assessment.Questions.Select(q => q.ThemeKey));
    }

    [Fact]
    public void OpenRecordsTheCycleAndWritesOneOpenedEntry()
    {
        var assessment = _world.Open(_world.Steward);

        Assert.Equal(_world.Organisation.Id, assessment.OrganisationId);
        Assert.Equal(_world.Rostering.Id, assessment.SystemId);
        Assert.Equal(_world.Template.Id, assessment.TemplateId);
        Assert.Equal("psi-co-governance", assessment.TemplateKey);
        Assert.Equal(1, assessment.TemplateVersion);
        Assert.Equal(1, assessment.Cycle);
        Assert.Equal(World.Start, assessment.OpenedAt);
        Assert.Equal(World.Start.AddDays(60), assessment.DueAt);
        Assert.Equal(World.Start, assessment.LastActivityAt);
        Assert.Equal(_world.Manager.Id, assessment.AccountableManagerId);
        Assert.False(assessment.IsReadOnly);
        Assert.Empty(assessment.SignOffs);

        var entry = Assert.Single(assessment.Log);
        Assert.Equal(LogEntryKind.Opened, entry.Kind);
        Assert.Equal(1, entry.Sequence);
        Assert.Null(entry.QuestionNumber);
        Assert.Equal("Amara Okafor", entry.ActorName);
        Assert.Equal(_world.Steward.Id, entry.ActorPersonId);
        Assert.Equal(
            "Cycle 1 of ShiftWise Rostering opened with 8 questions of Co-Governance of Algorithmic Systems (version 1), due 2025-05-02 09:00 UTC.",
            entry.Text);
        Assert.Equal(1, assessment.LogLength);
        Assert.Equal(entry.Hash, assessment.LogHeadHash);
    }

    [Fact]
    public void ACycleOpenedOnScheduleIsLoggedAsCoGov()
    {
        var assessment = _world.Open(openedBy: null);

        var entry = Assert.Single(assessment.Log);
        Assert.Equal("CoGov", entry.ActorName);
        Assert.Null(entry.ActorPersonId);
    }

    [Fact]
    public void OpeningForASystemOfAnotherOrganisationIsRefused()
    {
        var foreignSystem = SystemBuilder.Rostering(_world.OtherOrganisation.Id);

        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, foreignSystem, _world.Template, 1, _world.Manager, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal("ShiftWise Rostering is not a system of Riverside Municipal Hospital.", refusal.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void OpeningACycleNumberedBelowOneIsRefused(int cycle)
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, cycle, _world.Manager, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal($"Cycles are numbered from 1; {cycle} is not a cycle number.", refusal.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void OpeningACycleDueNoLaterThanItOpensIsRefused(int days)
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, 1, _world.Manager, _world.Now, _world.Now.AddDays(days), null));

        Assert.StartsWith("The cycle must be due after it opens", refusal.Message);
    }

    [Fact]
    public void TheAccountableManagerOfACycleCannotBeOnTheWorkersSide()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, 1, _world.Steward, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal("Amara Okafor cannot be the cycle's accountable manager: that must be a manager of Riverside Municipal Hospital.", refusal.Message);
    }

    [Fact]
    public void TheAccountableManagerOfACycleCannotBeAManagerOfAnotherOrganisation()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, 1, _world.OutsideManager, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal("Oscar Lind cannot be the cycle's accountable manager: that must be a manager of Riverside Municipal Hospital.", refusal.Message);
    }

    [Fact]
    public void SomeoneOfAnotherOrganisationCannotOpenACycle()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, 1, _world.Manager, _world.Now, _world.Now.AddDays(30), _world.Outsider));

        Assert.Equal("Oscar Lind is not part of Riverside Municipal Hospital.", refusal.Message);
    }

    [Fact]
    public void AskingForAQuestionTheCycleDoesNotHaveIsRefused()
    {
        var assessment = _world.Open();

        AssertRefused(assessment, () => assessment.Question(9), "Cycle 1 has no question 9.");
        AssertRefused(assessment, () => assessment.Send(9, _world.Manager, _world.Now.AddDays(7), _world.As(_world.Steward), _world.Now, _world.Rules),
            "Cycle 1 has no question 9.");
    }

    // ---- Send ----

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

    // ---- Answer ----

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

    // ---- Review: accept, clarify, challenge ----

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

    // ---- Challenge and resolution ----

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

    // ---- Withdraw ----

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
