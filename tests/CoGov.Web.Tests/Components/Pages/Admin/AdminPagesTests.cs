using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Web.Tests.Components.Pages.Admin;

/// <summary>The administration pages, used by the demo's administrator through the real forms.</summary>
public sealed partial class AdminPagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Admin = DemoLogins.Admin;
    private const string Members = "/organisations/riverside-hospital/admin";
    private const string Policy = Members + "/policy";
    private const string Templates = Members + "/templates";

    [Fact]
    public async Task TheAdministratorSeesEveryMemberWithTheirPersonRolesAndStanding()
    {
        using var client = await app.SignedInClientAsync(Admin);

        var response = await client.GetAsync(Members);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("page", page.QuerySelector("nav.cogov-org-nav a[href='organisations/riverside-hospital/admin']")!.GetAttribute("aria-current"));
        var members = page.QuerySelectorAll("li.cogov-member").ToList();
        Assert.True(members.Count >= 8);
        var leila = members.Single(m => m.GetAttribute("data-email") == DemoLogins.Leila);
        Assert.Equal("Leila Haddad", leila.QuerySelector("h3")!.TextContent.Trim());
        Assert.Contains("Workers' side", leila.TextContent);
        Assert.Contains("Address confirmed", leila.TextContent);
        Assert.Equal(["Steward", "CommitteeChair"], Ticked(leila));
        var admin = members.Single(m => m.GetAttribute("data-email") == Admin);
        Assert.Contains("(you)", admin.QuerySelector("h3")!.TextContent);
        Assert.Contains("Not one of the organisation's people", admin.TextContent);
        // Every box has its label, and the invitation form is there.
        Assert.All(page.QuerySelectorAll("main input[type=checkbox]"), box => Assert.NotNull(page.QuerySelector($"label[for='{box.Id}']")));
        Assert.NotNull(page.NamedForm("invite"));
    }

    [Theory]
    [InlineData(Members)]
    [InlineData(Policy)]
    [InlineData(Templates)]
    public async Task AStewardFindsNoAdministrationPages(string url)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AStewardIsNotOfferedALinkToTheAdministrationPages()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/chase"));

        var links = page.QuerySelectorAll("nav.cogov-org-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("organisations/riverside-hospital/chase", links);
        Assert.DoesNotContain(links, href => href!.EndsWith("/admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAdministratorOfOneOrganisationFindsNoAdministrationPagesOfAnother()
    {
        using var client = await app.SignedInClientAsync(Admin);

        var response = await client.GetAsync($"/organisations/{OtherOrganisation.Key}/admin");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorOfOneOrganisationWhoIsAMemberOfAnotherWithoutRolesFindsNoAdministrationThere()
    {
        const string twoHats = "two-hats@riverside-hospital.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var login = new CoGovUser { UserName = twoHats, Email = twoHats, EmailConfirmed = true, DisplayName = "Two Hats" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().CreateAsync(login, DemoLogins.Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var organisations = await db.Organisations.ToDictionaryAsync(o => o.Key, o => o.Id);
            db.Memberships.Add(new Membership(login.Id, organisations[DemoLogins.Organisation], null, [Roles.Admin]));
            db.Memberships.Add(new Membership(login.Id, organisations[OtherOrganisation.Key], null));
            await db.SaveChangesAsync();
        }
        using var client = await app.SignedInClientAsync(twoHats);
        var other = $"/organisations/{OtherOrganisation.Key}";

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Members)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(other)).StatusCode);
        foreach (var url in new[] { $"{other}/admin", $"{other}/admin/policy", $"{other}/admin/templates" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        var links = (await CoGovWebApp.ParseAsync(await client.GetAsync(other))).QuerySelectorAll("nav.cogov-org-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain(links, href => href!.EndsWith("/admin", StringComparison.Ordinal));
        var home = (await CoGovWebApp.ParseAsync(await client.GetAsync("/organisations/riverside-hospital/chase"))).QuerySelectorAll("nav.cogov-org-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("organisations/riverside-hospital/admin", home);
    }

    [Fact]
    public async Task ARoleChangeIsSavedAndShownAfterARedirect()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Members));
        var tomasz = page.QuerySelectorAll("li.cogov-member").Single(m => m.GetAttribute("data-email") == DemoLogins.Tomasz);
        var form = (IHtmlFormElement)tomasz.QuerySelector("form")!;

        var response = await client.PostFormAsync(Members, form, new Dictionary<string, string?> { ["Posted.Roles[CommitteeChair]"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("admin?roles=tomasz.nowak%40riverside-hospital.example", response.Headers.Location!.OriginalString);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("The roles of tomasz.nowak@riverside-hospital.example are saved.", after.QuerySelector("[role=status]")!.TextContent);
        var saved = after.QuerySelectorAll("li.cogov-member").Single(m => m.GetAttribute("data-email") == DemoLogins.Tomasz);
        Assert.Equal(["Steward", "CommitteeChair"], Ticked(saved));
    }

    [Fact]
    public async Task TakingAwayOnesOwnAdminRoleIsRefusedBesideTheForm()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Members));
        var me = page.QuerySelectorAll("li.cogov-member").Single(m => m.GetAttribute("data-email") == Admin);
        var form = (IHtmlFormElement)me.QuerySelector("form")!;

        var response = await client.PostFormAsync(Members, form, new Dictionary<string, string?> { ["Posted.Roles[Admin]"] = null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        var mine = refused.QuerySelectorAll("li.cogov-member").Single(m => m.GetAttribute("data-email") == Admin);
        Assert.Contains("You cannot take away your own Admin role", mine.QuerySelector("[role=alert]")!.TextContent);
        // What was posted is kept in the form: the box stays unticked until the administrator changes it.
        Assert.Empty(Ticked(mine));
    }

    [Fact]
    public async Task AnInvitationMailsALinkThatSetsThePasswordAndSignsThePersonIn()
    {
        const string Email = "nadia.berg@riverside-hospital.example";
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Members));

        var response = await client.PostFormAsync(Members, page.NamedForm("invite")!, new Dictionary<string, string?>
        {
            ["Invite.Email"] = Email,
            ["Invite.Roles[Steward]"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains($"An invitation has gone to {Email}.", after.QuerySelector("[role=status]")!.TextContent);
        var invited = after.QuerySelectorAll("li.cogov-member").Single(m => m.GetAttribute("data-email") == Email);
        Assert.Contains("Invited; the link works until", invited.TextContent);
        Assert.Equal(["Steward"], Ticked(invited));

        var mail = MailTo(Email).Single();
        Assert.Equal("You are invited to CoGov for Riverside Municipal Hospital", mail.Subject);
        var link = new Uri(InvitationLink().Match(mail.TextBody!).Value);
        using var invitee = app.CreateClient(new() { AllowAutoRedirect = false });
        var acceptPage = await CoGovWebApp.ParseAsync(await invitee.GetAsync(link.PathAndQuery));
        var accept = acceptPage.NamedForm("accept-invitation");
        Assert.NotNull(accept);
        var accepted = await invitee.PostFormAsync(link.PathAndQuery, accept, new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Nadia Berg",
            ["Input.Password"] = "Riverside-2026!",
            ["Input.ConfirmPassword"] = "Riverside-2026!",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains(accepted.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        // The link is spent, and the new password signs in through the ordinary login form.
        var again = await CoGovWebApp.ParseAsync(await invitee.GetAsync(link.PathAndQuery));
        Assert.Null(again.NamedForm("accept-invitation"));
        Assert.Contains("already been accepted", again.Body!.TextContent);
        using var signedIn = await app.SignedInClientAsync(Email, "Riverside-2026!");
        var home = await CoGovWebApp.ParseAsync(await signedIn.GetAsync("/organisations/riverside-hospital"));
        Assert.Equal("Riverside Municipal Hospital", home.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task IdentitysOwnMailGoesThroughTheMailTransportAsPlainText()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync("/Account/ForgotPassword"));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Input.Email"));

        await client.PostFormAsync("/Account/ForgotPassword", form, new Dictionary<string, string?> { ["Input.Email"] = DemoLogins.Priya });

        var mail = MailTo(DemoLogins.Priya).Single(m => m.Subject == "Reset your CoGov password");
        Assert.StartsWith("Dear Priya Nair,", mail.TextBody);
        Assert.Null(mail.HtmlBody);
        // The link arrives as a working address, not HTML-encoded for a page.
        Assert.Matches(@"/Account/ResetPassword\?code=[^&\s]+(\s|$)", mail.TextBody);
        Assert.DoesNotContain("&amp;", mail.TextBody);
    }

    [Fact]
    public async Task ThePolicyPageShowsThePolicyInWords()
    {
        using var client = await app.SignedInClientAsync(Admin);

        var response = await client.GetAsync(Policy);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("Monday to Friday in the Europe/London time zone, except 18 holidays.", Text(page.QuerySelector("[data-term=calendar]")!));
        Assert.Equal(18, page.QuerySelectorAll("[data-term=calendar] li").Length);
        Assert.Contains("10 working days from when a question is sent.", Text(page.QuerySelector("[data-term=deadline]")!));
        Assert.Equal("Data protection and rights: 15 working days", Text(page.QuerySelector("[data-term=deadline] li")!));
        Assert.Contains("reminded 5 and 1 working days before the deadline", Text(page.QuerySelector("[data-term=reminders]")!));
        Assert.Equal(
            ["3 working days after the deadline, to the manager's named superior (the joint committee's chairs when they have none).",
             "6 working days after the deadline, to both chairs of the joint committee."],
            page.QuerySelectorAll("[data-term=escalation] li").Select(Text));
        Assert.Equal("Daniel Reyes", Text(page.QuerySelector("[data-routing=default]")!));
        Assert.Equal("Right of Redress: Kwame Asante", Text(page.QuerySelector("[data-routing=themes] li[data-theme=right-of-redress]")!));
        var monitoring = page.QuerySelector("li[data-system=staff-monitoring]")!;
        Assert.Contains("Manager: Priya Nair", Text(monitoring));
        Assert.Contains("Data Analysis: Daniel Reyes", Text(monitoring));
        Assert.Contains("timeZone: \"Europe/London\"", page.QuerySelector(".cogov-yaml pre")!.TextContent);
        Assert.NotNull(page.NamedForm("upload-policy"));
    }

    [Fact]
    public async Task ABrokenPolicyUploadListsEachProblemWithItsLineAndFieldAndChangesNothing()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Policy));
        var yaml = page.QuerySelector(".cogov-yaml pre")!.TextContent;
        var broken = yaml.Replace("timeZone: \"Europe/London\"", "timeZone: Mars/Olympus", StringComparison.Ordinal)
            .Replace("  default: daniel-reyes", "  default: nobody-here", StringComparison.Ordinal);

        var response = await UploadAsync(client, Policy, page.NamedForm("upload-policy")!, "upload-policy.file", "policy.yaml", broken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        var errors = refused.QuerySelectorAll(".cogov-import-errors li").ToList();
        Assert.Contains("policy.yaml was not imported, and nothing has changed.", refused.QuerySelector(".cogov-import-errors")!.TextContent);
        Assert.Contains(errors, e => e.GetAttribute("data-field") == "timeZone" && e.GetAttribute("data-line") == "2" && Text(e).StartsWith("Line 2, column", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetAttribute("data-field") == "managers.default" && Text(e).Contains("no person 'nobody-here'", StringComparison.Ordinal));
        var unchanged = await CoGovWebApp.ParseAsync(await client.GetAsync(Policy));
        Assert.Equal(yaml, unchanged.QuerySelector(".cogov-yaml pre")!.TextContent);
    }

    [Fact]
    public async Task ABrokenTemplateUploadListsEachProblemWithItsLineAndFieldAndImportsNothing()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates));
        var before = page.QuerySelectorAll("li[data-template]").Length;
        var broken = Template("broken-survey", 1).Replace("number: 1", "number: one", StringComparison.Ordinal).Replace("    rationale:\n      en: Why first.\n", "", StringComparison.Ordinal);

        var response = await UploadAsync(client, Templates, page.NamedForm("upload-template")!, "upload-template.file", "broken-survey.yaml", broken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        var errors = refused.QuerySelectorAll(".cogov-import-errors li")
            .Select(e => (Line: e.GetAttribute("data-line"), Field: e.GetAttribute("data-field"), Text: Text(e))).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Field == "themes[0].rationale" && e.Line == "7" && e.Text.Contains("rationale", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "themes[0].questions[0].number" && e.Line == "11" && e.Text.StartsWith("Line 11, column 9: field themes[0].questions[0].number: ", StringComparison.Ordinal));
        Assert.Equal(before, refused.QuerySelectorAll("li[data-template]").Length);
        Assert.False(await WithDbAsync(db => db.Templates.AnyAsync(t => t.Key == "broken-survey")));
    }

    [Fact]
    public async Task AValidTemplateAndThenItsNextVersionAreImportedAndListed()
    {
        using var client = await app.SignedInClientAsync(Admin);

        foreach (var version in new[] { 1, 2 })
        {
            var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates));
            var response = await UploadAsync(client, Templates, page.NamedForm("upload-template")!, "upload-template.file", $"night-survey-v{version}.yaml", Template("night-survey", version));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("admin/templates?imported=night-survey", response.Headers.Location!.OriginalString);
        }

        var listed = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates + "?imported=night-survey"));
        Assert.Contains("night-survey is imported", listed.QuerySelector("[role=status]")!.TextContent);
        var rows = listed.QuerySelectorAll("li[data-template=night-survey]").ToList();
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains("Night survey", listed.QuerySelector("[data-questionnaire=night-survey] h3")!.TextContent);
        Assert.Contains("1 question", Text(rows[0]));
        Assert.Contains("this organisation's own", Text(rows[0]));
        Assert.Contains("psi-co-governance, version 1 · library", Text(listed.QuerySelector("li[data-template=psi-co-governance]")!));
    }

    [Fact]
    public async Task TheTemplatesPageShowsTheVersionInUseAndAdoptsAVersionOnlyOnceConfirmed()
    {
        using var client = await app.SignedInClientAsync(Admin);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates));
        Assert.Equal("1", page.QuerySelector("[data-questionnaire=psi-co-governance] [data-in-use]")!.GetAttribute("data-in-use"));
        Assert.Contains("In use: version 1 (library)", Text(page.QuerySelector("[data-questionnaire=psi-co-governance] .cogov-in-use")!));
        await UploadAsync(client, Templates, page.NamedForm("upload-template")!, "upload-template.file", "adopt-survey.yaml", Template("adopt-survey", 1));

        var uploaded = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates));
        var survey = uploaded.QuerySelector("[data-questionnaire=adopt-survey]")!;
        Assert.Contains("Not in use", Text(survey.QuerySelector(".cogov-in-use")!));
        Assert.Null(uploaded.NamedForm("adopt"));
        var link = survey.QuerySelector("li[data-version='1'] a")!;
        Assert.Equal("Adopt version 1", Text(link));

        var confirming = await CoGovWebApp.ParseAsync(await client.GetAsync("/" + link.GetAttribute("href")));
        var form = confirming.NamedForm("adopt")!;
        Assert.Contains("Adopt version 1 of Night survey? Cycles on it open on this version from now on", Text(confirming.QuerySelector(".cogov-adopt-form [role=alert]")!));
        var response = await client.PostFormAsync("/" + link.GetAttribute("href"), form, new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("admin/templates?adopted=adopt-survey", response.Headers.Location!.OriginalString);
        var adopted = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("The next cycles of Night survey open on version 1", Text(adopted.QuerySelector("[role=status]")!));
        Assert.Contains("In use: version 1 (this organisation's own)", Text(adopted.QuerySelector("[data-questionnaire=adopt-survey] .cogov-in-use")!));

        // A newer version is offered as a move, and the confirmation says the cycles open now keep the version they have.
        await UploadAsync(client, Templates, adopted.NamedForm("upload-template")!, "upload-template.file", "adopt-survey-v2.yaml", Template("adopt-survey", 2));
        var moving = await CoGovWebApp.ParseAsync(await client.GetAsync(Templates));
        var move = moving.QuerySelector("[data-questionnaire=adopt-survey] li[data-version='2'] a")!;
        Assert.Equal("Move to version 2 for the next cycles", Text(move));
        Assert.Null(moving.QuerySelector("[data-questionnaire=adopt-survey] li[data-version='1'] a"));
        var confirmMove = await CoGovWebApp.ParseAsync(await client.GetAsync("/" + move.GetAttribute("href")));
        Assert.Contains("Move Night survey from version 1 to version 2?", Text(confirmMove.QuerySelector(".cogov-adopt-form [role=alert]")!));
        Assert.Contains("No cycle on it is open now. There is no moving back to an older version afterwards.", Text(confirmMove.QuerySelector(".cogov-adopt-form .cogov-hint")!));
    }

    private static string Template(string key, int version) => $"""
        key: {key}
        version: {version}
        languages: [en]
        title:
          en: Night survey
        themes:
          - key: first
            title:
              en: First
            rationale:
              en: Why first.
            questions:
              - number: 1
                text:
                  en: How are night shifts allocated?
        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Posts the form as a browser does a file upload: its hidden fields, and the file, as multipart form data.</summary>
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, IHtmlFormElement form, string field, string fileName, string content)
    {
        Assert.Equal("multipart/form-data", form.Enctype);
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields())
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        body.Add(file, field, fileName);
        return client.PostAsync(url, body);
    }

    private static string[] Ticked(AngleSharp.Dom.IElement member) =>
        [.. member.QuerySelectorAll("input[type=checkbox]").OfType<IHtmlInputElement>().Where(b => b.IsChecked)
            .Select(b => Regex.Match(b.Name!, @"\[(\w+)\]").Groups[1].Value)];

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    private IEnumerable<MimeMessage> MailTo(string address)
    {
        var folder = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder;
        return Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task<T> WithDbAsync<T>(Func<CoGovDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }

    [GeneratedRegex(@"http\S+/Account/AcceptInvitation\?userId=\S+")]
    private static partial Regex InvitationLink();
}
