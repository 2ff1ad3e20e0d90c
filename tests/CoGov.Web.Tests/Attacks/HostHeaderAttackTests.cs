using System.Net;
using AngleSharp.Html.Dom;
using CoGov.Web.Tests.Components.Pages;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Host-header poisoning of the account mails (decision record 17): a stranger asks for a steward's password reset or
/// e-mail confirmation while claiming the site is evil.example, hoping the mail carries a working link to a host they
/// own. Host filtering refuses a Host that is not the public origin's; an X-Forwarded-Host from anyone but a trusted proxy
/// is ignored; and the link is built from App:PublicOrigin either way, never from the request.
/// </summary>
[Trait("Category", "Attack")]
public sealed class HostHeaderAttackTests(HostHeaderAttackTests.App app) : IClassFixture<HostHeaderAttackTests.App>
{
    /// <summary>
    /// An http origin, as Development allows, so the stranger's plain requests from 127.0.0.1 are served (and mail is
    /// sent) rather than redirected to https before anything happens; and no proxy the test could pass for.
    /// </summary>
    public sealed class App() : ListeningCoGovWebApp(demo: true,
        new Dictionary<string, string>(TrustNoOne) { ["App:PublicOrigin"] = PublicHost.AbsoluteUri });

    private static readonly Uri PublicHost = new("http://cogov.example.org/");
    private const string Evil = "evil.example";

    public static TheoryData<string, string> AccountMails() => new()
    {
        { "/Account/ForgotPassword", "/Account/ResetPassword?code=" },
        { "/Account/ResendEmailConfirmation", "/Account/ConfirmEmail?userId=" },
    };

    [Theory]
    [MemberData(nameof(AccountMails))]
    public async Task AnAccountMailRequestedWithAForgedHostIsRefusedAndMailsNothing(string page, string _)
    {
        using var client = app.Client();
        var form = await FormAsync(client, page);
        var before = app.Mail().Count;

        var fetched = await SendAsync(client, HttpMethod.Get, page, host: Evil);
        var posted = await SendAsync(client, HttpMethod.Post, page, host: Evil, form: form);

        Assert.Equal(HttpStatusCode.BadRequest, fetched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(before, app.Mail().Count);
        Assert.DoesNotContain(app.Mail(), m => m.ToString().Contains(Evil, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(AccountMails))]
    public async Task AnAccountMailRequestedWithAForgedForwardedHostFromAStrangerLinksOnlyToThePublicOrigin(string page, string link)
    {
        using var client = app.Client();
        var form = await FormAsync(client, page);
        var before = MailToSteward().Count;

        var posted = await SendAsync(client, HttpMethod.Post, page, host: PublicHost.Host, forwardedHost: Evil, form: form);

        Assert.True(posted.IsSuccessStatusCode || posted.StatusCode == HttpStatusCode.Redirect, $"{page}: {posted.StatusCode}");
        var mail = Assert.Single(MailToSteward().Skip(before));
        Assert.Contains($"  {new Uri(PublicHost, link).AbsoluteUri}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail(), m => m.ToString().Contains(Evil, StringComparison.OrdinalIgnoreCase));
    }

    private List<MimeMessage> MailToSteward() =>
        [.. app.Mail().Where(m => m.To.Mailboxes.Any(b => b.Address == DemoLogins.Steward)).OrderBy(m => m.Date).ThenBy(m => m.MessageId)];

    /// <summary>The page's form filled in for the steward, fetched the honest way (its antiforgery cookie and token).</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormAsync(HttpClient client, string page)
    {
        var response = await SendAsync(client, HttpMethod.Get, page, host: PublicHost.Host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = (await CoGovWebApp.ParseAsync(response)).QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Input.Email"));
        return form.Fields(new Dictionary<string, string?> { ["Input.Email"] = DemoLogins.Steward });
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string page, string host,
        string? forwardedHost = null, List<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(method, page.TrimStart('/'));
        request.Headers.Host = host;
        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        return client.SendAsync(request);
    }
}
