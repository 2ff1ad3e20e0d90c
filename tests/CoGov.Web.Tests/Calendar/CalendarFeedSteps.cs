using System.Security.Claims;
using System.Text;
using CoGov.Web.Components.Pages.Calendar;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Calendar;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using IcalCalendar = Ical.Net.Calendar;

namespace CoGov.Web.Tests.Calendar;

/// <summary>What the calendar tests do as people do it: make an address on the page, fetch it as a calendar app would.</summary>
internal static class CalendarFeedSteps
{
    /// <summary>Signs in, presses "Make an address" (or "Make a new address") on the feeds page and reads the address it shows.</summary>
    public static async Task<string> MakeAddressAsync(CoGovWebApp app, string email, string organisationKey, CalendarFeedKind kind = CalendarFeedKind.Personal)
    {
        using var client = await app.SignedInClientAsync(email);
        return await MakeAddressAsync(client, organisationKey, kind);
    }

    public static async Task<string> MakeAddressAsync(HttpClient client, string organisationKey, CalendarFeedKind kind = CalendarFeedKind.Personal)
    {
        var page = "/" + CalendarFeeds.Url(organisationKey);
        var form = (await CoGovWebApp.ParseAsync(await client.GetAsync(page))).NamedForm($"make-{kind}")
            ?? throw new InvalidOperationException($"The feeds page offers no {kind} feed.");
        var shown = await CoGovWebApp.ParseAsync(await client.PostFormAsync(page, form));
        return shown.QuerySelector($"[data-feed={kind}] input[data-feed-address]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page showed no address after making one.");
    }

    /// <summary>Presses "Stop this address" on the feeds page.</summary>
    public static async Task<HttpResponseMessage> StopAsync(CoGovWebApp app, string email, string organisationKey, CalendarFeedKind kind = CalendarFeedKind.Personal)
    {
        using var client = await app.SignedInClientAsync(email);
        var page = "/" + CalendarFeeds.Url(organisationKey);
        var form = (await CoGovWebApp.ParseAsync(await client.GetAsync(page))).NamedForm($"stop-{kind}")
            ?? throw new InvalidOperationException($"The feeds page offers no way to stop the {kind} feed.");
        return await client.PostFormAsync(page, form);
    }

    /// <summary>Fetches a feed with no cookie, as a calendar app does.</summary>
    public static async Task<HttpResponseMessage> FetchAsync(CoGovWebApp app, string address)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await client.GetAsync(address);
    }

    /// <summary>The feed's text, checked as RFC 5545 writes it (CRLF line ends, no line over 75 octets), and parsed by Ical.Net.</summary>
    public static async Task<(string Text, IcalCalendar Calendar)> ReadAsync(CoGovWebApp app, string address)
    {
        var response = await FetchAsync(app, address);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"A line of {Encoding.UTF8.GetByteCount(line)} octets: {line}");
        });
        return (text, IcalCalendar.Load(text) ?? throw new InvalidOperationException("Ical.Net read no calendar."));
    }

    /// <summary>Sends a request as the login, through the pipeline every page uses.</summary>
    public static Task<object?> SendAsAsync(CoGovWebApp app, string email, object request) =>
        Api.ApiClients.SendAsAsync(app, email, request);
}
