using CoGov.Domain.Assessments;
using CoGov.Domain.Common;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>A steward's one-click chasing, and what a page may offer to whom.</summary>
public sealed class ChaseNowTests
{
    private readonly World _world = new();

    [Fact]
    public void EscalatingAtOnceGoesToTheManagersSuperiorFirstThenToTheChairs()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        assessment.TakeNotifications();

        assessment.EscalateNow(1, _world.As(_world.Steward), _world.Tick(), _world.Organisation, _world.Rules);
        var first = assessment.TakeNotifications();
        assessment.EscalateNow(1, _world.As(_world.Rep), _world.Tick(), _world.Organisation, _world.Rules);
        var second = assessment.TakeNotifications();

        var entries = assessment.Log.Where(e => e.Kind == LogEntryKind.Escalated).ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith("Escalated by Amara Okafor to Helen Marsh, Priya Nair's superior: the answer is due ", entries[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Escalated by Tomasz Nowak to the committee chairs: ", entries[1].Text, StringComparison.Ordinal);
        Assert.Equal([_world.Director.Id, _world.Manager.Id], first.Select(n => n.RecipientPersonId));
        Assert.Equal(
            new[] { _world.Steward.Id, _world.Director.Id, _world.Manager.Id }.Order(),
            second.Select(n => n.RecipientPersonId).Order());
        // Each counts as a step of the escalation chain: the policy's schedule goes on from the next.
        Assert.Equal(2, assessment.Question(1).EscalationLevel);
    }

    [Fact]
    public void OnlyTheWorkersSideEscalatesAndOnlyWhileManagementOwesAnAnswer()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        var byManagement = Assert.Throws<DomainRuleException>(
            () => assessment.EscalateNow(1, _world.As(_world.Director), _world.Tick(), _world.Organisation, _world.Rules));
        _world.Answer(assessment, 1);
        var answered = Assert.Throws<DomainRuleException>(
            () => assessment.EscalateNow(1, _world.As(_world.Steward), _world.Tick(), _world.Organisation, _world.Rules));

        Assert.Equal("Only the workers' side can escalate question 1; Helen Marsh is on the management side.", byManagement.Message);
        Assert.Equal("Question 1 is not waiting on an answer from management; there is nothing to escalate.", answered.Message);
        Assert.DoesNotContain(assessment.Log, e => e.Kind == LogEntryKind.Escalated);
    }

    [Fact]
    public void ChasingIsOfferedToTheWorkersSideWhileAnAnswerIsOwed()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        Assert.True(assessment.CanChase(1, _world.As(_world.Steward)));
        Assert.False(assessment.CanChase(1, _world.As(_world.Manager)));
        _world.Answer(assessment, 1);
        Assert.False(assessment.CanChase(1, _world.As(_world.Steward)));
    }

    [Fact]
    public void SigningOffIsOfferedToTheAccountableManagerOnceEverythingIsSettledThenCountersigningToTheWorkersCommitteeMembers()
    {
        var assessment = _world.Open(_world.Steward);
        _world.SendAll(assessment);
        Assert.False(assessment.CanSignOff(_world.As(_world.Manager)));

        _world.Answer(assessment, World.AllNumbers(assessment));
        _world.Accept(assessment, World.AllNumbers(assessment));

        Assert.True(assessment.CanSignOff(_world.As(_world.Manager)));
        Assert.False(assessment.CanSignOff(_world.As(_world.Director)));
        Assert.False(assessment.CanCountersign(_world.As(_world.Steward)));
        _world.SignOff(assessment);
        Assert.False(assessment.CanSignOff(_world.As(_world.Manager)));
        Assert.True(assessment.CanCountersign(_world.As(_world.Steward)));
        Assert.True(assessment.CanCountersign(_world.As(_world.Rep)));
        // On the workers' side but without a committee seat.
        Assert.False(assessment.CanCountersign(_world.As(_world.Worker)));
        _world.Countersign(assessment);
        Assert.False(assessment.CanCountersign(_world.As(_world.Rep)));
    }
}
