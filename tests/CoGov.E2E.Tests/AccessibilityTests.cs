using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>axe-core on every main page: nothing serious or critical, with no rule switched off.</summary>
public sealed class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(MainPages.Names), MemberType = typeof(MainPages))]
    public async Task MainPageHasNoSeriousOrCriticalViolations(string name)
    {
        var main = MainPages.Named(name);
        var page = await app.SignedInPageAsync(main.Email);
        var response = await page.GotoAsync(main.Path);
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();

        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginPageHasNoSeriousOrCriticalViolations()
    {
        var page = await app.AnonymousPageAsync();
        await page.GotoAsync("Account/Login");
        await AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Select(n => $"{n.Target} {n.Html} {n.Any.FirstOrDefault()?.Message}")))));
    }
}
