using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// Every main page as the person who uses it: axe-core finds nothing serious or critical (no rule switched off), and on
/// a 360 px phone nothing scrolls sideways.
/// </summary>
public sealed class MainPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    internal const int PhoneWidth = 360;

    // Only the violations come back: passes and the rest are most of axe's result and of the time it takes here.
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    [Theory]
    [MemberData(nameof(MainPages.Names), MemberType = typeof(MainPages))]
    public async Task MainPageHasNoSeriousOrCriticalAccessibilityViolations(string name)
    {
        var page = await OpenAsync(MainPages.Named(name), width: 1280);
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(MainPages.Names), MemberType = typeof(MainPages))]
    public async Task MainPageFitsAPhoneWithoutScrollingSideways(string name)
    {
        var page = await OpenAsync(MainPages.Named(name), width: PhoneWidth);
        await AssertFitsAsync(page, name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginPageIsAccessibleAndFitsAPhone()
    {
        var page = await app.AnonymousPageAsync(width: PhoneWidth);
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to CoGov", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertFitsAsync(page, "login");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenAsync(MainPages.MainPage main, int width)
    {
        var page = await app.SignedInPageAsync(main.Email, width);
        var response = await page.GotoAsync(main.Path);
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        return page;
    }

    internal static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(ViolationsOnly);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n    "
            + string.Join("\n    ", v.Nodes.Select(n => $"{n.Target} {n.Html} {n.Any.FirstOrDefault()?.Message}")))));
    }

    internal static async Task AssertFitsAsync(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            // Name what sticks out, so the failure says which element to fix.
            var wide = await page.EvaluateAsync<string[]>(
                """
                limit => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= limit + 0.5)
                    .slice(0, 10)
                    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`)
                """, PhoneWidth);
            await Screenshots.SaveAsync(page, $"phone-{name}");
            Assert.Fail($"{name} is {width} px wide at {PhoneWidth} px: {string.Join("; ", wide)}");
        }
    }
}
