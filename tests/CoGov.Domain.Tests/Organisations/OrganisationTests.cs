using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Tests.Organisations;

public sealed class OrganisationTests
{
    private static Organisation NewOrganisation() =>
        new("riverside-hospital", "  Riverside Municipal Hospital ", " Health ", " gb ", " ", "Joint Committee");

    [Fact]
    public void ANewOrganisationIsTidiedAndHasAnEmptyCommitteeOfItsOwn()
    {
        var organisation = NewOrganisation();

        Assert.Equal("riverside-hospital", organisation.Key);
        Assert.Equal("Riverside Municipal Hospital", organisation.Name);
        Assert.Equal("Health", organisation.Sector);
        Assert.Equal("GB", organisation.Country);
        Assert.Equal("en", organisation.Language);
        Assert.Equal("Joint Committee", organisation.Committee.Name);
        Assert.Equal(organisation.Id, organisation.Committee.OrganisationId);
        Assert.Empty(organisation.Committee.Seats);
        Assert.Empty(organisation.People);
    }

    [Fact]
    public void AnOrganisationWithoutSectorOrCountryLeavesThemUnknown()
    {
        var organisation = new Organisation("northgate", "Northgate", "  ", null, "fr", "Comité");

        Assert.Null(organisation.Sector);
        Assert.Null(organisation.Country);
        Assert.Equal("fr", organisation.Language);
    }

