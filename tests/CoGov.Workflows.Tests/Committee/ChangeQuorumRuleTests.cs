using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Committee;

/// <summary>The demo committee has three seats a side and starts with the equal-representation rule.</summary>
public sealed class ChangeQuorumRuleTests
{
    [Fact]
    public async Task AnAdministratorsNewQuorumIsStoredAndLogged()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        Assert.Equal(QuorumRule.EqualRepresentation, (await app.SendAsync(new GetPeople(Riverside.Key), admin)).Quorum);

        await app.SendAsync(new ChangeQuorumRule(Riverside.Key, 2, SidesEqual: false), admin);

        Assert.Equal(new QuorumRule(2, sidesEqual: false), (await app.SendAsync(new GetPeople(Riverside.Key), admin)).Quorum);
        var entry = (await app.SendAsync(new GetAuditLog(Riverside.Key), admin)).Entries[0];
        Assert.Equal(AuditKind.CommitteeChanged, entry.Kind);
        Assert.Equal("The quorum of Joint Committee on Algorithmic Systems is now at least 2 present from each side, in any proportion.", entry.Text);
    }

    [Fact]
    public async Task AQuorumNoMeetingCouldReachIsRefusedAndNothingIsLogged()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await app.SendAsync(new ChangeQuorumRule(Riverside.Key, 4, SidesEqual: true), admin));

        Assert.Equal("Joint Committee on Algorithmic Systems has 3 seats a side, so a quorum of 4 from each side could never be met.", refused.Message);
        Assert.Equal(QuorumRule.EqualRepresentation, (await app.SendAsync(new GetPeople(Riverside.Key), admin)).Quorum);
        Assert.Empty((await app.SendAsync(new GetAuditLog(Riverside.Key), admin)).Entries);
    }

    [Fact]
    public async Task AQuorumOfNobodyIsAValidationErrorNamingTheField()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new ChangeQuorumRule(Riverside.Key, 0, SidesEqual: true), admin));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(ChangeQuorumRule.MinimumPerSide), error.Key);
        Assert.Equal("The quorum needs at least one person present from each side.", Assert.Single(error.Value).ToString());
        Assert.Empty((await app.SendAsync(new GetAuditLog(Riverside.Key), admin)).Entries);
    }
}
