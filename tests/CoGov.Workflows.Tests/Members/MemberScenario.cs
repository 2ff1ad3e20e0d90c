using System.Security.Claims;
using System.Text.RegularExpressions;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Workflows.Tests.Members;

/// <summary>The demo organisation with its logins, a second organisation (whose people have no logins yet), and the mail an invitation leaves in the pickup folder.</summary>
internal static partial class MemberScenario
{
    public const string AcceptAddress = "https://cogov.example/Account/AcceptInvitation";
    public const string SignInAddress = "https://cogov.example/organisations/riverside-hospital";

    public static async Task<TestApp> StartAsync(bool withOtherOrganisation = false)
    {
        var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        if (withOtherOrganisation)
        {
            var imported = await app.SendAsync(new ImportOrganisation(OtherOrganisation.FileName, OtherOrganisation.File));
            Assert.True(imported.Succeeded, imported.ToString());
        }
        return app;
    }

    public static InviteMember Invite(string? email, string? person = null, params string[] roles) =>
        new(Riverside.Key, email, person, roles, AcceptAddress, SignInAddress);

    /// <summary>Makes a login a member of an organisation directly, with these roles in it, as an import of its accounts would.</summary>
    public static Task JoinAsync(this TestApp app, string email, string organisationKey, params string[] roles) =>
        app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var organisationId = await db.Organisations.Where(o => o.Key == organisationKey).Select(o => o.Id).SingleAsync();
            db.Memberships.Add(new Membership(userId, organisationId, null, roles));
            await db.SaveChangesAsync();
        });

    /// <summary>A login made outside any invitation, with a password: someone who already uses CoGov elsewhere.</summary>
    public static async Task<CoGovUser> CreateLoginAsync(this TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = new CoGovUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, "Somewhere-else-2026!")).Succeeded);
        return user;
    }

    public static async Task<ClaimsPrincipal> AdminAsync(this TestApp app) => await app.UserAsync(DemoLogins.Admin);

    /// <summary>Every mail the test's app wrote to its pickup folder, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> Mail(this TestApp app)
    {
        var folder = Path.Combine(app.Database.Folder, "mail");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    /// <summary>The secret of the invitation link in a mail.</summary>
    public static (string UserId, string Code) LinkIn(MimeMessage mail)
    {
        var match = Link().Match(mail.TextBody ?? "");
        Assert.True(match.Success, $"No invitation link in:{Environment.NewLine}{mail.TextBody}");
        return (Uri.UnescapeDataString(match.Groups["user"].Value), Uri.UnescapeDataString(match.Groups["code"].Value));
    }

    public static async Task<(InvitationStanding Standing, IdentityResult? Result)> AcceptAsync(this TestApp app, string userId, string code, string password = "A-new-password-2026!")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        return await InvitationTokens.AcceptAsync(users, await users.FindByIdAsync(userId), code, password, null, app.Clock.GetUtcNow());
    }

    public static async Task<InvitationStanding> CheckAsync(this TestApp app, string userId, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        return await InvitationTokens.CheckAsync(users, await users.FindByIdAsync(userId), code, app.Clock.GetUtcNow());
    }

    /// <summary>A login and the roles it holds in one organisation (the hospital unless another is named); none when it is no member.</summary>
    public static async Task<(CoGovUser User, IReadOnlyList<string> Roles)> LoginAsync(this TestApp app, string email, string organisationKey = Riverside.Key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        var roles = await app.WithDbAsync(db => (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == user.Id && o.Key == organisationKey
                select m.Roles)
            .SingleOrDefaultAsync());
        return (user, roles ?? []);
    }

    [GeneratedRegex(@"AcceptInvitation\?userId=(?<user>[^&\s]+)&code=(?<code>[^&\s]+)")]
    private static partial Regex Link();
}
