using System.Security.Claims;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests;

/// <summary>The demo organisation's people as signed-in users, and what the engine recorded for a question.</summary>
internal static class Riverside
{
    public const string Key = "riverside-hospital";
    public const string Screening = "applicant-screening";

    public const string Amara = DemoLogins.Amara;
    public const string Leila = DemoLogins.Leila;
    public const string Kwame = DemoLogins.Kwame;
    public const string Helen = DemoLogins.Helen;
    public const string Priya = DemoLogins.Priya;

    /// <summary>A login as the web app would present it to the engine; its roles are its memberships'.</summary>
    public static async Task<ClaimsPrincipal> UserAsync(this TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        return Users.SignedIn(user.Id);
    }

    /// <summary>The log of one question of a cycle, oldest first.</summary>
    public static Task<List<LogEntry>> LogOfAsync(this TestApp app, string systemKey, int cycle, int number) =>
        app.WithDbAsync(async db =>
        {
            var assessmentId = await AssessmentIdAsync(db, systemKey, cycle);
            return await db.LogEntries.Where(e => e.AssessmentId == assessmentId && e.QuestionNumber == number)
                .OrderBy(e => e.Sequence).ToListAsync();
        });

    /// <summary>The mail queued about one question of a cycle, with each recipient's name, oldest first.</summary>
    public static Task<List<(NotificationKind Kind, string Recipient)>> MailAboutAsync(this TestApp app, string systemKey, int cycle, int number) =>
        app.WithDbAsync(async db =>
        {
            var assessmentId = await AssessmentIdAsync(db, systemKey, cycle);
            var mail = await (from message in db.Outbox
                              join person in db.People on message.RecipientPersonId equals person.Id
                              where message.AssessmentId == assessmentId && message.QuestionNumber == number
                              select new { message.Kind, person.Name, message.CreatedAt, message.Id })
                .ToListAsync();
            // Mail raised by one change has no order among its recipients: within a moment, by name.
            return mail.OrderBy(m => m.CreatedAt).ThenBy(m => m.Name, StringComparer.Ordinal).Select(m => (m.Kind, m.Name)).ToList();
        });

    public static Task<Assessment> CycleAsync(this TestApp app, string systemKey, int cycle) =>
        app.WithDbAsync(async db =>
        {
            var assessmentId = await AssessmentIdAsync(db, systemKey, cycle);
            return await db.Assessments.Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs)
                .AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        });

    private static async Task<Guid> AssessmentIdAsync(CoGovDbContext db, string systemKey, int cycle)
    {
        var systemId = await db.Systems.Where(s => s.Key == systemKey).Select(s => s.Id).SingleAsync();
        return await db.Assessments.Where(a => a.SystemId == systemId && a.Cycle == cycle).Select(a => a.Id).SingleAsync();
    }
}
