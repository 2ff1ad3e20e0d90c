using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Tests.Organisations;

/// <summary>Adding, editing and retiring the organisation's people, and the rules that keep the escalation chain sound.</summary>
public sealed class PeopleTests
{
    private readonly World _world = new();

    private Organisation Organisation => _world.Organisation;

    [Fact]
    public void APersonAddedWithoutAKeyGetsOneFromTheirNameNumberedWhenTaken()
    {
        var first = Organisation.AddPerson(null, "Zoë O'Brien-Smith", Side.Workers, "Steward", "zoe@example.org");
        var second = Organisation.AddPerson("", "Zoe O Brien Smith", Side.Workers, "Steward", "zoe2@example.org");

        Assert.Equal("zoe-o-brien-smith", first.Key);
        Assert.Equal("zoe-o-brien-smith-2", second.Key);
    }

    [Fact]
    public void APersonAddedWithADepartmentKeepsItTidied()
    {
        var person = Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", _world.Director, " Surgery ");

        Assert.Equal("Surgery", person.Department);
        Assert.Equal(_world.Director.Id, person.SuperiorId);
        Assert.False(person.IsRetired);
    }

    [Fact]
    public void EditingAPersonChangesTheirRecordButNotTheirKeyOrSide()
    {
        Organisation.EditPerson(_world.UnseatedManager, " Daniel R. Reyes ", "Head of IT", "dr@example.org", "IT", _world.Director);

        var daniel = _world.UnseatedManager;
        Assert.Equal(("daniel", Side.Management), (daniel.Key, daniel.Side));
        Assert.Equal(("Daniel R. Reyes", "Head of IT", "dr@example.org", "IT"), (daniel.Name, daniel.Title, daniel.Email, daniel.Department));
        Assert.Same(_world.Director, Organisation.SuperiorOf(daniel));
    }

    [Fact]
    public void ASuperiorOnTheWorkersSideIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.EditPerson(_world.UnseatedManager, "Daniel Reyes", "IT Manager", "daniel@example.org", null, _world.Steward));

        Assert.Equal("Amara Okafor cannot be the superior of Daniel Reyes: a superior must be a manager of Riverside Municipal Hospital.", refusal.Message);
        Assert.Null(_world.UnseatedManager.SuperiorId);
    }

    [Fact]
    public void ASuperiorFromAnotherOrganisationIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.EditPerson(_world.UnseatedManager, "Daniel Reyes", "IT Manager", "daniel@example.org", null, _world.OutsideManager));

        Assert.Equal("Oscar Lind cannot be the superior of Daniel Reyes: a superior must be a manager of Riverside Municipal Hospital.", refusal.Message);
    }

    [Fact]
    public void ASuperiorWhoIsAlreadyBelowThePersonIsRefusedAsACircle()
    {
        // Priya reports to Helen; Helen reporting to Priya would escalate round for ever.
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.EditPerson(_world.Director, "Helen Marsh", "Director of Operations", "helen@example.org", null, _world.Manager));

        Assert.Equal("Priya Nair cannot be the superior of Helen Marsh: Helen Marsh is already above Priya Nair, and escalation would go round in a circle.", refusal.Message);
        Assert.Null(_world.Director.SuperiorId);
    }

    [Fact]
    public void APersonCannotBeTheirOwnSuperior()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.EditPerson(_world.UnseatedManager, "Daniel Reyes", "IT Manager", "daniel@example.org", null, _world.UnseatedManager));

        Assert.Contains("escalation would go round in a circle", refusal.Message);
    }

    [Fact]
    public void ALongerCircleIsRefusedToo()
    {
        var sam = Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", _world.Manager);

        // Sam → Priya → Helen; Helen reporting to Sam closes the circle.
        Assert.Throws<DomainRuleException>(() =>
            Organisation.EditPerson(_world.Director, "Helen Marsh", "Director of Operations", "helen@example.org", null, sam));
    }

    [Fact]
    public void RetiringAPersonKeepsThemInTheOrganisationMarkedRetired()
    {
        Organisation.RetirePerson(_world.Worker, namedByPolicy: false, _world.Now);

        Assert.True(_world.Worker.IsRetired);
        Assert.Equal(_world.Now, _world.Worker.RetiredAt);
        Assert.Same(_world.Worker, Organisation.FindPerson("kwame"));
    }

    [Fact]
    public void RetiringSomeoneWhoHoldsASeatIsRefusedUntilTheSeatsChange()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Organisation.RetirePerson(_world.Rep, namedByPolicy: false, _world.Now));

        Assert.Equal("Tomasz Nowak holds a seat on Joint Committee on Algorithmic Systems: change the committee's seats first, then retire them.", refusal.Message);
        Assert.False(_world.Rep.IsRetired);
    }

    [Fact]
    public void RetiringSomeoneTheRoutingPolicyNamesIsRefused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: true, _world.Now));

        Assert.Equal("The routing policy names Daniel Reyes to answer questions: name someone else in the routing policy first, then retire them.", refusal.Message);
    }

    [Fact]
    public void RetiringASuperiorIsRefusedWhileSomeoneReportsToThem()
    {
        var sam = Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", _world.UnseatedManager);

        var refusal = Assert.Throws<DomainRuleException>(() => Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: false, _world.Now));

        Assert.Equal("Daniel Reyes is the superior of Sam Lee: give them another superior first, then retire Daniel Reyes.", refusal.Message);
        Assert.False(sam.IsRetired);
    }

    [Fact]
    public void ARetiredPersonCannotBeRetiredAgainNorEdited()
    {
        Organisation.RetirePerson(_world.Worker, namedByPolicy: false, _world.Now);

        Assert.Equal("Kwame Asante is already retired.",
            Assert.Throws<DomainRuleException>(() => Organisation.RetirePerson(_world.Worker, namedByPolicy: false, _world.Now)).Message);
        Assert.Equal("Kwame Asante is retired; a retired person's record stays as it was.",
            Assert.Throws<DomainRuleException>(() => Organisation.EditPerson(_world.Worker, "K", "", "k@example.org", null, null)).Message);
    }

    [Fact]
    public void ARetiredManagerCannotBeChosenAsASuperior()
    {
        Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: false, _world.Now);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            Organisation.AddPerson("sam", "Sam Lee", Side.Management, "Ward Manager", "sam@example.org", _world.UnseatedManager));

        Assert.Equal("Daniel Reyes is retired and cannot be the superior of Sam Lee.", refusal.Message);
    }

    [Fact]
    public void ARetiredManagerCannotBeSentAQuestion()
    {
        var assessment = _world.Open(_world.Steward);
        Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: false, _world.Now);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            assessment.Send(1, _world.UnseatedManager, _world.Now.AddDays(14), _world.As(_world.Steward), _world.Now, _world.Rules));

        Assert.Equal("Daniel Reyes is retired; question 1 must go to an accountable manager who is still here.", refusal.Message);
    }

    [Fact]
    public void ARetiredPersonKeepsTheirNameInTheLogOfWhatTheyDid()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        assessment.Reassign(1, _world.UnseatedManager, "Daniel runs rostering", _world.As(_world.Steward), _world.Tick());
        assessment.Reassign(1, _world.Manager, "Daniel is leaving", _world.As(_world.Steward), _world.Tick());

        Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: false, _world.Tick());

        Assert.Contains(assessment.Log, e => e.Text.Contains("Reassigned to Daniel Reyes", StringComparison.Ordinal));
    }
}
