using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CoGov.Workflows.Questions;

namespace CoGov.Web.Tests.Components.Pages.Committee;

/// <summary>The committee's pages and the sign-off page, read by the demo's people. Nothing here changes the demo's data.</summary>
public sealed class CommitteePagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Committee = "/organisations/riverside-hospital/committee";
    private const string Leila = DemoLogins.Leila;

    [Fact]
    public async Task AStewardSeesTheDashboardWithTheGridTotalsOverdueChartAndCyclesDue()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(Committee);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("page", page.QuerySelector("nav.cogov-org-nav a[href='organisations/riverside-hospital/committee']")!.GetAttribute("aria-current"));
        Assert.Equal("8", page.QuerySelector("[data-total=overdue] .cogov-total-number")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-total=challenged] .cogov-total-number")!.TextContent);
        Assert.Equal("27", page.QuerySelector("[data-total=open] .cogov-total-number")!.TextContent);
        var rostering = page.QuerySelectorAll("tr[data-system=rostering] td").ToList();
        Assert.Equal(7, rostering.Count);
        Assert.Equal(["Overdue", "Overdue", "Overdue", "Challenged", "Overdue", "Settled", "Overdue"],
            rostering.Select(c => c.QuerySelector(".cogov-cell-label")!.TextContent));
        Assert.Contains("cogov-cell-challenged", rostering[3].ClassName);
        Assert.NotNull(page.QuerySelector("tr[data-system=staff-monitoring]"));
        Assert.NotNull(page.QuerySelector("[role=region][tabindex='0'] table.cogov-grid"));

        var points = page.QuerySelector("svg[role=img] polyline")!.GetAttribute("points")!.Split(' ');
        Assert.Equal(91, points.Length);
        Assert.Equal(91, page.QuerySelectorAll(".cogov-chart-table tbody tr").Length);
        Assert.Equal("8", page.QuerySelectorAll(".cogov-chart-table tbody tr").Last().Children[1].TextContent);
        // Nothing on the page is fetched from another host, and no chart script is loaded.
        Assert.DoesNotContain(page.QuerySelectorAll("script[src], link[href], img[src]"),
            e => (e.GetAttribute("src") ?? e.GetAttribute("href"))!.StartsWith("http", StringComparison.OrdinalIgnoreCase));

        var upcoming = page.QuerySelectorAll(".cogov-upcoming li").Select(li => li.GetAttribute("data-system")).ToList();
        Assert.Equal(["rostering", "staff-monitoring", "applicant-screening"], upcoming);
        Assert.Contains("ShiftWise Rostering, cycle 2 is due", Regex.Replace(page.QuerySelector(".cogov-upcoming li")!.TextContent, @"\s+", " "));
    }

    [Fact]
    public async Task AStewardSeesTheChallengedRosteringQuestionOnTheAgendaWithItsGroundsButNoResolutionForm()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(Committee + "/agenda");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var item = Assert.Single(page.QuerySelectorAll("li.cogov-agenda-item"));
        Assert.Equal(("rostering", "2", "11"), (item.GetAttribute("data-system"), item.GetAttribute("data-cycle"), item.GetAttribute("data-question")));
        Assert.Equal("organisations/riverside-hospital/systems/rostering/cycles/2/questions/11", item.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains("Removing names and employee numbers is pseudonymisation", item.QuerySelector(".cogov-grounds")!.TextContent);
        Assert.Contains("Challenged by Amara Okafor", item.TextContent);
        Assert.Contains("No datasets are sold.", item.TextContent);
        Assert.Equal(3, item.QuerySelectorAll(".cogov-history-entries li").Length);
        Assert.Null(item.QuerySelector("form"));
    }

    [Fact]
    public async Task AChairIsOfferedTheResolutionFormAndAnEmptyResolutionIsRefusedBesideIt()
    {
        using var client = await app.SignedInClientAsync(Leila);
        var agenda = await CoGovWebApp.ParseAsync(await client.GetAsync(Committee + "/agenda"));
        var form = agenda.QuerySelector("li.cogov-agenda-item form") as IHtmlFormElement;
        Assert.NotNull(form);
        Assert.Equal("post", form.Method);
        var label = form.QuerySelector("label")!;
        Assert.NotNull(form.QuerySelector($"textarea#{label.GetAttribute("for")}[name='Posted.Resolution']"));

        var response = await client.PostAsync(Committee + "/agenda", FormPost(form, ("Posted.Resolution", "   ")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        var alert = refused.QuerySelector("li.cogov-agenda-item form [role=alert]");
        Assert.NotNull(alert);
        Assert.Contains("Write the committee's resolution.", alert.TextContent);
        Assert.Single(refused.QuerySelectorAll("li.cogov-agenda-item"));
    }

    [Fact]
    public async Task AStewardSeesEveryCycleNewestFirstWithItsSignatures()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(Committee + "/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var cycles = page.QuerySelectorAll("li.cogov-cycle-card").ToList();
        Assert.Equal(
            [("applicant-screening", "1"), ("staff-monitoring", "1"), ("rostering", "2"), ("rostering", "1")],
            cycles.Select(c => (c.GetAttribute("data-system")!, c.GetAttribute("data-cycle")!)));
        var first = cycles[3];
        Assert.Equal("organisations/riverside-hospital/systems/rostering?cycle=1", first.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.StartsWith("Daniel Reyes, ", first.QuerySelector("[data-signature=management]")!.TextContent);
        Assert.StartsWith("Leila Haddad, ", first.QuerySelector("[data-signature=workers]")!.TextContent);
        Assert.Contains("18 accepted · 1 resolved by the committee · 0 withdrawn · 0 open", first.QuerySelector("[data-counts]")!.TextContent);
        Assert.Equal("Not yet signed", cycles[2].QuerySelector("[data-signature=management]")!.TextContent);
    }

    [Fact]
    public async Task TheSignOffPageOfACycleWithUnsettledQuestionsListsThemAndOffersNoFormEvenToItsManager()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var response = await client.GetAsync("/organisations/riverside-hospital/systems/rostering/cycles/2/sign-off");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("main form"));
        var unsettled = page.QuerySelectorAll("ol.cogov-unsettled li").ToList();
        Assert.Equal(["3", "4", "6", "7", "9", "10", "11", "12", "13", "14", "15", "18", "19"], unsettled.Select(li => li.GetAttribute("data-question")));
        Assert.Equal("organisations/riverside-hospital/systems/rostering/cycles/2/questions/11", unsettled[6].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Challenged", unsettled[6].TextContent);
        Assert.Contains("Overdue", unsettled[0].TextContent);
        Assert.Contains("Not yet signed", page.QuerySelector("[data-side=management]")!.TextContent);
        Assert.Contains("Not yet signed", page.QuerySelector("[data-side=workers]")!.TextContent);
        Assert.Equal("page", page.QuerySelector("nav.cogov-org-nav a[href='organisations/riverside-hospital']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task TheSignOffPageOfASignedOffCycleShowsBothSignaturesWithTheirStatements()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/systems/rostering/cycles/1/sign-off"));

        var management = page.QuerySelector("[data-side=management]")!;
        Assert.Contains("Signed off by Daniel Reyes", management.TextContent);
        Assert.StartsWith("Management confirms that all 19 questions", management.QuerySelector("blockquote")!.TextContent.Trim());
        var workers = page.QuerySelector("[data-side=workers]")!;
        Assert.Contains("Countersigned by Leila Haddad", workers.TextContent);
        Assert.StartsWith("The workers' side countersigns", workers.QuerySelector("blockquote")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("ol.cogov-unsettled li"));
        Assert.Empty(page.QuerySelectorAll("main form"));
    }

    [Theory]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/committee")]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/committee/agenda")]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/committee/history")]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/systems/driver-scheduling/cycles/1/sign-off")]
    [InlineData("/organisations/riverside-hospital/systems/rostering/cycles/9/sign-off")]
    public async Task AMemberOfOneOrganisationGetsNotFoundForAnothersCommitteePages(string url)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(OtherOrganisation.Name, body);
        Assert.DoesNotContain("Northfield Joint Committee", body);
    }

    [Fact]
    public async Task SomeoneNotSignedInIsSentToTheLoginPage()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(Committee);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>A form's hidden fields (its name and antiforgery token) with the given fields, as a browser would post it.</summary>
    internal static FormUrlEncodedContent FormPost(IHtmlFormElement form, params (string Name, string Value)[] fields) =>
        new(form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}

