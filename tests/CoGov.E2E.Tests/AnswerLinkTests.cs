using System.Security.Claims;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// A manager who never made a CoGov login answers from the link in the mail CoGov sent them, on a phone-sized screen, and the
/// steward's page shows the answer as theirs, given through the link (decision record 21).
/// </summary>
public sealed class AnswerLinkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string RosaAddress = "rosa.lind@riverside-hospital.example";

    private const string Answer = "The ward rota is set by the ward manager; ShiftWise only suggests swaps, which I approve by hand.";

    [Fact]
    public async Task AManagerWithoutALoginAnswersThroughTheLinkOnAPhoneAndTheStewardSeesItViaLink()
    {
        var key = (string)(await SendAsync(DemoLogins.Admin, new AddPerson(DemoLogins.Organisation, "Rosa Lind", RosaAddress, Side.Management, "Ward manager")))!;
        var (_, systemKey, cycle, number) = await OpenQuestionAsync();
        await SendAsync(DemoLogins.Steward, new ReassignQuestion(DemoLogins.Organisation, systemKey, cycle, number, key, "Rosa runs the ward this is about."));
        // The mail the outbox sends Rosa about it, as it lands in her inbox: its action link is the one she taps.
        for (var round = 0; round < 10; round++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).Due == 0)
            {
                break;
            }
        }
        var mail = app.LatestMailTo(RosaAddress);
        Assert.StartsWith($"Question {number} about", mail.Subject, StringComparison.Ordinal);
        var link = AnswerLinkIn(mail.TextBody ?? "");
        Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);

        var manager = await app.AnonymousPageAsync(width: 360, height: 740);
        await manager.GotoAsync(link);

        await Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Question {number} about");
        await Expect(manager.Locator(".cogov-entries")).ToContainTextAsync("Reassigned");
        // Nothing leads into the organisation: no navigation, no sign-in.
        await Expect(manager.Locator("a[href*='organisations'], a[href*='Account']")).ToHaveCountAsync(0);
        // Fits the phone: nothing wider than the screen.
        Assert.True(await manager.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways at 360 px: " + await manager.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')"));
        await Screenshots.SaveAsync(manager, "answer-link-01-opened");
        await manager.GetByLabel("Your answer").FillAsync(Answer);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer is in the record.");
        await Expect(manager.Locator(".cogov-entries > li").Last).ToContainTextAsync("Rosa Lind");
        await Expect(manager.Locator(".cogov-entries > li").Last.Locator(".cogov-entry-via-link")).ToHaveTextAsync("via link");
        await Screenshots.SaveAsync(manager, "answer-link-02-answered");

        var steward = await app.SignedInPageAsync(DemoLogins.Steward);
        await steward.GotoAsync($"organisations/{DemoLogins.Organisation}/systems/{systemKey}/cycles/{cycle}/questions/{number}");
        var last = steward.Locator(".cogov-entries > li").Last;
        await Expect(last).ToContainTextAsync(Answer);
        await Expect(last).ToContainTextAsync("Rosa Lind");
        await Expect(last.Locator(".cogov-entry-via-link")).ToHaveTextAsync("via link");
        await Expect(steward.Locator(".cogov-log-intact")).ToBeVisibleAsync();
        await Expect(steward.Locator(".cogov-answer-links")).ToContainTextAsync("Rosa Lind");
    }

    /// <summary>The answer link a mail's text part gives, the one address in it on the answer page's route.</summary>
    private static string AnswerLinkIn(string text) =>
        Assert.Single(text.Split((char[])[' ', '\n', '\r', '<', '>'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Contains("/answer/", StringComparison.Ordinal))
            .Distinct());

    /// <summary>A question of the hospital a manager with a login still owes an answer to.</summary>
    private async Task<(Guid AssessmentId, string SystemKey, int Cycle, int Number)> OpenQuestionAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var question = await (
                from q in db.QuestionItems
                where q.State == QuestionState.Sent && db.Memberships.Any(m => m.PersonId == q.AssigneeId)
                join a in db.Assessments on q.AssessmentId equals a.Id
                join s in db.Systems on a.SystemId equals s.Id
                join o in db.Organisations on s.OrganisationId equals o.Id
                where o.Key == DemoLogins.Organisation
                orderby s.Key, a.Cycle, q.Number
                select new { AssessmentId = a.Id, SystemKey = s.Key, a.Cycle, q.Number })
            .FirstAsync();
        return (question.AssessmentId, question.SystemKey, question.Cycle, question.Number);
    }

    /// <summary>Sends a request as the login, through the pipeline its browser would use: for what the test is not about.</summary>
    private async Task<object?> SendAsync(string email, object request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoGovUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(principal);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
