using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Tests.Organisations;

public sealed class JointCommitteeTests
{
    private static Organisation NewOrganisation() =>
        new("riverside-hospital", "Riverside Municipal Hospital", null, "GB", "en", "Joint Committee");

    [Fact]
    public void TheTestOrganisationsCommitteeIsBalanced()
    {
        var committee = new World().Organisation.Committee;

        Assert.True(committee.IsBalanced);
        Assert.Null(committee.ParityProblem);
        Assert.Equal(2, committee.SeatsOf(Side.Workers).Count());
        Assert.Equal(2, committee.SeatsOf(Side.Management).Count());
    }

    [Fact]
    public void ASeatBelongsToTheSideOfThePersonHoldingIt()
    {
        var world = new World();

        var seat = world.Organisation.Committee.SeatOf(world.Director.Id);

        Assert.NotNull(seat);
        Assert.Equal(Side.Management, seat.Side);
        Assert.Equal(CommitteeRole.Chair, seat.Role);
        Assert.Equal(world.Organisation.Committee.Id, seat.CommitteeId);
        Assert.Null(world.Organisation.Committee.SeatOf(world.Worker.Id));
    }

    [Fact]
    public void APersonCanHoldOnlyOneSeat()
    {
        var world = new World();

        var refusal = Assert.Throws<DomainRuleException>(() => world.Organisation.SeatOnCommittee(world.Rep, CommitteeRole.Member));

        Assert.Equal("Tomasz Nowak already holds a seat on Joint Committee on Algorithmic Systems.", refusal.Message);
        Assert.Equal(4, world.Organisation.Committee.Seats.Count);
    }

    [Fact]
    public void EachSideHasOnlyOneChair()
    {
        var world = new World();

        var refusal = Assert.Throws<DomainRuleException>(() => world.Organisation.SeatOnCommittee(world.Worker, CommitteeRole.Chair));

        Assert.Equal("Joint Committee on Algorithmic Systems already has a chair for the workers' side.", refusal.Message);
        Assert.Null(world.Organisation.Committee.SeatOf(world.Worker.Id));
    }

    [Fact]
    public void TheOtherSideCanStillSeatItsChair()
    {
        var organisation = NewOrganisation();
        var steward = organisation.AddPerson("amara", "Amara Okafor", Side.Workers, "Steward", "a@example.org");
        var director = organisation.AddPerson("helen", "Helen Marsh", Side.Management, "Director", "h@example.org");
        organisation.SeatOnCommittee(steward, CommitteeRole.Chair);

        organisation.SeatOnCommittee(director, CommitteeRole.Chair);

        Assert.Equal(2, organisation.Committee.Seats.Count(s => s.Role == CommitteeRole.Chair));
    }

    [Fact]
    public void APersonOfAnotherOrganisationCannotSitOnTheCommittee()
    {
        var world = new World();

        var refusal = Assert.Throws<DomainRuleException>(() => world.Organisation.SeatOnCommittee(world.OutsideManager, CommitteeRole.Member));

        Assert.Equal("Oscar Lind is not a person of Riverside Municipal Hospital and cannot sit on its committee.", refusal.Message);
        Assert.Null(world.Organisation.Committee.SeatOf(world.OutsideManager.Id));
        Assert.Equal(4, world.Organisation.Committee.Seats.Count);
    }

    [Fact]
    public void AnEmptyCommitteeHasNoChairForTheWorkers()
    {
        var committee = NewOrganisation().Committee;

        Assert.False(committee.IsBalanced);
        Assert.Equal("Joint Committee has no chair for the workers' side; each side chairs jointly.", committee.ParityProblem?.ToString());
    }

    [Fact]
    public void UnequalSeatsBreakParity()
    {
        var organisation = NewOrganisation();
        organisation.SeatOnCommittee(organisation.AddPerson("amara", "Amara", Side.Workers, "", ""), CommitteeRole.Chair);
        organisation.SeatOnCommittee(organisation.AddPerson("tomasz", "Tomasz", Side.Workers, "", ""), CommitteeRole.Member);
        organisation.SeatOnCommittee(organisation.AddPerson("helen", "Helen", Side.Management, "", ""), CommitteeRole.Chair);

        Assert.False(organisation.Committee.IsBalanced);
        Assert.Equal(
            "Joint Committee must give both sides equal seats; the workers' side has 2 and the management side 1.",
            organisation.Committee.ParityProblem?.ToString());
    }

    [Fact]
    public void EqualSeatsWithoutAManagementChairBreakParity()
    {
        var organisation = NewOrganisation();
        organisation.SeatOnCommittee(organisation.AddPerson("amara", "Amara", Side.Workers, "", ""), CommitteeRole.Chair);
        organisation.SeatOnCommittee(organisation.AddPerson("helen", "Helen", Side.Management, "", ""), CommitteeRole.Member);

        Assert.False(organisation.Committee.IsBalanced);
        Assert.Equal("Joint Committee has no chair for the management side; each side chairs jointly.", organisation.Committee.ParityProblem?.ToString());
    }

    [Fact]
    public void EqualSeatsAndAChairEachMakeABalancedCommittee()
    {
        var organisation = NewOrganisation();
        organisation.SeatOnCommittee(organisation.AddPerson("amara", "Amara", Side.Workers, "", ""), CommitteeRole.Chair);
        organisation.SeatOnCommittee(organisation.AddPerson("helen", "Helen", Side.Management, "", ""), CommitteeRole.Chair);

        Assert.True(organisation.Committee.IsBalanced);
        Assert.Null(organisation.Committee.ParityProblem);
    }

    [Theory]
    [InlineData(Side.Workers, "the workers' side")]
    [InlineData(Side.Management, "the management side")]
    public void SidesAreDescribedAsTheCommitteeSaysThem(Side side, string description)
    {
        Assert.Equal(description, side.Describe().ToString());
    }
}
