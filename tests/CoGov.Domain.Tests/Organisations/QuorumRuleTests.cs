using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Tests.Organisations;

/// <summary>The committee's rule for when it may decide, and how it holds against its seats.</summary>
public sealed class QuorumRuleTests
{
    private readonly World _world = new();

    private Organisation Organisation => _world.Organisation;

    [Fact]
    public void ANewCommitteeDecidesOnlyWithEachSidePresentInEqualNumbers()
    {
        var rule = Organisation.Committee.Quorum;

        Assert.Equal(QuorumRule.EqualRepresentation, rule);
        Assert.Null(rule.ProblemWith(1, 1));
        Assert.Null(rule.ProblemWith(2, 2));
        Assert.Equal(
            "Not quorate: equal representation needs as many present from each side; 2 from the workers' side and 1 from the management side are present.",
            rule.ProblemWith(2, 1)!.ToString());
        Assert.Equal(
            "Not quorate: the rule needs at least 1 present from each side; 0 from the workers' side and 3 from the management side are present.",
            rule.ProblemWith(0, 3)!.ToString());
    }

    [Fact]
    public void ARuleWithoutEqualNumbersStillNeedsItsMinimumFromEachSide()
    {
        var rule = new QuorumRule(2, sidesEqual: false);

        Assert.Null(rule.ProblemWith(3, 2));
        Assert.NotNull(rule.ProblemWith(3, 1));
    }

    [Fact]
    public void AQuorumOfNobodyIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => new QuorumRule(0, sidesEqual: true));

        Assert.Equal("A quorum needs at least one person present from each side; 0 is not enough.", refusal.Message);
    }

    [Fact]
    public void AnAdministratorRaisesTheQuorumUpToTheSeatsASideAndTheChangeIsDescribed()
    {
        var change = Organisation.ChangeQuorum(new QuorumRule(2, sidesEqual: false));

        Assert.Equal("The quorum of Joint Committee on Algorithmic Systems is now at least 2 present from each side, in any proportion", change);
        Assert.Equal(new QuorumRule(2, sidesEqual: false), Organisation.Committee.Quorum);
        Assert.Null(Organisation.ChangeQuorum(new QuorumRule(2, sidesEqual: false)));
    }

    [Fact]
    public void AQuorumAboveTheSeatsASideIsRefusedAndTheRuleStays()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Organisation.ChangeQuorum(new QuorumRule(3, sidesEqual: true)));

        Assert.Equal("Joint Committee on Algorithmic Systems has 2 seats a side, so a quorum of 3 from each side could never be met.", refusal.Message);
        Assert.Equal(QuorumRule.EqualRepresentation, Organisation.Committee.Quorum);
    }

    [Fact]
    public void SeatsFewerThanTheQuorumAreRefusedAndTheSeatsStay()
    {
        Organisation.ChangeQuorum(new QuorumRule(2, sidesEqual: true));

        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([(_world.Steward, CommitteeRole.Chair), (_world.Director, CommitteeRole.Chair)]));

        Assert.Equal("Joint Committee on Algorithmic Systems needs at least 2 present from each side to decide, so its seats cannot drop to 1 a side; lower the quorum first.", refusal.Message);
        Assert.Equal(4, Organisation.Committee.Seats.Count);
    }
}
