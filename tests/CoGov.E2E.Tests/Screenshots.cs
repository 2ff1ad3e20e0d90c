using Microsoft.Playwright;

namespace CoGov.E2E.Tests;

/// <summary>
/// Full-page screenshots kept as test artifacts: in $COGOV_E2E_SCREENSHOTS when set (CI uploads that folder), otherwise
/// in TestResults/screenshots beside the test assembly. Both are ignored by git.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("COGOV_E2E_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
        // A full-page capture leaves Chromium's page scrolled elsewhere than what it shows and hit-tests: a click aimed
        // from one lands where the button is not. Scrolling back to where the page was makes the two agree again.
        await page.EvaluateAsync("scrolled => window.scrollTo(0, scrolled)", scrolled);
    }
}
