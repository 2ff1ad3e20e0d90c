using System.Net;
using CoGov.Web.Components.Pages.Calendar;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// A steward on a 360 px phone, by keyboard alone: from the chase board to the feeds page, an address made and shown with
/// its webcal:// link and the instructions for an iPhone and an Android phone, the address answering a calendar app, then
/// stopped.
/// </summary>
public sealed class CalendarFeedsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AStewardMakesSubscribesToAndStopsTheirCalendarAddressOnAPhoneByKeyboard()
    {
        var page = await app.SignedInPageAsync(DemoLogins.WorkersChair, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"organisations/{DemoLogins.Organisation}/chase");

        await KeyboardAndDraftsTests.TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === \"Follow the deadlines you chase in your phone's calendar\"");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendar feeds", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith(CalendarFeeds.Url(DemoLogins.Organisation), page.Url, StringComparison.Ordinal);
        // Leila chairs the committee: her own calendar and the committee's are both offered.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your calendar", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The joint committee's calendar", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "iPhone", Level = 3 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Android phone", Level = 3 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Add Subscribed Calendar")).ToBeVisibleAsync();
        await Expect(page.GetByText("\"From URL\"")).ToBeVisibleAsync();

        await KeyboardAndDraftsTests.TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Make an address' && e.closest('[data-feed=Personal]') !== null");
        await page.Keyboard.PressAsync("Enter");

        var address = page.GetByLabel("Your calendar address");
        await Expect(address).ToBeVisibleAsync();
        var link = await address.InputValueAsync();
        Assert.StartsWith($"{app.BaseUrl.TrimEnd('/')}/calendar/", link, StringComparison.Ordinal);
        Assert.EndsWith(".ics", link, StringComparison.Ordinal);
        var webcal = page.GetByRole(AriaRole.Link, new() { Name = "Subscribe on this phone" });
        Assert.Equal("webcal://" + link[(link.IndexOf("://", StringComparison.Ordinal) + 3)..], await webcal.GetAttributeAsync("href"));
        await MainPagesTests.AssertFitsAsync(page, "calendar-feeds-address");
        await MainPagesTests.AssertAccessibleAsync(page);

        using var calendarApp = new HttpClient();
        var fetched = await calendarApp.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await fetched.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await KeyboardAndDraftsTests.TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Stop this address' && e.closest('[data-feed=Personal]') !== null");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your calendar's address is stopped.");
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(link)).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MyQuestionsLinksTheFeedsPage()
    {
        // Kwame Asante, a manager with no seat on the committee: his own calendar only.
        var page = await app.SignedInPageAsync(DemoLogins.Kwame);
        await page.GotoAsync($"organisations/{DemoLogins.Organisation}/my-questions");

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow these deadlines in your phone's calendar" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendar feeds", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Make an address" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
