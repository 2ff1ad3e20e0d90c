using System.Security.Claims;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Records;

namespace CoGov.Workflows.Tests.Cycles;

/// <summary>Every page about one cycle reads its system and cycle the same way, so a wrong key or number is the same missing page on each.</summary>
public sealed class CycleReadingTests
{
    public static TheoryData<string> Pages => ["thread", "record", "send plan", "sign-off"];

    private static Task Open(TestApp app, ClaimsPrincipal user, string page, string systemKey, int cycle) => page switch
    {
        "thread" => app.SendAsync(new GetQuestionThread(Riverside.Key, systemKey, cycle, 1), user),
        "record" => app.SendAsync(new GetAssessmentRecord(Riverside.Key, systemKey, cycle), user),
        "send plan" => app.SendAsync(new GetSendPlan(Riverside.Key, systemKey, cycle), user),
        _ => app.SendAsync(new GetSignOff(Riverside.Key, systemKey, cycle), user),
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AMissingSystemAndAMissingCycleAreTheSameMissingPageOnEveryCyclesPage(string page)
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Riverside.Leila);

        var noSystem = await Assert.ThrowsAsync<NotFoundException>(() => Open(app, leila, page, "payroll", 1));
        var noCycle = await Assert.ThrowsAsync<NotFoundException>(() => Open(app, leila, page, "rostering", 9));

        Assert.Equal("Riverside Municipal Hospital has no system 'payroll'.", noSystem.Message);
        Assert.Equal("ShiftWise Rostering has no cycle 9.", noCycle.Message);
    }
}
