using System.Net;
using AngleSharp.Html.Dom;

namespace CoGov.Web.Tests.Components.Pages.Admin;

/// <summary>
/// The routing policy's forms, used through the real pages: each shows the version in force, refuses a bad post at the
/// field it concerns with nothing saved, refuses a post made from an older version, and a good post makes the next
/// version. Tests of this class share one app, so each reads the version it starts from off the page.
/// </summary>
public sealed class PolicyPagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Org = "/organisations/riverside-hospital";
    private const string Routing = Org + "/admin/policy/routing";
    private const string Calendar = Org + "/admin/policy/calendar";
    private const string History = Org + "/admin/policy/history";
    private const string Monitoring = Org + "/admin/policy/systems/staff-monitoring";

    [Fact]
    public async Task TheRoutingFormShowsThePolicyInForceAndAGoodPostMakesTheNextVersion()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Routing));
        Assert.Equal("daniel-reyes", Selected(page, "default-manager"));
        Assert.Equal("priya-nair", Selected(page, "theme-manager-data-protection-and-rights"));
        Assert.Equal("", Selected(page, "theme-manager-responsibility"));
        Assert.Equal("15", Value(page, "theme-days-data-protection-and-rights"));
        Assert.Equal(["5", "1", ""], [Value(page, "reminder-0"), Value(page, "reminder-1"), Value(page, "reminder-2")]);
        Assert.Equal(["Superior", "CommitteeChairs"], [Selected(page, "escalation-0"), Selected(page, "escalation-1")]);
        Assert.Equal("12", Value(page, "reassessment-months"));
        var version = int.Parse(((IHtmlInputElement)page.QuerySelector("input[name='Form.BasedOnVersion']")!).Value, System.Globalization.CultureInfo.InvariantCulture);

        var saved = await client.PostFormAsync(Routing, page.NamedForm("change-routing")!, new Dictionary<string, string?>
        {
            ["Form.ManagerByTheme[responsibility]"] = "helen-marsh",
            ["Form.ReminderDaysBeforeDue[2]"] = "3",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith($"admin/policy/routing?saved={version + 1}", saved.Headers.Location!.OriginalString);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Contains($"Saved: version {version + 1} is in force.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("helen-marsh", Selected(after, "theme-manager-responsibility"));
        Assert.Equal(["5", "3", "1"], [Value(after, "reminder-0"), Value(after, "reminder-1"), Value(after, "reminder-2")]);
        var history = await CoGovWebApp.ParseAsync(await client.GetAsync(History));
        var latest = history.QuerySelector($"li[data-version='{version + 1}']")!;
        Assert.Contains("manager for responsibility nobody → Helen Marsh; reminders (working days before the deadline) 5, 1 → 5, 3, 1.", latest.TextContent);
        Assert.StartsWith("data:application/yaml", latest.QuerySelector("a[download]")!.GetAttribute("href"), StringComparison.Ordinal);
        var audit = await CoGovWebApp.ParseAsync(await client.GetAsync(Org + "/admin/audit"));
        Assert.Contains(audit.QuerySelectorAll("ol.cogov-audit li[data-kind='PolicyChanged']"),
            li => li.TextContent.Contains($"Routing policy version {version + 1}: manager for responsibility nobody → Helen Marsh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadRoutingPostShowsEachErrorAtItsFieldAndSavesNothing()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Routing));
        var before = ((IHtmlInputElement)page.QuerySelector("input[name='Form.BasedOnVersion']")!).Value;

        var response = await client.PostFormAsync(Routing, page.NamedForm("change-routing")!, new Dictionary<string, string?>
        {
            ["Form.DefaultDeadlineDays"] = "0",
            ["Form.DefaultManagerKey"] = "amara-okafor",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("the working days to answer must be 1 or more, not 0.", refused.QuerySelector("#default-days-refusal")!.TextContent.Trim());
        Assert.Equal("Amara Okafor is on the workers' side; questions go to accountable managers on the management side.",
            refused.QuerySelector("#default-manager-refusal")!.TextContent.Trim());
        Assert.Equal("0", Value(refused, "default-days"));
        var again = await CoGovWebApp.ParseAsync(await client.GetAsync(Routing));
        Assert.Equal(before, ((IHtmlInputElement)again.QuerySelector("input[name='Form.BasedOnVersion']")!).Value);
        Assert.Equal("daniel-reyes", Selected(again, "default-manager"));
    }

    [Fact]
    public async Task AFormPostedFromAnOlderVersionIsRefusedSayingItChangedMeanwhile()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var first = await CoGovWebApp.ParseAsync(await client.GetAsync(Calendar));
        var second = await CoGovWebApp.ParseAsync(await client.GetAsync(Routing));
        var changed = await client.PostFormAsync(Routing, second.NamedForm("change-routing")!, new Dictionary<string, string?> { ["Form.CycleLengthDays"] = "80" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var stale = await client.PostFormAsync(Calendar, first.NamedForm("change-calendar")!, new Dictionary<string, string?> { ["Form.TimeZone"] = "Europe/Dublin" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(stale);
        Assert.Contains("The policy changed meanwhile", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("Reload the page", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Europe/London", Selected(await CoGovWebApp.ParseAsync(await client.GetAsync(Calendar)), "time-zone"));
    }

    [Fact]
    public async Task TheCalendarFormRefusesAnUnknownTimeZoneAndATwiceListedHolidayAtTheirFieldsThenSavesAddsAndRemovals()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Calendar));
        Assert.Equal("Europe/London", Selected(page, "time-zone"));
        var christmas = page.QuerySelector("li[data-holiday='2026-12-25']")!;
        var christmasIndex = christmas.QuerySelector("input[type=hidden]")!.GetAttribute("name")!;
        var empty = page.QuerySelectorAll("li[data-holiday='new'] input[type=date]").Select(i => i.GetAttribute("name")!).ToList();
        Assert.Equal(3, empty.Count);

        var refused = await CoGovWebApp.ParseAsync(await client.PostFormAsync(Calendar, page.NamedForm("change-calendar")!, new Dictionary<string, string?>
        {
            ["Form.TimeZone"] = "Europe/Atlantis",
            [empty[0]] = "2026-12-25",
        }));

        Assert.Equal("'Europe/Atlantis' is not a time zone; use an IANA name such as 'Europe/London'.", refused.QuerySelector("#time-zone-refusal")!.TextContent.Trim());
        Assert.Equal("2026-12-25 is listed twice; list each holiday once.", refused.QuerySelector("#holidays-refusal")!.TextContent.Trim());

        var removeChristmas = christmasIndex.Replace("Form.Holidays", "Form.Remove", StringComparison.Ordinal);
        var saved = await client.PostFormAsync(Calendar, page.NamedForm("change-calendar")!, new Dictionary<string, string?>
        {
            [removeChristmas] = "true",
            [empty[0]] = "2026-11-30",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Null(after.QuerySelector("li[data-holiday='2026-12-25']"));
        Assert.NotNull(after.QuerySelector("li[data-holiday='2026-11-30']"));
        Assert.NotNull(after.QuerySelector("li[data-holiday='2026-12-28']"));
        var history = await CoGovWebApp.ParseAsync(await client.GetAsync(History));
        Assert.Contains("holidays added 2026-11-30; holidays removed 2026-12-25.", history.QuerySelector("ol.cogov-versions li")!.TextContent);
    }

    [Fact]
    public async Task AChairSetsASystemsRoutingAndAStewardFindsNoSuchPage()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Amara);
        Assert.Equal(HttpStatusCode.NotFound, (await steward.GetAsync(Monitoring)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steward.GetAsync(Routing)).StatusCode);
        using var chair = await app.SignedInClientAsync(DemoLogins.Leila);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.GetAsync(Routing)).StatusCode);
        var page = await CoGovWebApp.ParseAsync(await chair.GetAsync(Monitoring));
        Assert.Equal("priya-nair", Selected(page, "system-manager"));
        Assert.Equal("daniel-reyes", Selected(page, "theme-manager-data-analysis"));
        Assert.Equal("", Value(page, "system-months"));

        var refused = await CoGovWebApp.ParseAsync(await chair.PostFormAsync(Monitoring, page.NamedForm("change-system-routing")!,
            new Dictionary<string, string?> { ["Form.ReassessmentIntervalMonths"] = "0" }));
        Assert.Equal("the months between cycles must be 1 or more, not 0.", refused.QuerySelector("#system-months-refusal")!.TextContent.Trim());

        var saved = await chair.PostFormAsync(Monitoring, page.NamedForm("change-system-routing")!, new Dictionary<string, string?>
        {
            ["Form.DefaultManagerKey"] = "helen-marsh",
            ["Form.ReassessmentIntervalMonths"] = "6",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await chair.GetAsync(saved.Headers.Location));
        Assert.Contains("of the routing policy is in force.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("helen-marsh", Selected(after, "system-manager"));
        Assert.Equal("6", Value(after, "system-months"));
    }

    [Fact]
    public async Task OnceQuestionEightIsAcceptedItsPageOffersTheRoutingFormToAChairButNotToAStewardWhoIsNoChair()
    {
        const string question8 = Org + "/systems/rostering/cycles/1/questions/8";
        using var chair = await app.SignedInClientAsync(DemoLogins.Leila);
        using var steward = await app.SignedInClientAsync(DemoLogins.Amara);

        var chairs = await CoGovWebApp.ParseAsync(await chair.GetAsync(question8));
        var stewards = await CoGovWebApp.ParseAsync(await steward.GetAsync(question8));
        var question7 = await CoGovWebApp.ParseAsync(await chair.GetAsync(Org + "/systems/rostering/cycles/1/questions/7"));

        var offer = chairs.QuerySelector(".cogov-routing-offer a")!;
        Assert.Equal("organisations/riverside-hospital/admin/policy/systems/rostering", offer.GetAttribute("href"));
        Assert.Null(stewards.QuerySelector(".cogov-routing-offer"));
        Assert.NotNull(stewards.QuerySelector("h1"));
        Assert.Null(question7.QuerySelector(".cogov-routing-offer"));
    }

    private static string Value(IHtmlDocument page, string id) => ((IHtmlInputElement)page.GetElementById(id)!).Value;

    private static string Selected(IHtmlDocument page, string id) => ((IHtmlSelectElement)page.GetElementById(id)!).Value ?? "";
}
