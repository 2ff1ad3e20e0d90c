using System.Net;
using System.Text.RegularExpressions;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CoGov.Workflows.Notifications;
using MimeKit;

namespace CoGov.Web.Tests.Components.Pages.Admin;

/// <summary>
/// Removing members, locking logins and revoking invitations through the members page, and what the people on the other
/// end find at once. Each test leaves with a different member, since the class shares one app.
/// </summary>
public sealed partial class LeavingTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Members = "/organisations/riverside-hospital/admin";
    private const string Organisation = "/organisations/riverside-hospital";

    [Fact]
    public async Task ARemovedMembersCookieFindsEveryPageOfTheOrganisationAndItsRecordsGoneAtOnce()
    {
        var download = await StoreARecordAsync();
        using var amara = await app.SignedInClientAsync(DemoLogins.Amara);
        string[] pages =
        [
            Organisation, $"{Organisation}/chase", $"{Organisation}/my-questions", $"{Organisation}/committee",
            $"{Organisation}/committee/agenda", $"{Organisation}/committee/history", $"{Organisation}/committee/pack",
            $"{Organisation}/systems/rostering", $"{Organisation}/systems/rostering/cycles/2/questions/9",
            $"{Organisation}/systems/rostering/cycles/2/record", $"{Organisation}/systems/new", download,
        ];
        Assert.All(await StatusesAsync(amara, pages), s => Assert.Equal(HttpStatusCode.OK, s.Status));

        var removed = await ConfirmAsync(DemoLogins.Amara, "remove");

        Assert.Contains("amara.okafor@riverside-hospital.example is removed from this organisation.", removed);
        // The same cookie, no time passed: every request checks the membership in the database.
        Assert.All(await StatusesAsync(amara, pages), s => Assert.True(s.Status == HttpStatusCode.NotFound, $"{s.Url}: {s.Status}"));
        // The person stays in the organisation's records, for everyone still in it.
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(download)).StatusCode);
    }

    [Fact]
    public async Task ALockedLoginsCookieIsSignedOutAtTheNextRequestAndCannotSignInAgain()
    {
        // The profile needs only a signed-in login, no organisation: it tells a signed-out cookie from a removed member.
        const string Profile = "/Account/Manage";
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        Assert.Equal(HttpStatusCode.OK, (await tomasz.GetAsync(Profile)).StatusCode);

        var locked = await ConfirmAsync(DemoLogins.Tomasz, "lock");

        Assert.Contains("tomasz.nowak@riverside-hospital.example is removed from this organisation, and their login is locked.", locked);
        // Identity checks the cookie once more than the interval (zero) has passed since it was issued; the test's clock
        // stands still unless moved, where a real one has always moved on by the next request.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var next = await tomasz.GetAsync(Profile);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location!.OriginalString);
        // The login form turns the right password away (to the lockout page), so no cookie comes of it.
        using var again = await app.SignedInClientAsync(DemoLogins.Tomasz);
        var refused = await again.GetAsync(Profile);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RemovingTheLastAdministratorIsRefusedBesideTheConfirmation()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var userId = await UserIdAsync(DemoLogins.Admin);
        var confirm = await CoGovWebApp.ParseAsync(await admin.GetAsync($"{Members}?remove={userId}"));

        var response = await admin.PostFormAsync($"{Members}?remove={userId}", confirm.NamedForm($"leave-{userId}")!,
            new Dictionary<string, string?> { ["Leave.Action"] = "remove" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("would be left with no administrator", page.QuerySelector("li.cogov-member[data-email='admin@riverside-hospital.example'] .cogov-leave-form")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Members)).StatusCode);
    }

    [Fact]
    public async Task AnAdministratorWhoRemovesThemselvesBesideAnotherGoesToTheirOrganisations()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var helen = await UserIdAsync(DemoLogins.Helen);
            (await db.Memberships.SingleAsync(m => m.UserId == helen)).SetRoles([Roles.Manager, Roles.CommitteeChair, Roles.Admin]);
            await db.SaveChangesAsync();
        }
        using var helenClient = await app.SignedInClientAsync(DemoLogins.Helen);
        var userId = await UserIdAsync(DemoLogins.Helen);
        var confirm = await CoGovWebApp.ParseAsync(await helenClient.GetAsync($"{Members}?remove={userId}"));

        var response = await helenClient.PostFormAsync($"{Members}?remove={userId}", confirm.NamedForm($"leave-{userId}")!,
            new Dictionary<string, string?> { ["Leave.Action"] = "remove" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await helenClient.GetAsync(Members)).StatusCode);
    }

    [Fact]
    public async Task ARevokedInvitationsLinkNoLongerWorks()
    {
        const string Email = "sam.revoked@riverside-hospital.example";
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync(Members));
        var invited = await admin.PostFormAsync(Members, page.NamedForm("invite")!, new Dictionary<string, string?>
        {
            ["Invite.Email"] = Email,
            ["Invite.Roles[Steward]"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = new Uri(InvitationLink().Match(MailTo(Email).Single().TextBody!).Value).PathAndQuery;
        using var invitee = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotNull((await CoGovWebApp.ParseAsync(await invitee.GetAsync(link))).NamedForm("accept-invitation"));

        var revoked = await ConfirmAsync(Email, "revoke");

        Assert.Contains($"The invitation to {Email} is revoked", revoked);
        Assert.Null((await CoGovWebApp.ParseAsync(await invitee.GetAsync(link))).NamedForm("accept-invitation"));
        var members = await CoGovWebApp.ParseAsync(await admin.GetAsync(Members));
        Assert.DoesNotContain(members.QuerySelectorAll("li.cogov-member"), m => m.GetAttribute("data-email") == Email);
    }

    [Fact]
    public async Task AnInvitationForOneOfThePeopleToAnotherAddressIsRefusedAndNothingIsSent()
    {
        // The hospital's people all have logins; the other organisation's have none, so its administrator may invite them.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var other = await db.Organisations.Where(o => o.Key == OtherOrganisation.Key).Select(o => o.Id).SingleAsync();
            db.Memberships.Add(new Membership(await UserIdAsync(DemoLogins.Admin), other, null, [Roles.Admin]));
            await db.SaveChangesAsync();
        }
        var members = $"/organisations/{OtherOrganisation.Key}/admin";
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync(members));

        var response = await admin.PostFormAsync(members, page.NamedForm("invite")!, new Dictionary<string, string?>
        {
            ["Invite.PersonKey"] = "kim-lee",
            ["Invite.Email"] = "elsewhere@example.org",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("goes to the address on their record", (await CoGovWebApp.ParseAsync(response)).QuerySelector("#invite-email-refusal")!.TextContent);
        Assert.Empty(MailTo("elsewhere@example.org"));
    }

    /// <summary>The administrator opens the confirmation under a member and presses one of its buttons; the page it lands on.</summary>
    private async Task<string> ConfirmAsync(string email, string action)
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var userId = await UserIdAsync(email);
        var ask = action == "revoke" ? "revoke" : "remove";
        var confirm = await CoGovWebApp.ParseAsync(await admin.GetAsync($"{Members}?{ask}={Uri.EscapeDataString(userId)}"));
        var form = confirm.NamedForm($"leave-{userId}");
        Assert.NotNull(form);
        Assert.Contains(form.QuerySelectorAll("button[type=submit]"), b => b.GetAttribute("name") == "Leave.Action" && b.GetAttribute("value") == action);

        var response = await admin.PostFormAsync($"{Members}?{ask}={Uri.EscapeDataString(userId)}", form, new Dictionary<string, string?> { ["Leave.Action"] = action });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await admin.GetAsync(response.Headers.Location));
        return after.QuerySelector("[role=status]")!.TextContent;
    }

    private static async Task<List<(string Url, HttpStatusCode Status)>> StatusesAsync(HttpClient client, IEnumerable<string> urls)
    {
        var statuses = new List<(string, HttpStatusCode)>();
        foreach (var url in urls)
        {
            statuses.Add((url, (await client.GetAsync(url)).StatusCode));
        }
        return statuses;
    }

    /// <summary>A kept PDF of the hospital's, as printing one would leave it (no browser needed to download it).</summary>
    private async Task<string> StoreARecordAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var organisation = await db.Organisations.Include(o => o.People).SingleAsync(o => o.Key == DemoLogins.Organisation);
        var by = organisation.People.First();
        var record = new StoredRecord(RecordKind.MeetingPack, organisation.Id, null, null, null, new DateOnly(2026, 11, 23),
            "meeting-pack.pdf", "%PDF-1.7 leaving"u8.ToArray(), by.Id, by.Name, app.Clock.GetUtcNow(), null);
        db.Add(record);
        await db.SaveChangesAsync();
        return $"{Organisation}/records/{record.Id:D}/download";
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private IEnumerable<MimeMessage> MailTo(string address)
    {
        var folder = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder;
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            : [];
    }

    [GeneratedRegex(@"http\S+/Account/AcceptInvitation\?userId=\S+")]
    private static partial Regex InvitationLink();
}
