using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Policies;

public sealed class GetRoutingPolicyTests
{
    [Fact]
    public async Task AnAdministratorReadsTheOrganisationsPolicyWithPeopleAndThemesByName()
    {
        await using var app = await MemberScenario.StartAsync();

        var view = await app.SendAsync(new GetRoutingPolicy(Riverside.Key), await app.AdminAsync());

        Assert.True(view.IsOwn);
        var terms = view.Terms;
        Assert.Equal("Europe/London", terms.TimeZone);
        Assert.Equal(18, terms.Holidays.Count);
        Assert.Equal(new DateOnly(2025, 12, 25), terms.Holidays[0]);
        Assert.Equal((10, 5, 3, 12, 90), (terms.DefaultDeadlineDays, terms.ClarificationDays, terms.EscalationIntervalDays, terms.ReassessmentIntervalMonths, terms.CycleLengthDays));
        Assert.Equal([new ThemeDays("data-protection-and-rights", "Data protection and rights", 15)], terms.DeadlinesByTheme);
        Assert.Equal([5, 1], terms.ReminderDaysBeforeDue);
        Assert.Equal([EscalationStep.Superior, EscalationStep.CommitteeChairs], terms.Escalation);
        Assert.Equal(new PersonName("daniel-reyes", "Daniel Reyes"), view.DefaultManager);
        Assert.Equal(
            [("Data protection and rights", "Priya Nair"), ("Right of Redress", "Kwame Asante")],
            view.ManagersByTheme.Select(m => (m.ThemeTitle, m.Manager.Name)));

        Assert.Equal(["CandidateMatch CV Screening", "ShiftWise Rostering", "TrackPoint Location and Task Monitoring"], view.Systems.Select(s => s.SystemName));
        var monitoring = view.Systems.Single(s => s.SystemKey == "staff-monitoring");
        Assert.Equal("Priya Nair", monitoring.DefaultManager!.Name);
        Assert.Equal([("Data Analysis", "Daniel Reyes")], monitoring.ManagersByTheme.Select(m => (m.ThemeTitle, m.Manager.Name)));
        var rostering = view.Systems.Single(s => s.SystemKey == "rostering");
        Assert.Null(rostering.DefaultManager);
        Assert.Equal((null, 12), (rostering.ReassessmentIntervalMonths, rostering.EffectiveReassessmentMonths));
    }

    [Fact]
    public async Task ThePolicyAsAFileImportsBackUnchanged()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SendAsync(new ChangeSystemRouting(Riverside.Key, "rostering", 1, null, [], 6), await app.UserAsync(Riverside.Leila));
        var before = await app.SendAsync(new GetRoutingPolicy(Riverside.Key), admin);
        Assert.Contains("reassessmentIntervalMonths: 6", before.Yaml);

        var imported = await app.SendAsync(new ImportRoutingPolicy(Riverside.Key, "riverside-policy.yaml", before.Yaml), admin);

        Assert.True(imported.Succeeded, imported.ToString());
        var after = await app.SendAsync(new GetRoutingPolicy(Riverside.Key), admin);
        Assert.Equal(before.Yaml, after.Yaml);
        Assert.Equal(6, after.Systems.Single(s => s.SystemKey == "rostering").EffectiveReassessmentMonths);
    }

    [Fact]
    public async Task ABrokenPolicyFileIsRefusedWithTheLineAndFieldOfEachProblemAndChangesNothing()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var before = await app.SendAsync(new GetRoutingPolicy(Riverside.Key), admin);
        var lines = before.Yaml.Split('\n');
        var broken = before.Yaml
            .WithLine(Array.FindIndex(lines, l => l.StartsWith("timeZone:", StringComparison.Ordinal)) + 1, "timeZone: Mars/Olympus")
            .WithLine(Array.FindIndex(lines, l => l.StartsWith("  default: daniel-reyes", StringComparison.Ordinal)) + 1, "  default: nobody-here");

        var result = await app.SendAsync(new ImportRoutingPolicy(Riverside.Key, "broken.yaml", broken), admin);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == "timeZone" && e.Line == 2);
        Assert.Contains(result.Errors, e => e.Field == "managers.default" && e.Message.Contains("no person 'nobody-here'", StringComparison.Ordinal));
        Assert.Equal(before.Yaml, (await app.SendAsync(new GetRoutingPolicy(Riverside.Key), admin)).Yaml);
    }

    [Fact]
    public async Task OnlyAnAdministratorReadsThePolicyHere()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetRoutingPolicy(Riverside.Key), await app.UserAsync(Riverside.Amara)));
    }
}
