using Microsoft.Playwright;
using OtpNet;

namespace CoGov.E2E.Tests;

/// <summary>An authenticator app, as its owner uses it: reads the key the set-up page shows and types the code it makes.</summary>
internal static class Authenticator
{
    /// <summary>From the two-factor page: adds an authenticator app and confirms it with its first code.</summary>
    public static async Task EnrolAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an authenticator app" }).ClickAsync();
        var key = await page.Locator("kbd").InnerTextAsync();
        await page.GetByLabel("Verification code").FillAsync(Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Your authenticator app is verified.");
    }

    /// <summary>The code an authenticator app shows now for the key as the page shows it (RFC 6238, by Otp.NET).</summary>
    public static string Code(string shownKey) =>
        new Totp(Base32Encoding.ToBytes(shownKey.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant())).ComputeTotp();
}
