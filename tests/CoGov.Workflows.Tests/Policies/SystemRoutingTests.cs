using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Policies;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Policies;

/// <summary>What answering questions 8 and 15 settles goes into the routing policy and is used from then on.</summary>
public sealed class SystemRoutingTests
{
    [Fact]
    public async Task AChairSetsTheSystemsRoutingAndItIsUsedFromThenOn()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Leila);

        var version = await app.SendAsync(new ChangeSystemRouting(Key, Screening, 1, "helen-marsh", [new ThemeManagerChoice("data-protection-and-rights", "priya-nair")], 6), leila);

        Assert.Equal(2, version);
        var policy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => db.Organisations.Any(o => o.Id == p.OrganisationId && o.Key == Key)));
        Assert.Equal(6, policy.ReassessmentMonthsFor(Screening));
        Assert.Equal("helen-marsh", policy.ManagerFor(Screening, "transparency-and-procurement"));
        Assert.Equal("priya-nair", policy.ManagerFor(Screening, "data-protection-and-rights"));

        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), await app.UserAsync(Amara));
        Assert.StartsWith("Sent to Helen Marsh", Assert.Single(await app.LogOfAsync(Screening, 1, 1)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStewardWhoIsNoChairMayNotAndAWorkersSidePersonCannotBeTheAccountableManager()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var leila = await app.UserAsync(Leila);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ChangeSystemRouting(Key, Screening, 1, "helen-marsh", [], null), amara));
        var notManager = await Assert.ThrowsAsync<InputRejectedException>(
            () => app.SendAsync(new ChangeSystemRouting(Key, Screening, 1, "amara-okafor", [], null), leila));

        Assert.Equal("Amara Okafor is on the workers' side; questions go to accountable managers on the management side.",
            Assert.Single(notManager.Errors[$"systems.{Screening}.managers.default"]).ToString());
        var policy = await app.WithDbAsync(db => db.RoutingPolicies.SingleAsync(p => p.OrganisationId != null));
        Assert.Equal("kwame-asante", policy.ManagerFor(Screening, "transparency-and-procurement"));
        Assert.Equal(1, policy.Number);
    }

    [Fact]
    public async Task TheQuestionPageOffersToUpdateRoutingOnlyOnceQuestionEightIsAcceptedAndOnlyToThoseWhoMayChangeIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var cycle = await app.CycleAsync("rostering", 1);
        Assert.Equal(Domain.Assessments.QuestionState.Accepted, cycle.Questions.Single(q => q.Number == 8).State);

        var chair = await app.SendAsync(new GetRoutingOffer(Key, "rostering", 1, 8), await app.UserAsync(Leila));
        var admin = await app.SendAsync(new GetRoutingOffer(Key, "rostering", 1, 8), await app.UserAsync(DemoLogins.Admin));
        var steward = await app.SendAsync(new GetRoutingOffer(Key, "rostering", 1, 8), await app.UserAsync(Amara));
        var otherQuestion = await app.SendAsync(new GetRoutingOffer(Key, "rostering", 1, 7), await app.UserAsync(Leila));
        var notYetAccepted = await app.SendAsync(new GetRoutingOffer(Key, Screening, 1, 8), await app.UserAsync(Leila));

        Assert.Equal((true, true, false, false, false), (chair.Offered, admin.Offered, steward.Offered, otherQuestion.Offered, notYetAccepted.Offered));
    }
}
