using System.Net;

namespace CoGov.Web.Tests.Components.Pages.Organisations;

public sealed class OrganisationPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AfterLoggingInAStewardSeesTheirOrganisation()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var home = await CoGovWebApp.ParseAsync(await client.GetAsync("/"));

        var links = home.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("organisations/riverside-hospital", links);
        Assert.DoesNotContain("organisations/" + OtherOrganisation.Key, links);
        Assert.Contains("You are Amara Okafor", home.Body!.TextContent);
    }

    [Fact]
    public async Task TheOrganisationPageShowsTheJointCommitteeBySideAndTheSystems()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync("/organisations/riverside-hospital");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("Riverside Municipal Hospital", page.QuerySelector("h1")!.TextContent.Trim());
        var committee = page.QuerySelector("section[aria-labelledby=committee]")!.TextContent;
        foreach (var member in new[] { "Leila Haddad", "Amara Okafor", "Tomasz Nowak", "Helen Marsh", "Daniel Reyes", "Priya Nair" })
        {
            Assert.Contains(member, committee);
        }
        Assert.DoesNotContain("Kwame Asante", committee);
        var systems = page.QuerySelectorAll("section[aria-labelledby=systems] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, systems.Count);
        Assert.Contains(systems, s => s.Contains("ShiftWise Rostering") && s.Contains("Awaiting answers"));
        Assert.Contains(systems, s => s.Contains("CandidateMatch CV Screening") && s.Contains("Open, not sent"));
    }

    [Fact]
    public async Task TheWorkersSideIsOfferedRegisteringASystemAndManagementIsNot()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        using var manager = await app.SignedInClientAsync(DemoLogins.Manager);

        var forSteward = await CoGovWebApp.ParseAsync(await steward.GetAsync("/organisations/riverside-hospital"));
        var forManager = await CoGovWebApp.ParseAsync(await manager.GetAsync("/organisations/riverside-hospital"));

        Assert.Contains(forSteward.QuerySelectorAll("section[aria-labelledby=systems] a"), a => a.GetAttribute("href") == "organisations/riverside-hospital/systems/new");
        Assert.DoesNotContain(forManager.QuerySelectorAll("a"), a => a.GetAttribute("href") == "organisations/riverside-hospital/systems/new");
    }
}
