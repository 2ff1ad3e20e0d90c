using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Committee;

/// <summary>
/// The demo committee: Leila Haddad and Helen Marsh chair; Amara Okafor, Tomasz Nowak, Daniel Reyes and Priya Nair
/// are members.
/// </summary>
public sealed class ChangeCommitteeSeatsTests
{
    private static readonly SeatChoice[] Today =
    [
        new("leila-haddad", CommitteeRole.Chair), new("amara-okafor", CommitteeRole.Member), new("tomasz-nowak", CommitteeRole.Member),
        new("helen-marsh", CommitteeRole.Chair), new("daniel-reyes", CommitteeRole.Member), new("priya-nair", CommitteeRole.Member),
    ];

    [Fact]
    public async Task AnAdministratorSeatsANewPersonOnEachSideAndTheChangeIsLogged()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var sam = await app.SendAsync(new AddPerson(Riverside.Key, "Sam Lee", "sam@example.org", Side.Workers, "Porter"), admin);

        await app.SendAsync(new ChangeCommitteeSeats(Riverside.Key, [.. Today, new(sam, CommitteeRole.Member), new("kwame-asante", CommitteeRole.Member)]), admin);

        var people = await app.SendAsync(new GetPeople(Riverside.Key), admin);
        Assert.Null(people.ParityProblem);
        Assert.Equal(CommitteeRole.Member, people.People.Single(p => p.Key == sam).Seat);
        Assert.Equal(CommitteeRole.Member, people.People.Single(p => p.Key == "kwame-asante").Seat);
        var entry = (await app.SendAsync(new GetAuditLog(Riverside.Key), admin)).Entries[0];
        Assert.Equal(AuditKind.CommitteeChanged, entry.Kind);
        Assert.Equal(
            "Changed the seats of Joint Committee on Algorithmic Systems: Sam Lee seated as member for the workers' side; Kwame Asante seated as member for the management side.",
            entry.Text);
    }

    [Fact]
    public async Task OneSeatMoreOnOneSideIsRefusedAndNothingIsLogged()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeCommitteeSeats(Riverside.Key, [.. Today, new("kwame-asante", CommitteeRole.Member)]), admin));

        Assert.Equal("Joint Committee on Algorithmic Systems must give both sides equal seats; the workers' side has 3 and the management side 4.", refused.Message);
        Assert.Null((await app.SendAsync(new GetPeople(Riverside.Key), admin)).People.Single(p => p.Key == "kwame-asante").Seat);
        Assert.Empty((await app.SendAsync(new GetAuditLog(Riverside.Key), admin)).Entries);
    }

    [Fact]
    public async Task ASecondChairOnASideIsRefused()
    {
        await using var app = await MemberScenario.StartAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeCommitteeSeats(Riverside.Key, [.. Today.Select(s => s.PersonKey == "amara-okafor" ? s with { Role = CommitteeRole.Chair } : s)]),
                await app.AdminAsync()));

        Assert.Equal("Joint Committee on Algorithmic Systems can have only one chair for the workers' side.", refused.Message);
    }

    [Fact]
    public async Task RetiringASeatedPersonIsRefusedUntilTheSeatsLeaveThemOut()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () => await app.SendAsync(new RetirePerson(Riverside.Key, "tomasz-nowak"), admin));
        Assert.Contains("change the committee's seats first", refused.Message);

        await app.SendAsync(new ChangeCommitteeSeats(Riverside.Key, [.. Today.Where(s => s.PersonKey is not ("tomasz-nowak" or "priya-nair"))]), admin);
        await app.SendAsync(new RetirePerson(Riverside.Key, "tomasz-nowak"), admin);

        Assert.True((await app.SendAsync(new GetPerson(Riverside.Key, "tomasz-nowak"), admin)).Person.IsRetired);
    }

    [Fact]
    public async Task AManagerCannotChangeTheSeats()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new ChangeCommitteeSeats(Riverside.Key, Today), await app.UserAsync(Riverside.Priya)));
    }

    [Fact]
    public async Task ASeatedChairReadsTheAuditLogAndAMemberWhoIsNeitherChairNorAdministratorCannot()
    {
        await using var app = await MemberScenario.StartAsync();

        Assert.Empty((await app.SendAsync(new GetAuditLog(Riverside.Key), await app.UserAsync(Riverside.Helen))).Entries);
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new GetAuditLog(Riverside.Key), await app.UserAsync(Riverside.Amara)));
    }
}
