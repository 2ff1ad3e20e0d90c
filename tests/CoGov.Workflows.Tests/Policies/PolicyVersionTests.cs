using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Tests.Members;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Policies;

/// <summary>
/// Every change of the demo hospital's policy, from a form or a file, makes the next version with who, when and what
/// changed, and an audit entry; a change made from an older version is refused. The demo's policy starts at version 1.
/// </summary>
public sealed class PolicyVersionTests
{
    [Fact]
    public async Task AFormChangeMakesTheNextVersionWithWhoWhenAndWhatChangedAndAnAuditEntry()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var form = await app.SendAsync(new GetPolicyForm(Key), admin);

        var version = await app.SendAsync(Routing(form) with { DefaultManagerKey = "helen-marsh", DefaultDeadlineDays = 12 }, admin);

        Assert.Equal(2, version);
        var versions = await VersionsAsync(app);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var second = versions[1];
        Assert.Equal("default manager Daniel Reyes → Helen Marsh; deadline 10 → 12.", second.Change);
        Assert.Equal(TestApp.Now, second.At);
        Assert.Equal(("helen-marsh", 12), (second.Spec.DefaultManager, second.Spec.DefaultDeadlineDays));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.PolicyChanged).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("Routing policy version 2: default manager Daniel Reyes → Helen Marsh; deadline 10 → 12.", entry.Text);
        Assert.Equal(entry.By, second.By);
        Assert.False(string.IsNullOrEmpty(second.By));
        Assert.Equal(2, (await app.SendAsync(new GetPolicyForm(Key), admin)).Version);
    }

    [Fact]
    public async Task AChangeMadeFromAnOlderVersionIsRefusedAndChangesNothing()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var form = await app.SendAsync(new GetPolicyForm(Key), admin);
        await app.SendAsync(new ChangeWorkingCalendar(Key, form.Version, "Europe/Paris", form.Spec.Holidays), admin);

        var stale = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(Routing(form) with { DefaultDeadlineDays = 20 }, admin));

        Assert.StartsWith("The policy changed meanwhile: version 2 is now in force, and this change was made from version 1.", stale.Message, StringComparison.Ordinal);
        var after = await app.SendAsync(new GetPolicyForm(Key), admin);
        Assert.Equal((2, 10, "Europe/Paris"), (after.Version, after.Spec.DefaultDeadlineDays, after.Spec.TimeZone));
        Assert.Equal(2, (await VersionsAsync(app)).Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKind.PolicyChanged)));
    }

    [Fact]
    public async Task ABrokenFormComesBackAtEachFieldItConcernsAndSavesNothing()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var form = await app.SendAsync(new GetPolicyForm(Key), admin);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(Routing(form) with
        {
            DefaultManagerKey = "amara-okafor",
            ReminderDaysBeforeDue = [12, 1],
            DeadlineDaysByTheme = [new ThemeDeadlineChoice("right-of-redress", 0)],
        }, admin));
        var calendar = await Assert.ThrowsAsync<InputRejectedException>(() =>
            app.SendAsync(new ChangeWorkingCalendar(Key, form.Version, "Europe/Atlantis", [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 25)]), admin));

        Assert.Equal(["deadlines.themes.right-of-redress", "managers.default", "reminders"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a reminder 12 working days before the deadline would come before the question is sent: the shortest deadline is 10 working days.",
            Assert.Single(refused.Errors["reminders"]).ToString());
        Assert.Equal(["holidays", "timeZone"], calendar.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2026-12-25 is listed twice; list each holiday once.", Assert.Single(calendar.Errors["holidays"]).ToString());
        Assert.Single(await VersionsAsync(app));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKind.PolicyChanged)));
    }

    [Fact]
    public async Task AYamlImportMakesAVersionSayingWhichFileItCameFrom()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var yaml = (await app.SendAsync(new GetRoutingPolicy(Key), admin)).Yaml;

        var imported = await app.SendAsync(new ImportRoutingPolicy(Key, "committee-2027.yaml", yaml.Replace("clarification: 5", "clarification: 4", StringComparison.Ordinal)), admin);

        Assert.True(imported.Succeeded, imported.ToString());
        var latest = (await VersionsAsync(app))[^1];
        Assert.Equal((2, "Imported from file committee-2027.yaml: clarification deadline 5 → 4."), (latest.Number, latest.Change));
        Assert.Equal("Routing policy version 2: Imported from file committee-2027.yaml: clarification deadline 5 → 4.",
            (await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.PolicyChanged))).Text);
    }

    [Fact]
    public async Task AnOldVersionDownloadedFromTheHistoryImportsBackAsTheNextVersion()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var form = await app.SendAsync(new GetPolicyForm(Key), admin);
        await app.SendAsync(Routing(form) with { ManagerByTheme = [], EscalationIntervalDays = 5 }, admin);

        var history = await app.SendAsync(new GetPolicyHistory(Key), admin);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Number));
        Assert.Equal(2, history.Current);
        var imported = await app.SendAsync(new ImportRoutingPolicy(Key, "version-1.yaml", history.Versions.Single(v => v.Number == 1).Yaml), admin);

        Assert.True(imported.Succeeded, imported.ToString());
        var after = await app.SendAsync(new GetPolicyHistory(Key), admin);
        Assert.Equal(3, after.Current);
        // The same document but for its first line, which names the version.
        Assert.Equal(Body(after.Versions.Single(v => v.Number == 1).Yaml), Body(after.Versions.Single(v => v.Number == 3).Yaml));
        Assert.StartsWith("Imported from file version-1.yaml: manager for data-protection-and-rights nobody → Priya Nair", after.Versions[0].Change, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCalendarFormOffersIanaTimeZonesAndTheNonRetiredManagers()
    {
        await using var app = await MemberScenario.StartAsync();

        var form = await app.SendAsync(new GetPolicyForm(Key), await app.AdminAsync());

        Assert.Contains("Europe/London", form.TimeZones);
        Assert.Contains("UTC", form.TimeZones);
        Assert.DoesNotContain("GMT Standard Time", form.TimeZones);
        Assert.Equal(["Daniel Reyes", "Helen Marsh", "Kwame Asante", "Priya Nair"], form.Managers.Select(m => m.Name));
        Assert.Contains(form.Themes, t => t is { Key: "responsibility", Title: "Responsibility" });
    }

    private static string Body(string yaml) => yaml[(yaml.IndexOf('\n', StringComparison.Ordinal) + 1)..];

    /// <summary>The routing form as it comes, sent back unchanged.</summary>
    private static ChangeRoutingPolicy Routing(PolicyForm form) => new(
        Key,
        form.Version,
        form.Spec.DefaultManager,
        [.. form.Spec.ManagerByTheme.Select(t => new ThemeManagerChoice(t.Key, t.Value))],
        form.Spec.DefaultDeadlineDays,
        [.. form.Spec.DeadlineDaysByTheme.Select(t => new ThemeDeadlineChoice(t.Key, t.Value))],
        form.Spec.ClarificationDeadlineDays,
        form.Spec.ReminderDaysBeforeDue,
        form.Spec.Escalation,
        form.Spec.EscalationIntervalDays,
        form.Spec.ReassessmentIntervalMonths,
        form.Spec.CycleLengthDays);

    private static Task<List<RoutingPolicyVersion>> VersionsAsync(TestApp app) =>
        app.WithDbAsync(db => db.PolicyVersions.AsNoTracking()
            .Where(v => db.RoutingPolicies.Any(p => p.Id == v.PolicyId && db.Organisations.Any(o => o.Id == p.OrganisationId && o.Key == Key)))
            .OrderBy(v => v.Number).ToListAsync());
}
