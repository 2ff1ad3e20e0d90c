using CoGov.Domain.Systems;
using CoGov.Workflows.Systems;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Tests.Cycles;

public sealed class GetCycleOpeningTests
{
    [Fact]
    public async Task ANewSystemOffersItsFirstCyclePrefilledFromTheRoutingPolicy()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var key = await app.SendAsync(new RegisterSystem(Key, null, "Sickness Triggers", "Flags absence patterns.", "Payroll team", Sourcing.InHouse, null, [], "HR"), amara);

        var opening = await app.SendAsync(new GetCycleOpening(Key, key), amara);

        Assert.True(opening.MayOpen);
        Assert.Null(opening.CycleInProgress);
        Assert.Equal((1, "Sickness Triggers"), (opening.NextCycle, opening.SystemName));
        Assert.Equal(
            [("psi-co-governance", "Co-Governance of Algorithmic Systems", 1, 19), ("data-lifecycle-at-work", "Data Lifecycle at Work", 1, 15)],
            opening.Questionnaires.Select(q => (q.Key, q.Title, q.Version, q.QuestionCount)));
        Assert.Equal("psi-co-governance", opening.DefaultQuestionnaire);
        // No routing of its own yet: the organisation's default manager and cycle length.
        Assert.Equal("daniel-reyes", opening.DefaultManagerKey);
        Assert.Equal(90, opening.DefaultDueInDays);
        Assert.Equal(["Daniel Reyes", "Helen Marsh", "Kwame Asante", "Priya Nair"], opening.Managers.Select(m => m.Name));
    }

    [Fact]
    public async Task ASystemWithACycleStillOpenCannotOpenTheNext()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var opening = await app.SendAsync(new GetCycleOpening(Key, Screening), await app.UserAsync(Amara));

        Assert.False(opening.MayOpen);
        Assert.Equal((1, 2), (opening.CycleInProgress, opening.NextCycle));
        Assert.Equal("kwame-asante", opening.DefaultManagerKey);
    }

    [Fact]
    public async Task AManagerMayNotOpenACycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var key = await app.SendAsync(new RegisterSystem(Key, null, "Sickness Triggers", "Flags absence patterns.", "Payroll team", Sourcing.InHouse, null, [], "HR"),
            await app.UserAsync(Amara));

        var opening = await app.SendAsync(new GetCycleOpening(Key, key), await app.UserAsync(Kwame));

        Assert.False(opening.MayOpen);
        Assert.Null(opening.CycleInProgress);
    }
}
