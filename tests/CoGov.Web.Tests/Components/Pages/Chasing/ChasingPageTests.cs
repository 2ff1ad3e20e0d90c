using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Chasing;

/// <summary>
/// The chase board and a manager's own list on the demo at its fixed moment, Monday 23 November 2026: rostering cycle
/// 2 has questions 3, 6, 7, 9, 14, 15, 18 and 19 overdue.
/// </summary>
public sealed class ChasingPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string ChaseBoard = "/organisations/riverside-hospital/chase";
    private const string MyQuestions = "/organisations/riverside-hospital/my-questions";

    [Fact]
    public async Task TheChaseBoardShowsRosteringsOverdueQuestionsOldestFirstWithDaysOverdue()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await GetPageAsync(client, ChaseBoard);

        Assert.Equal("Chase board", page.QuerySelector("h1")!.TextContent.Trim());
        var overdue = page.QuerySelectorAll("section[aria-labelledby=chase-overdue] li.cogov-chase-row").ToList();
        Assert.Equal(
            ["rostering-2-6", "rostering-2-7", "rostering-2-9", "rostering-2-14", "rostering-2-15", "rostering-2-18", "rostering-2-19", "rostering-2-3"],
            overdue.Select(r => r.GetAttribute("data-question")));
        Assert.Contains("6 days overdue", overdue[0].TextContent);
        Assert.Contains("Daniel Reyes", overdue[0].TextContent);
        Assert.Contains("Kwame Asante", overdue[2].TextContent);
        Assert.Equal("organisations/riverside-hospital/systems/rostering/cycles/2/questions/6", overdue[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.All(overdue, r => Assert.Equal(2, r.QuerySelectorAll("button[type=submit]").Length));
        // One form for the whole board, however many buttons.
        Assert.Single(page.QuerySelectorAll("main form"));
        Assert.Contains(page.QuerySelectorAll("section[aria-labelledby=chase-waiting] li"), r => r.GetAttribute("data-question") == "rostering-2-4");
        Assert.Equal("page", page.QuerySelector(".cogov-org-nav a[href$='/chase']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task RemindNowPostsAddsARemindedEntryAndComesBackToTheBoard()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var before = await RemindersAsync(7);
        var page = await GetPageAsync(client, ChaseBoard);

        var response = await client.PostFormAsync(ChaseBoard, page.NamedForm("chase")!, Pressing(page, "rostering-2-7", "Remind now"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ChaseBoard + "?done=remind", Systems.SystemWorkPageTests.PathOf(response.Headers.Location!));
        var reminders = await RemindersAsync(7);
        Assert.Equal(before.Count + 1, reminders.Count);
        Assert.Equal("Amara Okafor", reminders[^1].ActorName);
        Assert.StartsWith("Reminder sent by Amara Okafor", reminders[^1].Text, StringComparison.Ordinal);
        var after = await GetPageAsync(client, ChaseBoard + "?done=remind");
        Assert.Contains("The reminder is on its way.", after.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task EscalatePostsAnEscalation()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await GetPageAsync(client, ChaseBoard);

        var response = await client.PostFormAsync(ChaseBoard, page.NamedForm("chase")!, Pressing(page, "rostering-2-18", "Escalate"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var log = await LogOfAsync(18);
        // To Helen Marsh, Daniel Reyes's superior, or to the chairs if the sweep has escalated to her already.
        Assert.Contains(log, e => e.Kind == LogEntryKind.Escalated && e.Text.StartsWith("Escalated by Amara Okafor to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AButtonForAQuestionNoLongerWaitingOnManagementChasesNothingAndSaysSo()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await GetPageAsync(client, ChaseBoard);

        // Question 4 is answered: the board offers no button for it, as a page shown before the answer came would have.
        var response = await client.PostFormAsync(ChaseBoard, page.NamedForm("chase")!, new Dictionary<string, string?> { ["chase"] = "remind:rostering:2:4" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("Question 4 is not waiting on an answer from management; there is nothing to remind them of.", after.QuerySelector("[role=alert]")!.TextContent);
        Assert.DoesNotContain(await LogOfAsync(4), e => e.Kind == LogEntryKind.Reminded && e.ActorName == "Amara Okafor");
    }

    [Fact]
    public async Task AManagerReadsTheBoardWithoutButtons()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var page = await GetPageAsync(client, ChaseBoard);

        Assert.NotEmpty(page.QuerySelectorAll("section[aria-labelledby=chase-overdue] li"));
        Assert.Empty(page.QuerySelectorAll("main button"));
        Assert.Contains("Waiting on the workers' side", page.QuerySelector("h2#chase-waiting")!.TextContent);
    }

    [Fact]
    public async Task AManagerSeesTheirQuestionsOverdueFirstThenByDeadline()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var page = await GetPageAsync(client, MyQuestions);

        var rows = page.QuerySelectorAll("li.cogov-mine-row").ToList();
        Assert.Equal(
            ["rostering-2-6", "rostering-2-7", "rostering-2-14", "rostering-2-15", "rostering-2-18", "rostering-2-19", "rostering-2-3",
             "staff-monitoring-1-6", "staff-monitoring-1-7", "staff-monitoring-1-8"],
            rows.Take(10).Select(r => r.GetAttribute("data-question")));
        Assert.All(rows.Take(7), r => Assert.Contains("Overdue", r.QuerySelector(".cogov-state")!.TextContent));
        Assert.Contains("Awaiting answer", rows[7].TextContent);
        Assert.Equal("organisations/riverside-hospital/systems/rostering/cycles/2/questions/6", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(rows, r => r.GetAttribute("data-question") is "rostering-2-9" or "rostering-2-10");
        Assert.Equal("page", page.QuerySelector(".cogov-org-nav a[href$='/my-questions']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task AStewardWithNothingRoutedToThemIsToldSo()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await GetPageAsync(client, MyQuestions);

        Assert.Empty(page.QuerySelectorAll("li.cogov-mine-row"));
        Assert.Contains("No question of an open cycle is routed to you, Amara Okafor.", page.Body!.TextContent);
    }

    /// <summary>What the browser adds to the form's fields when a row's button is pressed: the button's name and value.</summary>
    private static Dictionary<string, string?> Pressing(IDocument page, string row, string button)
    {
        var pressed = page.QuerySelector($"li[data-question={row}]")!.QuerySelectorAll("button").OfType<IHtmlButtonElement>()
            .Single(b => b.TextContent.Trim() == button);
        return new() { [pressed.Name!] = pressed.Value };
    }

    private async Task<List<LogEntry>> RemindersAsync(int number) =>
        // Amara's own: the app's sweep may remind on the policy's schedule at any moment too.
        (await LogOfAsync(number)).Where(e => e.Kind == LogEntryKind.Reminded && e.ActorName == "Amara Okafor").ToList();

    /// <summary>Rostering cycle 2's log for one question, oldest first, read from the app's database.</summary>
    private async Task<List<LogEntry>> LogOfAsync(int number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var systemId = await db.Systems.Where(s => s.Key == "rostering").Select(s => s.Id).SingleAsync();
        var assessmentId = await db.Assessments.Where(a => a.SystemId == systemId && a.Cycle == 2).Select(a => a.Id).SingleAsync();
        return await db.LogEntries.AsNoTracking().Where(e => e.AssessmentId == assessmentId && e.QuestionNumber == number)
            .OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}.");
        return await CoGovWebApp.ParseAsync(response);
    }
}
