using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>The login form, as a person fills it in.</summary>
public static class LoginPage
{
    public static async Task SignInAsync(IPage page, string email, string password = DemoLogins.Password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My organisations" })).ToBeVisibleAsync();
    }
}
