using CoGov.Web.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>A fresh install set up in the browser through its setup address, on a phone.</summary>
public sealed class FirstRunTests(FreshBrowserApp app) : IClassFixture<FreshBrowserApp>
{
    [Fact]
    public async Task TheSetupPageIsAccessibleFitsAPhoneAndSignsTheNewAdministratorIntoTheirOrganisation()
    {
        // The address printed at start-up holds a token only the log shows; a fresh one stands in for it here.
        var token = app.Services.GetRequiredService<SetupToken>().Issue();
        var page = await app.AnonymousPageAsync(width: MainPagesTests.PhoneWidth);

        await page.GotoAsync($"setup?token={Uri.EscapeDataString(token)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up CoGov", Level = 1 })).ToBeVisibleAsync();
        await MainPagesTests.AssertAccessibleAsync(page);
        await MainPagesTests.AssertFitsAsync(page, "setup");

        await page.GetByLabel("Name of the organisation").FillAsync("Northfield Council");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("northfield");
        await page.GetByLabel("Name of the joint committee").FillAsync("Northfield Joint Committee");
        await page.GetByLabel("Your name").FillAsync("Rosa Lind");
        await page.GetByLabel("E-mail address").FillAsync("rosa.lind@northfield.example");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("First-run-2026!");
        await page.GetByLabel("The same password again").FillAsync("First-run-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the organisation and sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/organisations/northfield$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Northfield Council");
        await page.Context.CloseAsync();
    }
}
