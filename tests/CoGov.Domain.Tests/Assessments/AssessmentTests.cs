using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using static CoGov.Domain.Tests.Refusals;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>
/// Opening a cycle and moving its questions: who may do what, and in which state. Opening is here; each other move
/// has a file of its own (AssessmentTests.Sending.cs and so on).
/// </summary>
public sealed partial class AssessmentTests
{
    private readonly World _world = new();

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
    public void OnlyTheWorkersSideMayOpenACycleAndAManagerIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => _world.Open(_world.Manager));

        Assert.Equal("Only the workers' side opens an assessment of a system; Priya Nair is on the management side.", refusal.Message);
        Assert.False(Assessment.MayOpen(_world.As(_world.Manager)));
        Assert.True(Assessment.MayOpen(_world.As(_world.Steward)));
        Assert.True(Assessment.MayOpen(_world.As(_world.Worker)));
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

    [Fact]
    public void OpeningOnAnotherOrganisationsOwnTemplateIsRefused()
    {
        var theirs = QuestionnaireTemplate.Create(Templates.Valid() with { Version = 2 }, _world.OtherOrganisation.Id);

        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, theirs, 1, _world.Manager, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal("psi-co-governance version 2 is another organisation's own questionnaire.", refusal.Message);
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
}
