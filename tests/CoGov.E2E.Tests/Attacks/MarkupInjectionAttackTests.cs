using CoGov.Domain.Assessments;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Systems;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoGov.E2E.Tests.Attacks;

/// <summary>
/// The payloads the web suite finds inert in the HTML, opened in chromium itself: in an answer, a challenge's grounds, a
/// system's name and purpose, a person's name and title. No dialog opens, no handler runs, and the page asks nothing of
/// any address but the app's own.
/// </summary>
[Trait("Category", "Attack")]
public sealed class MarkupInjectionAttackTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Organisation = $"organisations/{DemoLogins.Organisation}";

    private const string Markdown = """
        <script>alert(1); window.__xss = 'script';</script>
        <img src=x onerror="alert(2); window.__xss = 'img'">
        [click](javascript:alert(3))
        <svg onload="alert(4); window.__xss = 'svg'"></svg>
        "><script>alert(5)</script>
        &lt;script&gt;alert(6)&lt;/script&gt;
        <a href="jav&#x09;ascript:alert(7)">tab</a>
        """;

    private const string Line = "\"><script>alert(8)</script><img src=x onerror=alert(9)><svg onload=alert(10)>";

    [Fact]
    public async Task PayloadsInAnswersGroundsSystemsAndPeopleNeverRunInTheBrowser()
    {
        var number = await PlantPayloadsAsync();
        string[] pages =
        [
            Organisation,
            $"{Organisation}/chase",
            $"{Organisation}/my-questions",
            $"{Organisation}/committee",
            $"{Organisation}/committee/agenda",
            $"{Organisation}/systems/scripted",
            $"{Organisation}/systems/scripted/register",
            $"{Organisation}/systems/scripted/cycles/1/questions/{number}",
            $"{Organisation}/systems/scripted/cycles/1/record",
        ];

        foreach (var login in new[] { DemoLogins.Steward, DemoLogins.Manager })
        {
            var page = await app.SignedInPageAsync(login);
            var dialogs = new List<string>();
            var elsewhere = new List<string>();
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add($"{page.Url}: {dialog.Message}");
                await dialog.DismissAsync();
            };
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal))
                {
                    elsewhere.Add(request.Url);
                }
            };
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                // Every link on the page clicked would go nowhere dangerous: none is a javascript: address.
                var hrefs = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
                Assert.DoesNotContain(hrefs, h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
                Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
            }
            // The question page shows the payload as text, so it did reach the browser.
            await page.GotoAsync(pages[7]);
            Assert.Contains("onerror=", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

            Assert.Empty(dialogs);
            Assert.Empty(elsewhere);
            // The listener does hear a dialog when one opens, so its silence above means none did.
            await page.EvaluateAsync("() => alert('probe')");
            Assert.Single(dialogs);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Writes the payloads through the engine, as the forms would (the web suite types them into the forms): the manager's
    /// name and title, a system, its first cycle sent, an answer and a challenge. The question's number.
    /// </summary>
    private async Task<int> PlantPayloadsAsync()
    {
        await SendAsAsync(DemoLogins.Admin, new EditPerson(DemoLogins.Organisation, "daniel-reyes", "Daniel Reyes" + Line, DemoLogins.Daniel, "Director" + Line));
        await SendAsAsync(DemoLogins.Steward, new RegisterSystem(DemoLogins.Organisation, "scripted", "Scripted" + Line, Markdown, "Vendor" + Line,
            Sourcing.Procured, Markdown, [], "Operations" + Line));
        await SendAsAsync(DemoLogins.Steward, new OpenCycle(DemoLogins.Organisation, "scripted", "psi-co-governance"));
        await SendAsAsync(DemoLogins.Steward, new SendQuestions(DemoLogins.Organisation, "scripted", 1, null));
        int number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var daniel = await db.People.Where(p => p.Email == DemoLogins.Daniel).Select(p => p.Id).SingleAsync();
            var cycle = await db.Assessments.Where(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "scripted")).Select(a => a.Id).SingleAsync();
            number = await db.QuestionItems.Where(q => q.AssessmentId == cycle && q.AssigneeId == daniel && q.State == QuestionState.Sent)
                .OrderBy(q => q.Number).Select(q => q.Number).FirstAsync();
        }
        await SendAsAsync(DemoLogins.Manager, new AnswerQuestion(DemoLogins.Organisation, "scripted", 1, number, Markdown));
        await SendAsAsync(DemoLogins.Steward, new ChallengeAnswer(DemoLogins.Organisation, "scripted", 1, number, Markdown));
        return number;
    }

    /// <summary>Any command, as the person with this login, through the pipeline their browser's requests go through.</summary>
    private async Task SendAsAsync(string email, object command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoGovUser>>().CreateAsync(user));
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
