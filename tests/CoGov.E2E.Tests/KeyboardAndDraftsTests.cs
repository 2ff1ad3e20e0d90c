using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// A manager on an old phone or without a mouse: signing in and answering with the keyboard alone, seeing where the
/// focus is, and keeping a typed answer through a reload or a dropped connection (wwwroot/js/drafts.js).
/// </summary>
public sealed class KeyboardAndDraftsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Rostering = $"organisations/{DemoLogins.Organisation}/systems/rostering/cycles/2/questions";

    [Fact]
    public async Task ManagerSignsInAndAnswersWithTheKeyboardAlone()
    {
        var page = await app.AnonymousPageAsync();
        await page.GotoAsync("Account/Login");

        await TabToAsync(page, "e => e.id === 'Input.Email'");
        await page.Keyboard.TypeAsync(DemoLogins.Manager);
        await TabToAsync(page, "e => e.id === 'Input.Password'");
        await page.Keyboard.TypeAsync(DemoLogins.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My organisations" })).ToBeVisibleAsync();

        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'Riverside Municipal Hospital'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Riverside Municipal Hospital", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'My questions'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My questions", Level = 1 })).ToBeVisibleAsync();

        // Question 7 of ShiftWise's current cycle is routed to Daniel Reyes and not answered yet.
        await TabToAsync(page, "e => e.tagName === 'A' && e.getAttribute('href').endsWith('/rostering/cycles/2/questions/7')");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 7", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync(page, "e => e.id === 'answer-text'");
        await page.Keyboard.TypeAsync("If the rostering engine fails, wards go back to the last published roster within the hour.");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Send the answer'");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer is in the record.");
        await Expect(page.Locator(".cogov-entries > li").Last).ToContainTextAsync("wards go back to the last published roster");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TypedAnswerSurvivesAReload()
    {
        const string text = "Half-written on the ward: the monthly pilot report goes to the Deputy Chief Nurse.";
        var page = await app.SignedInPageAsync(DemoLogins.Manager);
        await page.GotoAsync($"{Rostering}/6");
        await page.GetByLabel("Your answer").FillAsync(text);
        await WaitForDraftAsync(page, "answer:riverside-hospital:rostering:2:6", saved: true);

        await page.ReloadAsync();

        await Expect(page.GetByLabel("Your answer")).ToHaveValueAsync(text);
        await Expect(page.GetByText("Restored from what you typed before on this device.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnswerSentWhileOfflineIsKeptAndSentOnceBackOnline()
    {
        const string text = "Typed on a train: the equality review of bank ranking is due in March.";
        var page = await app.SignedInPageAsync(DemoLogins.Manager);
        await page.GotoAsync($"{Rostering}/14");
        await page.GetByLabel("Your answer").FillAsync(text);
        await WaitForDraftAsync(page, "answer:riverside-hospital:rostering:2:14", saved: true);

        // The connection drops just as the answer is sent: the browser shows its own error page and the form is gone.
        await page.Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(page.GetByLabel("Your answer")).ToHaveCountAsync(0);

        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync($"{Rostering}/14");
        await Expect(page.GetByLabel("Your answer")).ToHaveValueAsync(text);
        await Expect(page.GetByText("Restored from what you typed before on this device.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer is in the record.");
        await Expect(page.Locator(".cogov-entries > li").Last).ToContainTextAsync(text);
        // Safely in the record, the draft is dropped from the browser.
        await WaitForDraftAsync(page, "answer:riverside-hospital:rostering:2:14", saved: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADraftIsShownOnlyToThePersonWhoTypedItAndIsGoneAfterTheySignOut()
    {
        const string text = "Amara's own notes on the new badge readers, for no one else on this ward computer.";
        var newSystem = CoGov.Web.Components.Pages.Systems.NewSystem.Url(DemoLogins.Organisation);
        var page = await app.AnonymousPageAsync();
        await LoginPage.SignInAsync(page, DemoLogins.Amara);
        await page.GotoAsync(newSystem);
        await page.Locator("#system-purpose").FillAsync(text);
        await page.WaitForFunctionAsync("text => Object.keys(localStorage).some(k => localStorage.getItem(k) === text)", text);

        // Amara walks away without signing out; her cookie expires, and Tomasz signs in on the same browser.
        await page.Context.ClearCookiesAsync();
        await LoginPage.SignInAsync(page, DemoLogins.Tomasz);
        await page.GotoAsync(newSystem);

        await Expect(page.Locator("#system-purpose")).ToHaveValueAsync("");
        Assert.DoesNotContain(text, await AllDraftsAsync(page));

        // Tomasz types his own, and signs out: nothing of his stays for the next person either.
        await page.Locator("#system-purpose").FillAsync("Tomasz's draft.");
        await page.WaitForFunctionAsync("text => Object.keys(localStorage).some(k => localStorage.getItem(k) === text)", "Tomasz's draft.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();

        Assert.Empty(await AllDraftsAsync(page));
        await LoginPage.SignInAsync(page, DemoLogins.Tomasz);
        await page.GotoAsync(newSystem);
        await Expect(page.Locator("#system-purpose")).ToHaveValueAsync("");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Presses Tab until the focused element matches <paramref name="isTarget"/> (a JavaScript predicate), then checks
    /// the focus can be seen: an outline, or a shadow the element has only while focused.
    /// </summary>
    internal static async Task TabToAsync(IPage page, string isTarget)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await page.EvaluateAsync<bool>($"() => document.activeElement !== null && ({isTarget})(document.activeElement)"))
            {
                var focus = await page.EvaluateAsync<string>(
                    """
                    () => {
                        const element = document.activeElement;
                        const focused = getComputedStyle(element);
                        if (focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0) {
                            return '';
                        }
                        // A focus shadow counts only if it is not there at rest (a filled button always has one).
                        const shadow = focused.boxShadow;
                        element.blur();
                        const resting = getComputedStyle(element).boxShadow;
                        element.focus();
                        return shadow !== 'none' && shadow !== resting ? '' : `${element.outerHTML.slice(0, 120)} has no visible focus`;
                    }
                    """);
                Assert.True(focus.Length == 0, focus);
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {isTarget} on {page.Url}.");
    }

    /// <summary>Waits until the signed-in login's draft under <paramref name="key"/> is kept (or gone).</summary>
    private static Task WaitForDraftAsync(IPage page, string key, bool saved) =>
        page.WaitForFunctionAsync(
            "([key, saved]) => (localStorage.getItem('cogov-draft:' + document.body.dataset.draftsOwner + ':' + key) !== null) === saved",
            new object[] { key, saved });

    /// <summary>Every CoGov draft this browser keeps, whoever typed it.</summary>
    private static Task<string[]> AllDraftsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('cogov-draft:')).map(k => localStorage.getItem(k))");
}
