using System.Net;
using System.Net.Http.Headers;
using CoGov.Web.Api;
using CoGov.Web.Components.Pages.AccessTokens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// The two pages of the API a person sees: the reference page, which lists the operations and loads nothing from another
/// host; and the account page where a member makes a token, copies it once, sees a program use it, and revokes it.
/// </summary>
public sealed class ApiPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheReferencePageListsTheOperationsAndLoadsNothingFromAnotherHost()
    {
        var page = await app.AnonymousPageAsync();
        var requested = new List<string>();
        var refused = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync(ApiReference.Path.TrimStart('/'));

        await Expect(page.GetByText("Which organisation the presented token is for, and whether it may write.").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains(requested, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.True(
            url.StartsWith(app.BaseUrl, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal),
            $"The reference page asked another host for {url}."));
        Assert.Empty(refused);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMemberMakesATokenOnAPhoneSeesAProgramUseItAndRevokesIt()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Steward, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync("Account/Manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Personal access tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Personal access tokens", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith(AccessTokens.Url(), page.Url, StringComparison.Ordinal);

        await page.GetByLabel("What it is for").FillAsync("Branch spreadsheet");
        await page.GetByLabel("Only read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the token" }).ClickAsync();

        var secret = await page.GetByLabel("Token", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith("cogov_pat_", secret, StringComparison.Ordinal);
        await Expect(page.Locator("[data-token]").Filter(new() { HasText = "Branch spreadsheet" })).ToContainTextAsync("may only read");
        await MainPagesTests.AssertFitsAsync(page, "access-token-made");
        await MainPagesTests.AssertAccessibleAsync(page);

        using var program = new HttpClient();
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync($"{app.BaseUrl.TrimEnd('/')}/api/v1/token")).StatusCode);

        // Reloaded, the page shows the token's last use and never its secret again.
        await page.GotoAsync(AccessTokens.Url());
        await Expect(page.Locator("[data-token]").Filter(new() { HasText = "Branch spreadsheet" })).ToContainTextAsync("last used");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Branch spreadsheet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The token is revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync($"{app.BaseUrl.TrimEnd('/')}/api/v1/token")).StatusCode);
        await page.Context.CloseAsync();
    }
}
