using CoGov.Domain.Common;
using CoGov.Workflows.Policies;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Tests.Policies;

/// <summary>What answering questions 8 and 15 settles goes into the routing policy and is used from then on.</summary>
public sealed class SystemRoutingTests
{
    [Fact]
    public async Task AChairRecordsTheAccountableManagerAndReassessmentIntervalTheAnswersSettled()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Leila);

        await app.SendAsync(new UpdateSystemRouting(Key, Screening, "helen-marsh", 6), leila);

        var policy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => db.Organisations.Any(o => o.Id == p.OrganisationId && o.Key == Key)));
        Assert.Equal(6, policy.ReassessmentMonthsFor(Screening));
        // Data protection keeps its own manager for this system; every other theme now goes to Helen Marsh.
        Assert.Equal("helen-marsh", policy.ManagerFor(Screening, "transparency-and-procurement"));
        Assert.Equal("priya-nair", policy.ManagerFor(Screening, "data-protection-and-rights"));

        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), await app.UserAsync(Amara));
        Assert.StartsWith("Sent to Helen Marsh", Assert.Single(await app.LogOfAsync(Screening, 1, 1)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyACommitteeChairMayRecordItAndAWorkersSidePersonCannotBeTheAccountableManager()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var leila = await app.UserAsync(Leila);

        var notChair = await Assert.ThrowsAsync<DomainRuleException>(
            () => app.SendAsync(new UpdateSystemRouting(Key, Screening, "helen-marsh", null), amara));
        var notManager = await Assert.ThrowsAsync<DomainRuleException>(
            () => app.SendAsync(new UpdateSystemRouting(Key, Screening, "amara-okafor", null), leila));

        Assert.Contains("Only a chair of the joint committee", notChair.Message, StringComparison.Ordinal);
        Assert.Contains("Amara Okafor is on the workers' side", notManager.Message, StringComparison.Ordinal);
        var policy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => p.OrganisationId != null));
        Assert.Equal("kwame-asante", policy.ManagerFor(Screening, "transparency-and-procurement"));
    }
}
