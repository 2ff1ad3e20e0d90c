using CoGov.Domain.Systems;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Systems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Cycles;

/// <summary>
/// A side is not a role (decision record 8): a member whose side and seat the model would let act, but whose membership
/// does not hold the role the command needs, is offered none of the cycle's actions by the queries the pages ask, as the
/// pipeline would refuse each of them.
/// </summary>
public sealed class RolelessMemberTests
{
    [Fact]
    public async Task AWorkersSideMemberWithoutTheStewardRoleIsOfferedNeitherSendingNorOpeningACycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var key = await app.SendAsync(new RegisterSystem(Key, "sickness", "Sickness Triggers", "Flags absence patterns.", "Payroll team", Sourcing.InHouse, null, [], "HR"), await app.UserAsync(Amara));
        await SetRolesAsync(app, DemoLogins.Tomasz);
        var tomasz = await app.UserAsync(DemoLogins.Tomasz);

        var screening = await app.SendAsync(new GetSystemQuestions(Key, Screening), tomasz);
        var plan = await app.SendAsync(new GetSendPlan(Key, Screening, 1), tomasz);
        var unassessed = await app.SendAsync(new GetSystemQuestions(Key, key), tomasz);
        var opening = await app.SendAsync(new GetCycleOpening(Key, key), tomasz);
        var stewardsOpening = await app.SendAsync(new GetCycleOpening(Key, key), await app.UserAsync(Amara));

        Assert.False(screening.Actions.MaySendQuestions);
        Assert.True(screening.Actions.MayKeepRecords);
        Assert.Equal((false, true), (plan.MaySend, plan.NeedsRole));
        Assert.False(unassessed.Actions.MayOpenNextCycle);
        Assert.Equal((false, true), (opening.MayOpen, opening.NeedsRole));
        Assert.Equal((true, false), (stewardsOpening.MayOpen, stewardsOpening.NeedsRole));
    }

    [Fact]
    public async Task NeitherTheAccountableManagerWithoutTheManagerRoleNorACommitteeMemberWithoutTheStewardRoleIsOfferedASignature()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        // Screening's questions are all drafts: withdrawing them settles the cycle without waiting on anyone.
        foreach (var number in Enumerable.Range(1, 19))
        {
            await app.SendAsync(new WithdrawQuestion(Key, Screening, 1, number, "Not needed this cycle."), amara);
        }
        await SetRolesAsync(app, Kwame);
        var managerWithoutRole = await app.SendAsync(new GetSignOff(Key, Screening, 1), await app.UserAsync(Kwame));
        await SetRolesAsync(app, Kwame, Roles.Manager);
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Management signs off."), await app.UserAsync(Kwame));
        await SetRolesAsync(app, DemoLogins.Tomasz);

        var committeeMemberWithoutRole = await app.SendAsync(new GetSignOff(Key, Screening, 1), await app.UserAsync(DemoLogins.Tomasz));
        var chair = await app.SendAsync(new GetSignOff(Key, Screening, 1), await app.UserAsync(Leila));

        Assert.False(managerWithoutRole.CanSignOff);
        Assert.False(committeeMemberWithoutRole.CanCountersign);
        Assert.True(chair.CanCountersign);
    }

    /// <summary>Gives the login exactly these roles in the hospital, as an administrator's change of roles leaves them.</summary>
    private static async Task SetRolesAsync(TestApp app, string email, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email);
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        (await db.Memberships.SingleAsync(m => m.UserId == user!.Id)).SetRoles(roles);
        await db.SaveChangesAsync();
    }
}
