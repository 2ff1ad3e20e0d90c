using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>The reassessment that follows a signed-off cycle, pre-filled with the answers the previous cycle settled.</summary>
public sealed class NextCycleTests
{
    private readonly World _world = new();

    /// <summary>
    /// Cycle 1, signed off by both sides: 1-5 accepted, 6 challenged and resolved by the committee, 7 answered then
    /// withdrawn while back for clarification, 8 withdrawn as a draft.
    /// </summary>
    private Assessment SignedOffFirstCycle()
    {
        var assessment = _world.Open(_world.Steward);
        _world.Send(assessment, 1, 2, 3, 4, 5, 6, 7);
        _world.Answer(assessment, 1, 2, 3, 4, 5, 6, 7);
        _world.Accept(assessment, 1, 2, 3, 4, 5);
        _world.Challenge(assessment, 6);
        _world.Resolve(assessment, 6);
        _world.Clarify(assessment, 7);
        _world.Withdraw(assessment, 7, 8);
        _world.SignOff(assessment);
        _world.Countersign(assessment);
        Assert.True(assessment.IsReadOnly);
        return assessment;
    }

    private Assessment OpenNext(Assessment previous, AlgorithmicSystem? system = null, QuestionnaireTemplate? template = null)
    {
        var at = _world.Tick();
        return Assessment.OpenNext(_world.Organisation, system ?? _world.Rostering, template ?? _world.Template, previous, _world.Manager, at, at.AddDays(90));
    }

    [Fact]
    public void TheNextCycleIsNumberedOneMoreAndOpenedByCoGov()
    {
        var previous = SignedOffFirstCycle();

        var next = OpenNext(previous);

        Assert.Equal(2, next.Cycle);
        Assert.NotEqual(previous.Id, next.Id);
        Assert.Equal(AssessmentState.Open, next.State);
        Assert.Equal(_world.Rostering.Id, next.SystemId);
        Assert.Equal(_world.Manager.Id, next.AccountableManagerId);
        Assert.All(next.Questions, q => Assert.Equal(QuestionState.Draft, q.State));
        Assert.All(next.Questions, q => Assert.Equal(next.Id, q.AssessmentId));
        Assert.All(next.Questions, q => Assert.Null(q.LatestAnswer));
        var entry = Assert.Single(next.Log);
        Assert.Equal(LogEntryKind.Opened, entry.Kind);
        Assert.Equal("CoGov", entry.ActorName);
        Assert.Null(entry.ActorPersonId);
        Assert.StartsWith("Cycle 2 of ShiftWise Rostering opened with 8 questions", entry.Text);
    }

    [Fact]
    public void AcceptedAnswersAreCarriedOver()
    {
        var next = OpenNext(SignedOffFirstCycle());

        Assert.All(next.Questions.Where(q => q.Number <= 5), q =>
        {
            Assert.Equal($"Answer to question {q.Number}.", q.CarriedOverAnswer);
            Assert.Equal(1, q.CarriedOverFromCycle);
        });
    }

    [Fact]
    public void AnAnswerTheCommitteeResolvedIsCarriedOver()
    {
        var next = OpenNext(SignedOffFirstCycle());

        var resolved = next.Question(6);
        Assert.NotNull(resolved.CarriedOverAnswer);
        Assert.Equal(1, resolved.CarriedOverFromCycle);
    }

    [Fact]
    public void WithdrawnQuestionsCarryNothingOverEvenWhenTheyHadBeenAnswered()
    {
        var next = OpenNext(SignedOffFirstCycle());

        Assert.All(new[] { next.Question(7), next.Question(8) }, q =>
        {
            Assert.Null(q.CarriedOverAnswer);
            Assert.Null(q.CarriedOverFromCycle);
        });
    }

    [Fact]
    public void SendingACarriedOverQuestionAsksToConfirmOrUpdateIt()
    {
        var next = OpenNext(SignedOffFirstCycle());
        var at = _world.Tick();
        var due = Utc(2025, 6, 2, 9);

        next.Send(1, _world.Manager, due, _world.As(_world.Steward), at, _world.Rules);
        next.Send(8, _world.Manager, due, _world.As(_world.Steward), at, _world.Rules);

        Assert.Equal(
            "Sent to Priya Nair, answer due 2025-06-02 09:00 UTC. Carried over from cycle 1: confirm or update the answer settled then.",
            next.Log[^2].Text);
        Assert.Equal("Sent to Priya Nair, answer due 2025-06-02 09:00 UTC.", next.Log[^1].Text);
    }

