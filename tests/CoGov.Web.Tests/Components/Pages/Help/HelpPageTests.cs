using System.Net;
using System.Text.RegularExpressions;
using CoGov.Domain.Assessments;

namespace CoGov.Web.Tests.Components.Pages.Help;

/// <summary>The help page, read by the demo's people; it changes nothing.</summary>
public sealed class HelpPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Help = "/help/workflow";

    [Fact]
    public async Task AStewardReadsEveryQuestionStateWithWhoMayMakeEachMove()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(Help);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        var states = page.QuerySelectorAll("section[aria-labelledby=question] li.cogov-machine-state").ToList();
        Assert.Equal(Enum.GetNames<QuestionState>().Order(StringComparer.Ordinal), states.Select(s => s.GetAttribute("data-state")!).Order(StringComparer.Ordinal));
        Assert.All(states, s => Assert.False(string.IsNullOrWhiteSpace(s.QuerySelector(".cogov-state-explanation")?.TextContent)));
        string Move(string state, string trigger) =>
            Text(states.Single(s => s.GetAttribute("data-state") == state).QuerySelector($"li[data-trigger={trigger}]")!);

        Assert.Equal("Send it to its accountable manager: it becomes Awaiting answer. Who may: the workers' side.", Move("Draft", "Send"));
        Assert.Equal("Answer it: it becomes Answer to review. Who may: its accountable manager or their delegate.", Move("Sent", "Answer"));
        Assert.Equal("Delegate the answer to another manager (the accountable manager stays accountable): it stays where it is. Who may: its accountable manager.", Move("ClarificationRequested", "Delegate"));
        Assert.Equal("Record the committee's resolution: it becomes Resolved by committee. Who may: a chair of the joint committee.", Move("Challenged", "Resolve"));
        Assert.Equal(
            "Grant more time: it goes back to Awaiting answer if it was sent, or Clarification asked if it was back for clarification. Who may: the workers' side.",
            Move("ExtensionRequested", "GrantExtension"));
        var accepted = states.Single(s => s.GetAttribute("data-state") == "Accepted");
        Assert.Empty(accepted.QuerySelectorAll("li[data-trigger]"));
        Assert.Contains("Nothing moves it on from here.", accepted.TextContent);

        // Both lifecycles drawn, served by the app itself.
        foreach (var drawing in page.QuerySelectorAll("figure.cogov-drawing img").Select(i => i.GetAttribute("src")!))
        {
            var svg = await client.GetAsync("/" + drawing);
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(["help/question-lifecycle.svg", "help/assessment-cycle.svg"], page.QuerySelectorAll("figure.cogov-drawing img").Select(i => i.GetAttribute("src")));

        // The graph is the machine's own export, for those who want it, folded away.
        var graph = page.QuerySelector("section[aria-labelledby=question] details.cogov-graph pre")!;
        Assert.Equal(QuestionItem.DotGraph(), graph.TextContent);
        Assert.Equal(Assessment.DotGraph(), page.QuerySelector("section[aria-labelledby=cycle] details.cogov-graph pre")!.TextContent);
    }

    [Fact]
    public async Task TheCycleIsDescribedAndTheClockIsTheOrganisationsOwn()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Help));

        Assert.Equal(
            ["Open", "AwaitingAnswers", "InReview", "AwaitingSignOff", "SignedOff"],
            page.QuerySelectorAll("section[aria-labelledby=cycle] li.cogov-machine-state").Select(s => s.GetAttribute("data-state")));
        Assert.Contains("Who may: a workers'-side member of the joint committee",
            Text(page.QuerySelector("section[aria-labelledby=cycle] li[data-trigger=WorkersCountersigned]")!));
        Assert.Equal("riverside-hospital", page.QuerySelector("[data-policy]")!.GetAttribute("data-policy"));
        Assert.Contains("At Riverside Municipal Hospital", page.QuerySelector("[data-policy]")!.TextContent);
        Assert.Contains("Europe/London", page.QuerySelector("[data-term=calendar]")!.TextContent);
        Assert.Equal("page", page.QuerySelector("nav.cogov-org-nav a[href='help/workflow']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task SomeoneSignedOutIsSentToSignIn()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(Help);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
