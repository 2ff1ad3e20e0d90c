using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Tests.Members;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.People;

/// <summary>The demo hospital's administrator adds, edits and retires people; each change is in the audit log.</summary>
public sealed class PeopleTests
{
    [Fact]
    public async Task AnAdministratorAddsAManagerWhoseKeyComesFromTheirName()
    {
        await using var app = await MemberScenario.StartAsync();

        var key = await app.SendAsync(
            new AddPerson(Riverside.Key, "Grace Obi", "grace.obi@riverside-hospital.example", Side.Management, "Head of Data", "Informatics", "helen-marsh"),
            await app.AdminAsync());

        Assert.Equal("grace-obi", key);
        var grace = (await app.SendAsync(new GetPerson(Riverside.Key, key), await app.AdminAsync())).Person;
        Assert.Equal(("Grace Obi", Side.Management, "Informatics", "helen-marsh"), (grace.Name, grace.Side, grace.Department, grace.SuperiorKey));
        var entry = Assert.Single((await app.SendAsync(new GetAuditLog(Riverside.Key), await app.AdminAsync())).Entries);
        Assert.Equal(AuditKind.PersonAdded, entry.Kind);
        Assert.Equal(TestApp.Now, entry.At);
        Assert.Equal(
            "Added Grace Obi (grace-obi), management side, Head of Data, department Informatics, grace.obi@riverside-hospital.example, reports to Helen Marsh.",
            entry.Text);
    }

    [Fact]
    public async Task APersonNeedsANameAndAnEmailAddress()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new AddPerson(Riverside.Key, " ", "not-an-address", Side.Workers, null), await app.AdminAsync()));

        Assert.Equal(["Name", "Email"], refused.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task AnAdministratorEditsAPersonAndTheAuditLogSaysWhatItWasAndIs()
    {
        await using var app = await MemberScenario.StartAsync();

        await app.SendAsync(
            new EditPerson(Riverside.Key, "kwame-asante", "Kwame Asante", "kwame.asante@riverside-hospital.example", "Head of Recruitment", "HR", "daniel-reyes"),
            await app.AdminAsync());

        var kwame = (await app.SendAsync(new GetPerson(Riverside.Key, "kwame-asante"), await app.AdminAsync())).Person;
        Assert.Equal(("Head of Recruitment", "HR", "Daniel Reyes"), (kwame.Title, kwame.Department, kwame.SuperiorName));
        var entry = Assert.Single((await app.SendAsync(new GetAuditLog(Riverside.Key), await app.AdminAsync())).Entries);
        Assert.Equal(AuditKind.PersonEdited, entry.Kind);
        Assert.Contains("reports to Helen Marsh to Kwame Asante (kwame-asante), management side, Head of Recruitment, department HR", entry.Text);
    }

    [Fact]
    public async Task ASuperiorCircleIsRefusedThroughTheCommand()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new EditPerson(Riverside.Key, "helen-marsh", "Helen Marsh", "helen.marsh@riverside-hospital.example", "COO", null, "daniel-reyes"),
                await app.AdminAsync()));

        Assert.Contains("escalation would go round in a circle", refused.Message);
    }

    [Fact]
    public async Task AnUnknownSuperiorIsRefusedOnItsField()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new AddPerson(Riverside.Key, "Sam Lee", "sam@example.org", Side.Management, null, SuperiorKey: "nobody"), await app.AdminAsync()));

        Assert.Equal([nameof(AddPerson.SuperiorKey)], refused.Errors.Keys);
    }

    [Fact]
    public async Task RetiringAPersonTheRoutingPolicyNamesIsRefusedSayingWhatToChangeFirst()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new RetirePerson(Riverside.Key, "kwame-asante"), await app.AdminAsync()));

        Assert.Equal("The routing policy names Kwame Asante to answer questions: name someone else in the routing policy first, then retire them.", refused.Message);
    }

    [Fact]
    public async Task ARetiredPersonStaysListedAsRetiredAndIsNoLongerOfferedAsASuperior()
    {
        await using var app = await MemberScenario.StartAsync();
        var sam = await app.SendAsync(new AddPerson(Riverside.Key, "Sam Lee", "sam@example.org", Side.Management, "Ward Manager"), await app.AdminAsync());

        await app.SendAsync(new RetirePerson(Riverside.Key, sam), await app.AdminAsync());

        var people = await app.SendAsync(new GetPeople(Riverside.Key), await app.AdminAsync());
        Assert.Equal(TestApp.Now, people.People.Single(p => p.Key == sam).RetiredAt);
        Assert.DoesNotContain(people.Superiors, s => s.Key == sam);
        var log = (await app.SendAsync(new GetAuditLog(Riverside.Key), await app.AdminAsync())).Entries;
        Assert.Equal([AuditKind.PersonRetired, AuditKind.PersonAdded], log.Select(e => e.Kind));
        Assert.Equal("Retired Sam Lee (sam-lee).", log[0].Text);
    }

    [Fact]
    public async Task AStewardCannotAddPeople()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new AddPerson(Riverside.Key, "Sam Lee", "sam@example.org", Side.Workers, null), await app.UserAsync(Riverside.Amara)));

        Assert.Null(await app.WithDbAsync(db => db.People.SingleOrDefaultAsync(p => p.Name == "Sam Lee")));
    }

    [Fact]
    public async Task AnAdministratorOfAnotherOrganisationFindsNoneOfTheseOrganisationsPeople()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new GetPeople(OtherOrganisation.Key), await app.AdminAsync()));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new RetirePerson(OtherOrganisation.Key, "x"), await app.AdminAsync()));
    }
}
