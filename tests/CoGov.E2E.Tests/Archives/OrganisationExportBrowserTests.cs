using System.Security.Cryptography;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests.Archives;

/// <summary>
/// The administrator's export in a real browser on a phone (decision record 26): the members page's plain form posts
/// with its antiforgery token and the browser saves the archive the answer carries, from the keyboard, while the page
/// stays as it was; both chairs are mailed the SHA-256 of the file the browser saved.
/// </summary>
public sealed class OrganisationExportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AnAdministratorSavesTheArchiveFromTheMembersPageWithEnterAndTheChairsAreMailedItsSha256()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"organisations/{DemoLogins.Organisation}/admin");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Download the export" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Export the organisation" })).ToBeVisibleAsync();

        await button.FocusAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        var saved = await File.ReadAllBytesAsync((await download.PathAsync())!);

        Assert.Equal("riverside-hospital-export-2026-11-23T090000Z.zip", download.SuggestedFilename);
        Assert.True(saved is [(byte)'P', (byte)'K', ..], "The browser saved no zip.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Export the organisation" })).ToBeVisibleAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(saved));
        Assert.Contains(sha, app.LatestMailTo(DemoLogins.Leila).TextBody, StringComparison.Ordinal);
        Assert.Contains(sha, app.LatestMailTo(DemoLogins.Helen).TextBody, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
