using System.Net;

namespace CoGov.Web.Tests.Components.Pages.Systems;

public sealed class SystemQuestionsPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string RosteringPage = "/organisations/riverside-hospital/systems/rostering";

    [Fact]
    public async Task ADemoStewardSeesAllNineteenQuestionsOfASystemGroupedByThemeWithStateAssigneeAndDeadline()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(RosteringPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var themes = page.QuerySelectorAll("section.cogov-theme h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Transparency & Procurement", "Responsibility", "Right of Redress", "Data protection and rights", "Harms and benefits", "Adjustments", "Co-governance"],
            themes);
        var questions = page.QuerySelectorAll("li.cogov-question").ToList();
        Assert.Equal(Enumerable.Range(1, 19).Select(n => n.ToString()), questions.Select(q => q.GetAttribute("value")));
        Assert.Contains("Which managers are accountable and responsible for these systems?", questions[7].TextContent);
        Assert.All(questions, q =>
        {
            Assert.NotNull(q.QuerySelector(".cogov-state"));
            Assert.Contains("Due ", q.TextContent);
        });
        // Question 8 is routed to the chief operating officer in the demo; the rest of Responsibility to workforce planning.
        Assert.Contains("Helen Marsh", questions[7].TextContent);
        Assert.Contains("Daniel Reyes", questions[5].TextContent);
        Assert.Contains("Cycle 2", page.QuerySelector("h2#cycle")!.TextContent);
    }

    [Fact]
    public async Task AnEarlierCycleCanBeOpenedFromTheSystemPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(RosteringPage + "?cycle=1"));

        Assert.Contains("Cycle 1", page.QuerySelector("h2#cycle")!.TextContent);
        Assert.Contains("Signed off", page.QuerySelector(".cogov-cycle-facts")!.TextContent);
        Assert.Equal(19, page.QuerySelectorAll("li.cogov-question").Length);
    }

    [Fact]
    public async Task SomeoneWhoIsNotSignedInIsSentToTheLoginPage()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(RosteringPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/organisations/" + OtherOrganisation.Key)]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/systems/driver-scheduling")]
    [InlineData("/organisations/no-such-organisation")]
    [InlineData("/organisations/riverside-hospital/systems/no-such-system")]
    [InlineData(RosteringPage + "?cycle=9")]
    public async Task AMemberOfOneOrganisationGetsNotFoundAndNothingElseForAnotherOrganisationsPages(string url)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(OtherOrganisation.Name, body);
        Assert.DoesNotContain("Secret Driver Scheduler", body);
    }

    [Fact]
    public async Task EachQuestionLinksToItsQuestionPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(RosteringPage));

        var links = page.QuerySelectorAll("li.cogov-question .cogov-question-text a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Enumerable.Range(1, 19).Select(n => $"organisations/riverside-hospital/systems/rostering/cycles/2/questions/{n}"), links);
    }

    [Fact]
    public async Task AStewardIsOfferedSendingTheDraftsOfAnOpenCycleAndAManagerIsNot()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        using var manager = await app.SignedInClientAsync(DemoLogins.Manager);
        const string screening = "/organisations/riverside-hospital/systems/applicant-screening";

        var forSteward = await CoGovWebApp.ParseAsync(await steward.GetAsync(screening));
        var forManager = await CoGovWebApp.ParseAsync(await manager.GetAsync(screening));

        var actions = forSteward.QuerySelectorAll(".cogov-page-actions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["organisations/riverside-hospital/systems/applicant-screening/cycles/1/send"], actions);
        Assert.Empty(forManager.QuerySelectorAll(".cogov-page-actions a"));
        // The cycle is not settled yet: no one has a sign-off to make or read.
        Assert.DoesNotContain(forSteward.QuerySelectorAll("a"), a => a.GetAttribute("href")?.EndsWith("/sign-off", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ASignedOffCycleLinksToItsSignOffAndACycleInProgressOffersNoNextCycle()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var earlier = await CoGovWebApp.ParseAsync(await client.GetAsync(RosteringPage + "?cycle=1"));
        var newest = await CoGovWebApp.ParseAsync(await client.GetAsync(RosteringPage));

        Assert.Contains(earlier.QuerySelectorAll(".cogov-cycle-facts a"), a => a.GetAttribute("href") == "organisations/riverside-hospital/systems/rostering/cycles/1/sign-off");
        Assert.Empty(newest.QuerySelectorAll(".cogov-page-actions a"));
        Assert.DoesNotContain(newest.QuerySelectorAll("a"), a => a.GetAttribute("href")?.EndsWith("/cycles/new", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheBreadcrumbsLinkTheOrganisationAndNameThisPageWithoutALink()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(RosteringPage));

        var crumbs = page.QuerySelectorAll("li.mud-breadcrumb-item").ToList();
        Assert.Equal("organisations/riverside-hospital", crumbs[0].QuerySelector("a")!.GetAttribute("href"));
        var current = crumbs[^1];
        Assert.Null(current.QuerySelector("[href]"));
        Assert.Equal("page", current.QuerySelector("span")!.GetAttribute("aria-current"));
        Assert.Empty(page.QuerySelectorAll(".mud-breadcrumbs a[href='#']"));
    }
}