    [Fact]
    public void AnOrganisationKeyMustBeAValidKey()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => new Organisation("Riverside Hospital", "Riverside", null, null, "en", "Committee"));

        Assert.Contains("'Riverside Hospital' is not a valid organisation key", refusal.Message);
    }

    [Theory]
    [InlineData("", "Committee", "The organisation name is empty.")]
    [InlineData("Riverside", " ", "The committee name is empty.")]
    public void AnOrganisationNeedsANameAndACommitteeName(string name, string committeeName, string message)
    {
        var refusal = Assert.Throws<DomainRuleException>(() => new Organisation("riverside", name, null, null, "en", committeeName));

        Assert.Equal(message, refusal.Message);
    }

    [Fact]
    public void AddPersonRecordsThePersonInTheOrganisation()
    {
        var organisation = NewOrganisation();

        var person = organisation.AddPerson("amara", " Amara Okafor ", Side.Workers, " Steward ", " amara@example.org ");

        Assert.Equal(organisation.Id, person.OrganisationId);
        Assert.Equal("amara", person.Key);
        Assert.Equal("Amara Okafor", person.Name);
        Assert.Equal("Steward", person.Title);
        Assert.Equal("amara@example.org", person.Email);
        Assert.Equal(Side.Workers, person.Side);
        Assert.Null(person.SuperiorId);
        Assert.False(person.IsAccountableManager);
        Assert.Same(person, Assert.Single(organisation.People));
        Assert.Same(person, organisation.FindPerson("amara"));
        Assert.Same(person, organisation.FindPerson(person.Id));
        Assert.Null(organisation.FindPerson("nobody"));
    }

    [Fact]
    public void ADuplicatePersonKeyIsRefusedAndNobodyIsAdded()
    {
        var organisation = NewOrganisation();
        organisation.AddPerson("amara", "Amara Okafor", Side.Workers, "Steward", "amara@example.org");

        var refusal = Assert.Throws<DomainRuleException>(() =>
            organisation.AddPerson("amara", "Amara Second", Side.Management, "Manager", "other@example.org"));

        Assert.Equal("Riverside Municipal Hospital already has a person with the key 'amara'.", refusal.Message);
        Assert.Single(organisation.People);
    }

    [Fact]
    public void AnInvalidPersonKeyIsRefused()
    {
        var organisation = NewOrganisation();

        var refusal = Assert.Throws<DomainRuleException>(() =>
            organisation.AddPerson("Amara O", "Amara Okafor", Side.Workers, "Steward", "amara@example.org"));

        Assert.Contains("not a valid person key", refusal.Message);
        Assert.Empty(organisation.People);
    }

    [Fact]
    public void AnEmptyPersonNameIsRefused()
    {
        var organisation = NewOrganisation();

        var refusal = Assert.Throws<DomainRuleException>(() =>
            organisation.AddPerson("amara", "  ", Side.Workers, "Steward", "amara@example.org"));

        Assert.Equal("The person name is empty.", refusal.Message);
        Assert.Empty(organisation.People);
    }

    [Fact]
    public void AManagerCanHaveAManagerOfTheSameOrganisationAsSuperior()
    {
        var world = new World();

        Assert.Equal(world.Director.Id, world.Manager.SuperiorId);
        Assert.Same(world.Director, world.Organisation.SuperiorOf(world.Manager));
        Assert.Null(world.Organisation.SuperiorOf(world.Director));
        Assert.True(world.Manager.IsAccountableManager);
    }

    [Fact]
    public void AWorkersSidePersonCannotBeASuperior()
    {
        var world = new World();
        var before = world.Organisation.People.Count;

        var refusal = Assert.Throws<DomainRuleException>(() =>
            world.Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", world.Steward));

        Assert.Equal("Amara Okafor cannot be the superior of Sam Lee: a superior must be a manager of Riverside Municipal Hospital.", refusal.Message);
        Assert.Equal(before, world.Organisation.People.Count);
    }

    [Fact]
    public void AManagerOfAnotherOrganisationCannotBeASuperior()
    {
        var world = new World();
        var before = world.Organisation.People.Count;

        var refusal = Assert.Throws<DomainRuleException>(() =>
            world.Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", world.OutsideManager));

        Assert.Equal("Oscar Lind cannot be the superior of Sam Lee: a superior must be a manager of Riverside Municipal Hospital.", refusal.Message);
        Assert.Equal(before, world.Organisation.People.Count);
        Assert.Null(world.Organisation.FindPerson("sam"));
    }

    [Fact]
    public void AWorkersSidePersonCannotHaveASuperior()
    {
        var world = new World();
        var before = world.Organisation.People.Count;

        var refusal = Assert.Throws<DomainRuleException>(() =>
            world.Organisation.AddPerson("sam", "Sam Lee", Side.Workers, "Porter", "sam@example.org", world.Director));

        Assert.Equal("Sam Lee is on the workers' side; only managers have a superior that questions escalate to.", refusal.Message);
        Assert.Equal(before, world.Organisation.People.Count);
    }

    [Fact]
    public void ActorForGivesTheSideAndCommitteeRoleOfAChair()
    {
        var world = new World();

        var actor = world.Organisation.ActorFor(world.Steward.Id);

        Assert.Equal(new Actor(world.Steward.Id, "Amara Okafor", world.Organisation.Id, Side.Workers, CommitteeRole.Chair), actor);
        Assert.True(actor.IsCommitteeMember);
        Assert.True(actor.IsCommitteeChair);
    }

    [Fact]
    public void ActorForGivesTheSideAndCommitteeRoleOfAMember()
    {
        var world = new World();

        var actor = world.Organisation.ActorFor(world.Manager.Id);

        Assert.Equal(Side.Management, actor.Side);
        Assert.Equal(CommitteeRole.Member, actor.CommitteeRole);
        Assert.True(actor.IsCommitteeMember);
        Assert.False(actor.IsCommitteeChair);
    }

    [Fact]
    public void ActorForAPersonWithoutASeatHasNoCommitteeRole()
    {
        var world = new World();

        var actor = world.Organisation.ActorFor(world.Worker.Id);

        Assert.Equal(Side.Workers, actor.Side);
        Assert.Null(actor.CommitteeRole);
        Assert.False(actor.IsCommitteeMember);
        Assert.False(actor.IsCommitteeChair);
    }

    [Fact]
    public void ActorForSomeoneOutsideTheOrganisationIsRefused()
    {
        var world = new World();

        var refusal = Assert.Throws<DomainRuleException>(() => world.Organisation.ActorFor(world.OutsideManager.Id));

        Assert.Equal("That person is not part of Riverside Municipal Hospital.", refusal.Message);
    }
}