    [Fact]
    public void TheThirdCycleCarriesOverFromTheSecond()
    {
        var second = OpenNext(SignedOffFirstCycle());
        _world.SendAll(second);
        _world.Answer(second, World.AllNumbers(second));
        _world.Accept(second, World.AllNumbers(second));
        _world.SignOff(second);
        _world.Countersign(second);

        var third = OpenNext(second);

        Assert.Equal(3, third.Cycle);
        Assert.All(third.Questions, q =>
        {
            Assert.Equal($"Answer to question {q.Number}.", q.CarriedOverAnswer);
            Assert.Equal(2, q.CarriedOverFromCycle);
        });
    }

    [Fact]
    public void ARenumberedNewVersionCarriesEachAnswerToTheQuestionWithItsKey()
    {
        var previous = SignedOffFirstCycle();
        // Version 1's questions have no keys in the file, so they are question-1 to question-8. Version 2 puts a new
        // question first: version 1's question N is question N + 1 now, under its old key.
        var spec = Templates.Numbered([1, 2, 3, 4], [5, 6, 7], [8, 9]) with { Version = 2 };
        spec = spec with
        {
            Themes = [.. spec.Themes.Select(t => t with
            {
                Questions = [.. t.Questions.Select(q => q with { Key = q.Number == 1 ? "new-first-question" : $"question-{q.Number - 1}" })],
            })],
        };
        var revised = QuestionnaireTemplate.Create(spec, previous: _world.Template);

        var next = OpenNext(previous, template: revised);

        var carried = next.Questions.ToDictionary(q => q.Number, q => q.CarriedOverAnswer);
        Assert.Equal(9, carried.Count);
        Assert.Equal("new-first-question", next.Questions[0].QuestionKey);
        Assert.Null(carried[1]);
        // Version 1's questions 1-5 were accepted and 6 resolved by the committee; 7 and 8 were withdrawn.
        Assert.All(Enumerable.Range(2, 6), number => Assert.Equal($"Answer to question {number - 1}.", carried[number]));
        Assert.Null(carried[8]);
        Assert.Null(carried[9]);
    }

    [Fact]
    public void NothingIsCarriedOverIntoADifferentQuestionnaire()
    {
        var previous = SignedOffFirstCycle();
        var other = QuestionnaireTemplate.Create(Templates.Valid() with { Key = "data-lifecycle-at-work" });

        var next = OpenNext(previous, template: other);

        Assert.Equal(2, next.Cycle);
        Assert.All(next.Questions, q => Assert.Null(q.CarriedOverAnswer));
    }

    [Fact]
    public void ACycleSignedOffOnlyByManagementHasNoSuccessorYet()
    {
        var previous = _world.SettledAssessment();
        _world.SignOff(previous);

        var refusal = Assert.Throws<DomainRuleException>(() => OpenNext(previous));

        Assert.Equal(
            "Cycle 1 of ShiftWise Rostering is not signed off by both sides yet; the next cycle opens after that.",
            refusal.Message);
    }

    [Fact]
    public void AnOpenCycleHasNoSuccessorYet()
    {
        var previous = _world.OpenByStewardAndSend(1);

        var refusal = Assert.Throws<DomainRuleException>(() => OpenNext(previous));

        Assert.StartsWith("Cycle 1 of ShiftWise Rostering is not signed off by both sides yet", refusal.Message);
    }

    [Fact]
    public void TheNextCycleMustBeForTheSameSystem()
    {
        var previous = SignedOffFirstCycle();
        var screening = new AlgorithmicSystem(_world.Organisation.Id, "cv-screening", "CandidateMatch", "Screens CVs.", "In-house team",
            Sourcing.InHouse, null, [], "HR");

        var refusal = Assert.Throws<DomainRuleException>(() => OpenNext(previous, system: screening));

        Assert.Equal("Cycle 1 is not a cycle of CandidateMatch.", refusal.Message);
    }

    [Fact]
    public void TheNextCycleCannotGoToAManagerOnTheWorkersSide()
    {
        var previous = SignedOffFirstCycle();
        var at = _world.Tick();

        var refusal = Assert.Throws<DomainRuleException>(() =>
            Assessment.OpenNext(_world.Organisation, _world.Rostering, _world.Template, previous, _world.Steward, at, at.AddDays(90)));

        Assert.Equal("Amara Okafor cannot be the cycle's accountable manager: that must be a manager of Riverside Municipal Hospital.", refusal.Message);
    }
}
