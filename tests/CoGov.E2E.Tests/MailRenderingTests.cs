using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace CoGov.E2E.Tests;

/// <summary>
/// A real mail's HTML part, opened in chromium the way a cautious mail client shows it: JavaScript off, every request
/// it would make refused, on a phone's 360 pixels. The question, its deadline and the link must be there to read and
/// tap, and nothing may run off the side.
/// </summary>
public sealed class MailRenderingTests(MailRenderingTests.MailApp app) : IClassFixture<MailRenderingTests.MailApp>
{
    /// <summary>The demo app in a browser, which keeps the mail it is tested on.</summary>
    public sealed class MailApp : BrowserApp
    {
        /// <summary>The clarification mail, made once for the class's tests.</summary>
        public Task<MimeMessage>? Clarification { get; set; }
    }

    private const string LongWord = "ShiftWisePredictRosterEngineConfigurationIdentifierWithoutAnySpacesAtAll_0123456789ABCDEF0123456789";
    private const string Hostile = "\"><img src=https://tracker.example/pixel.gif onerror=alert(1)><link rel=stylesheet href=https://evil.example/a.css>";

    [Fact]
    public async Task TheHtmlPartShowsTheQuestionDeadlineAndLinkAt360PixelsWithoutScriptsRequestsOrSidewaysScrolling()
    {
        var mail = await (app.Clarification ??= ClarificationMailAsync());
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 360, Height = 640 },
        });
        var requests = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            requests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.SetContentAsync(mail.HtmlBody!, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(requests);
        var question = page.GetByText("Question 6:", new PageGetByTextOptions { Exact = false });
        await Assertions.Expect(question).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Your clarification is due", new PageGetByTextOptions { Exact = false })).ToBeVisibleAsync();
        var button = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Clarify your answer to question 6" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        var link = await button.GetAttributeAsync("href");
        Assert.StartsWith(app.BaseUrl, link, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = link!, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(LongWord, new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
        // Nothing wider than the screen: every element's right edge within 360 pixels.
        var overflowing = new List<string>();
        foreach (var element in await page.Locator("body *").ElementHandlesAsync())
        {
            if (await element.BoundingBoxAsync() is { } box && box.X + box.Width > 360.5)
            {
                overflowing.Add($"{await element.EvaluateAsync<string>("e => e.tagName")} ends at {box.X + box.Width}");
            }
        }
        Assert.Empty(overflowing);
        Assert.Empty(requests);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ThePreferencesLinkInTheMailOpensWithoutALoginAt360PixelsAndTheDigestIsChosenByKeyboardAlone()
    {
        var mail = await (app.Clarification ??= ClarificationMailAsync());
        var link = mail.Headers[HeaderId.ListUnsubscribe]![1..^1];
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        var page = await app.AnonymousPageAsync(width: 360, height: 740);

        await page.GotoAsync(link);
        for (var i = 0; i < 40 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "delivery-every"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("#delivery-digest")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved: one daily digest");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 pixels.");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Question 6 answered with a long unbroken word and markup a mail client must not load, then sent back for
    /// clarification: the manager's mail, written by the real sender to the pickup folder.
    /// </summary>
    private async Task<MimeMessage> ClarificationMailAsync()
    {
        string managerAddress;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var organisation = await db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
                .SingleAsync(o => o.Key == DemoLogins.Organisation);
            var rules = (await db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id)).Deadlines;
            var systemId = await db.Systems.Where(s => s.Key == "rostering").Select(s => s.Id).SingleAsync();
            var rostering = await db.Assessments.Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs)
                .SingleAsync(a => a.SystemId == systemId && a.Cycle == 2);
            var now = app.Clock.GetUtcNow();
            var manager = organisation.ActorFor(rostering.Question(6).AssigneeId!.Value);
            rostering.Answer(6, $"The engine is configured as {LongWord}.\n{Hostile}", manager, now);
            rostering.RequestClarification(6, $"What does {LongWord} mean for night shifts? {Hostile}", organisation.ActorFor(organisation.FindPerson("amara-okafor")!.Id), now, rules);
            await db.SaveChangesAsync();
            managerAddress = organisation.FindPerson(manager.PersonId)!.Email;
        }
        for (var round = 0; round < 10; round++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).Due == 0)
            {
                break;
            }
        }
        var mail = app.LatestMailTo(managerAddress);
        Assert.StartsWith("Clarification asked on question 6", mail.Subject, StringComparison.Ordinal);
        return mail;
    }
}
