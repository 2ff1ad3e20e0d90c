using System.Net;
using System.Text.RegularExpressions;
using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Components.Pages.Organisations;
using CoGov.Workflows.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Web.Tests.Components.Pages.Organisations;

/// <summary>The operators' page for a further organisation.</summary>
public sealed partial class NewOrganisationTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private static readonly string Address = "/" + NewOrganisation.Url();

    [Fact]
    public async Task AnOrganisationsAdministratorWhoIsNoOperatorGetsNotFound()
    {
        var client = await app.SignedInClientAsync(DemoLogins.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Address)).StatusCode);
    }

    [Fact]
    public async Task AnOperatorCreatesAnOrganisationThatTheyAdministerWithTheirOwnLogin()
    {
        await using var operated = app.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        var client = await CoGovWebApp.SignInAsync(operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Address));

        var response = await client.PostFormAsync(Address, page.NamedForm("new-organisation")!, new Dictionary<string, string?>
        {
            ["Form.Name"] = "Riverside Care Homes",
            ["Form.Key"] = "riverside-care",
            ["Form.CommitteeName"] = "Care Homes Joint Committee",
            ["Form.AdminName"] = "Tomasz Nowak",
            ["Form.AdminEmail"] = DemoLogins.Tomasz,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/" + Organisation.Url("riverside-care"), response.Headers.Location!.OriginalString);
        // A new organisation requires a second factor of its administrator: they set one up first (decision record 16).
        Assert.EndsWith(CoGov.Web.Components.Account.Pages.Manage.TwoFactorAuthentication.Url("riverside-care"),
            (await client.GetAsync("/" + Organisation.Url("riverside-care"))).Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Their own login, with the password they had.
        Assert.NotNull(await CoGovWebApp.SignInAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz));
    }

    [Fact]
    public async Task TheHomePageOffersAnOperatorANewOrganisationAndNoOneElse()
    {
        await using var operated = app.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        var operatorClient = await CoGovWebApp.SignInAsync(operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz);
        var administrator = await app.SignedInClientAsync(DemoLogins.Admin);

        var operatorHome = await CoGovWebApp.ParseAsync(await operatorClient.GetAsync("/"));
        var administratorHome = await CoGovWebApp.ParseAsync(await administrator.GetAsync("/"));

        Assert.Equal("Create an organisation", operatorHome.QuerySelector($"a[href='{NewOrganisation.Url()}']")?.TextContent.Trim());
        Assert.Null(administratorHome.QuerySelector($"a[href='{NewOrganisation.Url()}']"));
        Assert.DoesNotContain("Create an organisation", administratorHome.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorWhoNamesSomeoneElseInvitesThemByMailAndTheyRunTheOrganisationOnceTheyAccept()
    {
        const string Email = "nadia.berg@care-homes.example";
        await using var operated = app.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        var client = await CoGovWebApp.SignInAsync(operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Address));
        // No password is asked for: an operator never chooses someone else's.
        Assert.Null(page.QuerySelector("input[type=password]"));

        var response = await client.PostFormAsync(Address, page.NamedForm("new-organisation")!, new Dictionary<string, string?>
        {
            ["Form.Name"] = "Northgate Care Homes",
            ["Form.Key"] = "northgate-care",
            ["Form.CommitteeName"] = "Northgate Joint Committee",
            ["Form.AdminName"] = "Nadia Berg",
            ["Form.AdminEmail"] = Email,
            ["Form.AdminSide"] = "Management",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains($"an invitation to run it has gone to {Email}", after.QuerySelector("[role=status]")?.TextContent);
        // Not theirs to open: the operator created it for someone else.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + Organisation.Url("northgate-care"))).StatusCode);

        var folder = operated.Services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder;
        var mail = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(b => b.Address == Email));
        Assert.Equal("You are invited to CoGov for Northgate Care Homes", mail.Subject);
        var link = new Uri(InvitationLink().Match(mail.TextBody!).Value);
        using var invitee = operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var acceptPage = await CoGovWebApp.ParseAsync(await invitee.GetAsync(link.PathAndQuery));
        var accepted = await invitee.PostFormAsync(link.PathAndQuery, acceptPage.NamedForm("accept-invitation")!, new Dictionary<string, string?>
        {
            ["Input.Password"] = "Northgate-2026!",
            ["Input.ConfirmPassword"] = "Northgate-2026!",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // Signed in, and sent to set up the second factor the new organisation requires of its administrator (decision record 16).
        Assert.EndsWith(CoGov.Web.Components.Account.Pages.Manage.TwoFactorAuthentication.Url("northgate-care"),
            (await invitee.GetAsync("/" + Members.Url("northgate-care"))).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http\S+/Account/AcceptInvitation\?userId=\S+")]
    private static partial Regex InvitationLink();
}
