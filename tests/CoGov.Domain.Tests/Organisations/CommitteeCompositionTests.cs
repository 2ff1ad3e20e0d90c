using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Tests.Organisations;

/// <summary>Changing the joint committee's seats as a whole, with parity and one chair a side checked on the result.</summary>
public sealed class CommitteeCompositionTests
{
    private readonly World _world = new();

    private Organisation Organisation => _world.Organisation;

    private (Person, CommitteeRole) Chair(Person person) => (person, CommitteeRole.Chair);

    private (Person, CommitteeRole) Member(Person person) => (person, CommitteeRole.Member);

    [Fact]
    public void ANewBalancedCompositionReplacesTheSeatsAndSaysWhatChanged()
    {
        var repSeat = Organisation.Committee.SeatOf(_world.Rep.Id)!;

        var changes = Organisation.ChangeCommittee([Chair(_world.Rep), Member(_world.Worker), Chair(_world.Director), Member(_world.UnseatedManager)]);

        Assert.True(Organisation.Committee.IsBalanced);
        Assert.Equal(4, Organisation.Committee.Seats.Count);
        Assert.Null(Organisation.Committee.SeatOf(_world.Steward.Id));
        Assert.Null(Organisation.Committee.SeatOf(_world.Manager.Id));
        // A kept seat stays the same seat, with its new role.
        Assert.Same(repSeat, Organisation.Committee.SeatOf(_world.Rep.Id));
        Assert.Equal(CommitteeRole.Chair, repSeat.Role);
        Assert.Equal(
            [
                "Amara Okafor no longer holds a seat",
                "Priya Nair no longer holds a seat",
                "Tomasz Nowak is now chair",
                "Kwame Asante seated as member for the workers' side",
                "Daniel Reyes seated as member for the management side",
            ],
            changes);
    }

    [Fact]
    public void TheSameCompositionChangesNothing()
    {
        var changes = Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Rep), Chair(_world.Director), Member(_world.Manager)]);

        Assert.Empty(changes);
        Assert.Equal(4, Organisation.Committee.Seats.Count);
    }

    [Fact]
    public void ACompositionWithUnequalSidesIsRefusedAndNothingChanges()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Rep), Member(_world.Worker), Chair(_world.Director), Member(_world.Manager)]));

        Assert.Equal("Joint Committee on Algorithmic Systems must give both sides equal seats; the workers' side has 3 and the management side 2.", refusal.Message);
        Assert.Null(Organisation.Committee.SeatOf(_world.Worker.Id));
        Assert.Equal(4, Organisation.Committee.Seats.Count);
    }

    [Fact]
    public void ACompositionWithoutAChairForASideIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Rep), Member(_world.Director), Member(_world.Manager)]));

        Assert.Equal("Joint Committee on Algorithmic Systems has no chair for the management side; each side chairs jointly.", refusal.Message);
        Assert.Equal(CommitteeRole.Chair, Organisation.Committee.SeatOf(_world.Director.Id)!.Role);
    }

    [Fact]
    public void TwoChairsForOneSideAreRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Chair(_world.Rep), Chair(_world.Director), Member(_world.Manager)]));

        Assert.Equal("Joint Committee on Algorithmic Systems can have only one chair for the workers' side.", refusal.Message);
    }

    [Fact]
    public void AnEmptyCommitteeIsRefusedForWantOfChairs()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Organisation.ChangeCommittee([]));

        Assert.Equal("Joint Committee on Algorithmic Systems has no chair for the workers' side; each side chairs jointly.", refusal.Message);
        Assert.Equal(4, Organisation.Committee.Seats.Count);
    }

    [Fact]
    public void APersonListedTwiceIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Steward), Chair(_world.Director), Member(_world.Manager)]));

        Assert.Equal("Amara Okafor is given more than one seat on Joint Committee on Algorithmic Systems.", refusal.Message);
    }

    [Fact]
    public void APersonOfAnotherOrganisationCannotBeSeated()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Chair(_world.OutsideManager)]));

        Assert.Equal("Oscar Lind is not a person of Riverside Municipal Hospital and cannot sit on its committee.", refusal.Message);
    }

    [Fact]
    public void ARetiredPersonCannotBeSeated()
    {
        Organisation.RetirePerson(_world.Worker, namedByPolicy: false, _world.Now);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Worker), Chair(_world.Director), Member(_world.Manager)]));

        Assert.Equal("Kwame Asante is retired and cannot be given a seat on Joint Committee on Algorithmic Systems.", refusal.Message);
    }

    [Fact]
    public void ASeatHolderCanBeRetiredOnceTheCompositionLeavesThemOut()
    {
        Organisation.ChangeCommittee([Chair(_world.Steward), Member(_world.Worker), Chair(_world.Director), Member(_world.Manager)]);

        Organisation.RetirePerson(_world.Rep, namedByPolicy: false, _world.Now);

        Assert.True(_world.Rep.IsRetired);
    }
}