/// <summary>
/// The forms that change the record, on an app of their own since they change the demo's data; each test changes a
/// different system's cycle, so they pass in any order.
/// </summary>
public sealed class CommitteeChangeTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AChairRecordsTheCommitteesResolutionFromTheAgendaAndTheQuestionIsResolved()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Helen);
        const string agendaUrl = "/organisations/riverside-hospital/committee/agenda";
        var agenda = await CoGovWebApp.ParseAsync(await client.GetAsync(agendaUrl));
        var form = (IHtmlFormElement)agenda.QuerySelector("li.cogov-agenda-item[data-question='11'] form")!;
        const string resolution = "The committee resolved that use of staff data under clause 14.3 is suspended until a DPIA covering model training is shared.";

        var response = await client.PostAsync(agendaUrl, CommitteePagesTests.FormPost(form, ("Posted.Resolution", resolution)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(new Regex("/organisations/riverside-hospital/committee/agenda\\?resolved=rostering(%3A|:)2(%3A|:)11$"), location);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(location));
        Assert.Empty(after.QuerySelectorAll("li.cogov-agenda-item"));
        Assert.NotNull(after.QuerySelector("[role=status] [data-draft-saved='resolve:riverside-hospital:rostering:2:11']"));
        var signOff = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/systems/rostering/cycles/2/sign-off"));
        Assert.DoesNotContain("11", signOff.QuerySelectorAll("ol.cogov-unsettled li").Select(li => li.GetAttribute("data-question")));
        Assert.Equal("1", signOff.QuerySelector("[data-state=Resolved]")?.TextContent.Trim().Split(' ').Last());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var question = await (from item in db.QuestionItems
                              join cycle in db.Assessments on item.AssessmentId equals cycle.Id
                              join system in db.Systems on cycle.SystemId equals system.Id
                              where system.Key == "rostering" && cycle.Cycle == 2 && item.Number == 11
                              select new { item.State, Entry = db.LogEntries.Where(e => e.AssessmentId == cycle.Id && e.QuestionNumber == 11).OrderByDescending(e => e.Sequence).First() })
            .SingleAsync();
        Assert.Equal(QuestionState.Resolved, question.State);
        Assert.Equal((LogEntryKind.Resolved, "Helen Marsh", resolution), (question.Entry.Kind, question.Entry.ActorName, question.Entry.Text));
    }

    [Fact]
    public async Task OnceEveryQuestionIsSettledTheAccountableManagerSignsOffAndAStewardCountersignsThroughTheSignOffPage()
    {
        const string page = "/organisations/riverside-hospital/systems/applicant-screening/cycles/1/sign-off";
        // Screening's 19 questions are drafts: the workers' side withdraws them all, which settles the cycle.
        foreach (var number in Enumerable.Range(1, 19))
        {
            await SendAsAsync(DemoLogins.Tomasz,
                new WithdrawQuestion("riverside-hospital", "applicant-screening", 1, number, "Not needed in this cycle."));
        }
        using var kwame = await app.SignedInClientAsync(DemoLogins.Kwame);
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        Assert.Empty((await CoGovWebApp.ParseAsync(await tomasz.GetAsync(page))).QuerySelectorAll("main form"));

        var signOffForm = (IHtmlFormElement)(await CoGovWebApp.ParseAsync(await kwame.GetAsync(page))).QuerySelector("main form")!;
        var signed = await kwame.PostAsync(page, CommitteePagesTests.FormPost(signOffForm, ("SignOffInput.Statement", "Management confirms the cycle.")));

        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.EndsWith("sign-off?signed=management", signed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var afterSignOff = await CoGovWebApp.ParseAsync(await kwame.GetAsync(signed.Headers.Location));
        Assert.NotNull(afterSignOff.QuerySelector("[role=status] [data-draft-saved='sign-off:riverside-hospital:applicant-screening:1']"));
        Assert.Contains("Signed off by Kwame Asante", afterSignOff.QuerySelector("[data-side=management]")!.TextContent);
        Assert.Empty(afterSignOff.QuerySelectorAll("main form"));

        var countersignForm = (IHtmlFormElement)(await CoGovWebApp.ParseAsync(await tomasz.GetAsync(page))).QuerySelector("main form")!;
        Assert.NotNull(countersignForm.QuerySelector("textarea[name='CountersignInput.Statement'][data-draft='countersign:riverside-hospital:applicant-screening:1']"));
        var countersigned = await tomasz.PostAsync(page, CommitteePagesTests.FormPost(countersignForm, ("CountersignInput.Statement", "The workers' side countersigns.")));

        Assert.Equal(HttpStatusCode.Redirect, countersigned.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await tomasz.GetAsync(countersigned.Headers.Location));
        Assert.Contains("Countersigned by Tomasz Nowak", after.QuerySelector("[data-side=workers]")!.TextContent);
        Assert.Contains("Signed off", after.QuerySelector(".cogov-cycle-line")!.TextContent);
        Assert.Empty(after.QuerySelectorAll("main form"));
    }

    /// <summary>Sends a command as one of the demo's people, the way a page of theirs would.</summary>
    private async Task SendAsAsync(string email, Mediator.ICommand command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email);
        scope.ServiceProvider.GetRequiredService<UserContext>()
            .SignIn(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!.Id)], "Test")));
        await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command);
    }
}
