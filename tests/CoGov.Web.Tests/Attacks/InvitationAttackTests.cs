using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CoGov.Web.Tests.Components.Pages;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// An invitation link used as it was never meant to be: again after it was accepted, with its secret or its login
/// changed, after it ran out, after it was revoked. Each is refused with a page that says why, and the acceptance posted
/// anyway binds nothing: no password, no confirmed address, no session, no row changed.
/// </summary>
[Trait("Category", "Attack")]
public sealed partial class InvitationAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Members = $"/organisations/{DemoLogins.Organisation}/admin";
    private const string Password = "Correct-horse-battery-2026!";
    private const string AttackersPassword = "Attacker-chose-this-2026!";

    [Fact]
    public async Task AnInvitationLinkReusedAfterItWasAcceptedIsRefusedAndCannotSetAnotherPassword()
    {
        const string Email = "reused@riverside-hospital.example";
        var link = await InviteAsync(Email);
        using var invitee = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await invitee.GetAsync(link))).NamedForm("accept-invitation")!;
        var accepted = await invitee.PostFormAsync(link, form, Answers(Password));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        using var attacker = app.CreateClient(new() { AllowAutoRedirect = false });
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await CoGovWebApp.ParseAsync(await attacker.GetAsync(link));
        var posted = await attacker.PostFormAsync(link, form, Answers(AttackersPassword));

        Assert.Contains("This invitation has already been accepted.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(page.NamedForm("accept-invitation"));
        AssertRefused(posted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        // The password the invitee chose still signs in; the attacker's does not.
        await CoGovWebApp.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), Email, Password);
        await Assert.ThrowsAsync<InvalidOperationException>(() => CoGovWebApp.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), Email, AttackersPassword));
    }

    [Fact]
    public async Task AnInvitationLinkWithItsSecretOrLoginTamperedIsRefusedAndBindsNothing()
    {
        var link = await InviteAsync("tampered@riverside-hospital.example");
        var other = await InviteAsync("tampered-other@riverside-hospital.example");
        using var attacker = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await attacker.GetAsync(link))).NamedForm("accept-invitation")!;
        var code = Query(link, "code");
        var userId = Query(link, "userId");
        var adminId = await AttackSurface.UserIdAsync(app, DemoLogins.Admin);
        string[] tampered =
        [
            Link(userId, Flip(code)),
            Link(userId, code[..^1]),
            Link(userId, ""),
            Link(userId, Query(other, "code")),
            // The right secret for another login: the other invitee's, and the administrator's, who has a password.
            Link(Query(other, "userId"), code),
            Link(adminId, code),
            Link(Guid.NewGuid().ToString(), code),
        ];
        var before = await AttackSurface.FingerprintAsync(app);

        foreach (var address in tampered)
        {
            var page = await CoGovWebApp.ParseAsync(await attacker.GetAsync(address));
            Assert.Null(page.NamedForm("accept-invitation"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[role=status]")?.TextContent), $"{address} says nothing about why.");
            AssertRefused(await attacker.PostFormAsync(address, form, Answers(AttackersPassword)));
        }

        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        // The untampered link still works for its addressee.
        Assert.NotNull((await CoGovWebApp.ParseAsync(await attacker.GetAsync(link))).NamedForm("accept-invitation"));
    }

    [Fact]
    public async Task ARevokedInvitationsAcceptanceFormPostedAnywayBindsNothing()
    {
        const string Email = "revoked@riverside-hospital.example";
        var link = await InviteAsync(Email);
        using var invitee = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await invitee.GetAsync(link))).NamedForm("accept-invitation")!;
        await RevokeAsync(Email);
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await CoGovWebApp.ParseAsync(await invitee.GetAsync(link));
        var posted = await invitee.PostFormAsync(link, form, Answers(AttackersPassword));

        Assert.Contains("This invitation link does not work.", page.QuerySelector("[role=status]")!.TextContent);
        AssertRefused(posted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        await Assert.ThrowsAsync<InvalidOperationException>(() => CoGovWebApp.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), Email, AttackersPassword));
    }

    [Fact]
    public async Task AnExpiredInvitationLinkIsRefusedAndItsAcceptancePostedAnywayBindsNothing()
    {
        const string Email = "expired@riverside-hospital.example";
        var link = await InviteAsync(Email);
        using var invitee = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await invitee.GetAsync(link))).NamedForm("accept-invitation")!;
        // A week and a minute later. The clock only goes forward; the class's other tests sign in afresh, so they do not mind.
        app.Clock.Advance(Workflows.Members.InvitationTokens.Lifetime + TimeSpan.FromMinutes(1));
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await CoGovWebApp.ParseAsync(await invitee.GetAsync(link));
        var posted = await invitee.PostFormAsync(link, form, Answers(AttackersPassword));

        Assert.Contains("This invitation has run out.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(page.NamedForm("accept-invitation"));
        AssertRefused(posted);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    /// <summary>Refused: the form is not there to take it (400) or the page shows it again; never a session.</summary>
    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"The acceptance answered {(int)response.StatusCode}.");
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)),
            "The refused acceptance signed someone in.");
    }

    private static Dictionary<string, string?> Answers(string password) => new()
    {
        ["Input.DisplayName"] = "Mallory",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static string Link(string userId, string code) =>
        $"/Account/AcceptInvitation?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}";

    private static string Query(string link, string name) =>
        Uri.UnescapeDataString(Regex.Match(link, $@"[?&]{name}=([^&]*)").Groups[1].Value);

    /// <summary>The secret with one character changed, as a typo or a guess would change it.</summary>
    private static string Flip(string code) => (code[0] == 'A' ? "B" : "A") + code[1..];

    /// <summary>The administrator invites a steward through the members page; the link in the mail, as its path and query.</summary>
    private async Task<string> InviteAsync(string email)
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync(Members));
        var invited = await admin.PostFormAsync(Members, page.NamedForm("invite")!, new Dictionary<string, string?>
        {
            ["Invite.Email"] = email,
            ["Invite.Roles[Steward]"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var folder = Path.Combine(Path.GetDirectoryName(app.Database)!, "mail");
        var mail = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)));
        return new Uri(InvitationLink().Match(mail.TextBody!).Value).PathAndQuery;
    }

    private async Task RevokeAsync(string email)
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var userId = await AttackSurface.UserIdAsync(app, email);
        var address = $"{Members}?revoke={Uri.EscapeDataString(userId)}";
        var confirm = await CoGovWebApp.ParseAsync(await admin.GetAsync(address));
        var response = await admin.PostFormAsync(address, confirm.NamedForm($"leave-{userId}")!, new Dictionary<string, string?> { ["Leave.Action"] = "revoke" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex(@"http\S+/Account/AcceptInvitation\?userId=\S+")]
    private static partial Regex InvitationLink();
}
