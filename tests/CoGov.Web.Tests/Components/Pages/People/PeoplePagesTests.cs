using System.Net;
using AngleSharp.Html.Dom;

namespace CoGov.Web.Tests.Components.Pages.People;

/// <summary>
/// The people, committee and audit pages, used by the demo's administrator through the real forms. The demo committee
/// is Leila Haddad and Helen Marsh in the chairs with Amara Okafor, Tomasz Nowak, Daniel Reyes and Priya Nair.
/// </summary>
public sealed class PeoplePagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Admin = DemoLogins.Admin;
    private const string People = "/organisations/riverside-hospital/admin/people";
    private const string Committee = "/organisations/riverside-hospital/admin/committee";
    private const string Audit = "/organisations/riverside-hospital/admin/audit";

    [Fact]
    public async Task AnAdministratorAddsAPersonOnEachSideSeatsThemAndSeesItInTheAuditLog()
    {
        using var client = await app.SignedInClientAsync(Admin);

        var sam = await AddAsync(client, "Sam Lee", "sam.lee@riverside-hospital.example", "Workers", superior: null);
        Assert.EndsWith("admin/people?added=sam-lee", sam.Headers.Location!.OriginalString);
        var added = await CoGovWebApp.ParseAsync(await client.GetAsync(sam.Headers.Location));
        Assert.Contains("Sam Lee is added.", added.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(added.QuerySelector("li[data-person='sam-lee']"));
        var grace = await AddAsync(client, "Grace Obi", "grace.obi@riverside-hospital.example", "Management", superior: "helen-marsh");
        Assert.Equal(HttpStatusCode.Redirect, grace.StatusCode);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee));
        var form = page.NamedForm("committee-seats")!;
        var seated = await client.PostFormAsync(Committee, form, new Dictionary<string, string?>
        {
            ["Form.Seats[sam-lee]"] = "Member",
            ["Form.Seats[grace-obi]"] = "Member",
        });

        Assert.Equal(HttpStatusCode.Redirect, seated.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(seated.Headers.Location));
        Assert.Contains("The committee's new seats are saved.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(after.QuerySelector("li[data-seat='sam-lee']"));
        Assert.NotNull(after.QuerySelector("li[data-seat='grace-obi']"));
        Assert.Null(after.QuerySelector("[role=alert]"));

        var audit = await CoGovWebApp.ParseAsync(await client.GetAsync(Audit));
        var entries = audit.QuerySelectorAll("ol.cogov-audit li").Select(li => li.TextContent).ToList();
        // Newest first; other tests of this class may have added entries of their own around these.
        var seats = entries.FindIndex(e => e.Contains("Sam Lee seated as member for the workers' side; Grace Obi seated as member for the management side", StringComparison.Ordinal));
        var graceAdded = entries.FindIndex(e => e.Contains("Added Grace Obi (grace-obi), management side", StringComparison.Ordinal));
        var samAdded = entries.FindIndex(e => e.Contains("Added Sam Lee (sam-lee), workers' side", StringComparison.Ordinal));
        Assert.True(seats >= 0 && seats < graceAdded && graceAdded < samAdded, string.Join(Environment.NewLine, entries));
        Assert.Equal("page", audit.QuerySelector($"nav.cogov-admin-nav a[href='{Audit[1..]}']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task SeatsThatBreakParityAreRefusedBesideTheFormAndNothingChanges()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee));

        var response = await client.PostFormAsync(Committee, page.NamedForm("committee-seats")!,
            new Dictionary<string, string?> { ["Form.Seats[kwame-asante]"] = "Member" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("must give both sides equal seats", refused.QuerySelector("[role=alert]")!.TextContent);
        var again = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee));
        Assert.Null(again.QuerySelector("li[data-seat='kwame-asante']"));
    }

    [Fact]
    public async Task AnAdministratorSetsWhenTheCommitteeMayDecideAndAnEmptyMinimumIsRefusedBesideItsField()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#quorum-equal")!).IsChecked);

        var empty = await client.PostFormAsync(Committee, page.NamedForm("committee-quorum")!,
            new Dictionary<string, string?> { ["Quorum.MinimumPerSide"] = "" });

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(empty);
        Assert.Contains("The quorum needs at least one person present from each side.", refused.QuerySelector("#quorum-minimum-refusal")!.TextContent);

        var saved = await client.PostFormAsync(Committee, page.NamedForm("committee-quorum")!,
            new Dictionary<string, string?> { ["Quorum.MinimumPerSide"] = "2", ["Quorum.SidesEqual"] = null });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Contains("The committee's new quorum is saved.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("at least 2 present from each side, in any proportion", after.QuerySelector("section[aria-labelledby=quorum] .cogov-hint")!.TextContent);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)after.QuerySelector("#quorum-equal")!).IsChecked);
        var audit = await CoGovWebApp.ParseAsync(await client.GetAsync(Audit));
        Assert.Contains(audit.QuerySelectorAll("ol.cogov-audit li"),
            li => li.TextContent.Contains("The quorum of Joint Committee on Algorithmic Systems is now at least 2 present from each side, in any proportion.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetiringSomeoneWithASeatIsRefusedSayingWhatToChangeFirst()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var url = $"{People}/tomasz-nowak";
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(url));

        var response = await client.PostFormAsync(url, page.NamedForm("retire-person")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("Tomasz Nowak holds a seat on Joint Committee on Algorithmic Systems: change the committee's seats first, then retire them.",
            refused.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task AnAdministratorEditsAPersonAndRetiresSomeoneNothingDependsOn()
    {
        using var client = await app.SignedInClientAsync(Admin);
        await AddAsync(client, "Ola Nordmann", "ola@riverside-hospital.example", "Workers", superior: null);
        var url = $"{People}/ola-nordmann";
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(url));

        var saved = await client.PostFormAsync(url, page.NamedForm("edit-person")!, new Dictionary<string, string?> { ["Form.Department"] = "Theatres" });
        Assert.EndsWith("admin/people/ola-nordmann?saved=true", saved.Headers.Location!.OriginalString);
        var edited = await CoGovWebApp.ParseAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Equal("Theatres", ((IHtmlInputElement)edited.QuerySelector("#edit-department")!).Value);

        var retired = await client.PostFormAsync(url, edited.NamedForm("retire-person")!);

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var list = await CoGovWebApp.ParseAsync(await client.GetAsync(retired.Headers.Location));
        var ola = list.QuerySelector("li[data-person='ola-nordmann']")!;
        Assert.Contains("cogov-person-retired", ola.ClassName);
        Assert.Contains("Retired on", ola.TextContent);
        var seats = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee));
        Assert.Null(seats.QuerySelector("#seat-ola-nordmann"));
    }

    [Theory]
    [InlineData(People)]
    [InlineData(People + "/amara-okafor")]
    [InlineData(Committee)]
    [InlineData(Audit)]
    public async Task AStewardWhoIsNoChairFindsNoneOfThesePages(string url)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Amara);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AChairReadsTheAuditLogWithoutTheAdministrationsLinks()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Leila);

        var response = await client.GetAsync(Audit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("Audit log", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("nav.cogov-admin-nav"));
        var committee = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/committee"));
        Assert.Contains(Audit[1..], committee.QuerySelectorAll("nav.cogov-committee-nav a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task AMemberWhoIsNoChairIsNotOfferedTheAuditLogOnTheCommitteesPages()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Amara);

        var committee = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/committee"));

        Assert.DoesNotContain(Audit[1..], committee.QuerySelectorAll("nav.cogov-committee-nav a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task ThePeoplePageIsLinkedFromTheAdministration()
    {
        using var client = await app.SignedInClientAsync(Admin);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/admin"));

        var links = page.QuerySelectorAll("nav.cogov-admin-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(People[1..], links);
        Assert.Contains(Committee[1..], links);
        Assert.Contains(Audit[1..], links);
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string name, string email, string side, string? superior)
    {
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(People));
        return await client.PostFormAsync(People, page.NamedForm("add-person")!, new Dictionary<string, string?>
        {
            ["Form.Name"] = name,
            ["Form.Email"] = email,
            ["Form.Side"] = side,
            ["Form.Title"] = "Someone",
            ["Form.SuperiorKey"] = superior ?? "",
        });
    }
}
