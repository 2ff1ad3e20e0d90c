using CoGov.Domain.Assessments;
using CoGov.Workflows.Questions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>What the browser lets a person do is what the engine allows them, whatever address or form they send.</summary>
public sealed class AuthorisationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Other = $"organisations/{OtherOrganisation.Key}";
    private const string OtherSystem = $"{Other}/systems/{OtherOrganisation.SystemKey}";

    public static TheoryData<string> OtherOrganisationPages() => new(
        Other,
        $"{Other}/chase",
        $"{Other}/my-questions",
        $"{Other}/committee",
        $"{Other}/committee/agenda",
        $"{Other}/committee/history",
        $"{Other}/admin",
        $"{Other}/admin/policy",
        $"{Other}/admin/templates",
        $"{Other}/systems/new",
        OtherSystem,
        $"{OtherSystem}/cycles/new",
        $"{OtherSystem}/cycles/1/send",
        $"{OtherSystem}/cycles/1/questions/1",
        $"{OtherSystem}/cycles/1/sign-off");

    [Theory]
    [MemberData(nameof(OtherOrganisationPages))]
    public async Task StewardOfOneOrganisationSeesNothingOfAnother(string path)
    {
        var page = await app.SignedInPageAsync(DemoLogins.Steward);

        var response = await page.GotoAsync(path);

        Assert.Contains(response!.Status, new[] { 403, 404 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var secret in new[] { "Northfield", OtherOrganisation.SystemName, "RouteCo", "Sam Ode", "Kim Lee", "Schedules drivers" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ManagerWhoAnsweredCannotAcceptTheirOwnAnswer()
    {
        // Question 3 of ShiftWise's current cycle is back with Daniel Reyes for clarification.
        const string question = $"organisations/{DemoLogins.Organisation}/systems/rostering/cycles/2/questions/3";
        var manager = await app.SignedInPageAsync(DemoLogins.Manager);
        await manager.GotoAsync(question);
        await manager.GetByLabel("Your answer").FillAsync("Clause 14.3 lets Calderbrook train Predict on de-identified data; we can switch it off at no cost.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer is in the record.");

        // Nothing on the page offers to accept it.
        await Expect(manager.Locator(".cogov-facts")).ToContainTextAsync("Answer to review");
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true })).ToHaveCountAsync(0);
        var entries = await manager.Locator(".cogov-entries > li").CountAsync();

        // The accept form posted anyway, as a hand-made form would: the same fields the steward's page posts.
        await manager.EvaluateAsync(
            """
            () => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = location.pathname;
                const token = document.querySelector('input[name=__RequestVerificationToken]').value;
                for (const [name, value] of [['_handler', 'accept'], ['__RequestVerificationToken', token]]) {
                    const input = document.createElement('input');
                    input.type = 'hidden';
                    input.name = name;
                    input.value = value;
                    form.append(input);
                }
                document.body.append(form);
                form.submit();
            }
            """);

        // Accepting needs the Steward role, which a manager does not hold: the page answers as for anything not theirs.
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "authorisation-own-answer-refused");
        await manager.GotoAsync(question);
        await Expect(manager.Locator(".cogov-facts")).ToContainTextAsync("Answer to review");
        await Expect(manager.Locator(".cogov-entries > li")).ToHaveCountAsync(entries);
        var thread = await app.SendAsAsync(DemoLogins.Steward, new GetQuestionThread(DemoLogins.Organisation, "rostering", 2, 3));
        Assert.Equal(QuestionState.Answered, thread.State);
        await manager.Context.CloseAsync();
    }
}
