using System.Text.RegularExpressions;
using CoGov.Web.Components.Pages.Organisations;
using CoGov.Web.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>A fresh install set up in the browser through its setup address, on a phone, with a passkey.</summary>
public sealed class FirstRunTests(FreshBrowserApp app) : IClassFixture<FreshBrowserApp>
{
    [Fact]
    public async Task TheSetupPageIsAccessibleFitsAPhoneAndItsAdministratorAddsAPasskeyAndSignsInWithIt()
    {
        // The address printed at start-up holds a token only the log shows; a fresh one stands in for it here.
        var token = app.Services.GetRequiredService<SetupToken>().Issue();
        var page = await app.AnonymousPageAsync(width: MainPagesTests.PhoneWidth);
        // A device with a platform authenticator that says yes at once, as a fingerprint reader would.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        // Passkeys belong to a domain name, which an IP address is not: the same server, as localhost.
        await page.GotoAsync(new Uri(new Uri(app.BaseUrl.Replace("://127.0.0.1:", "://localhost:", StringComparison.Ordinal)), FirstOrganisation.Url(token)).AbsoluteUri);
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
        await page.GetByLabel("Add a passkey next").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the organisation and sign in" }).ClickAsync();

        await Expect(page.GetByText("Northfield Council is set up and you are its administrator.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/RenamePasskey/"));

        // Signed out, the passkey alone signs them in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        // Chromium offers the passkey as the e-mail field's autofill (conditional mediation), which this authenticator
        // accepts at once, as a person picking it would: the sign-in page signs them in with no password typed.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My organisations" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Northfield Council" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/organisations/northfield$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Northfield Council");
        await page.Context.CloseAsync();
    }
}
