using System.Net;
using CoGov.Web.Tests.Attacks;
using CoGov.Domain.Assessments;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CoGov.Web.Tests.Attacks.AnswerLinkScene;

namespace CoGov.Web.Tests.Components.Pages.AnswerLinks;

/// <summary>Who gets an answer link in their mail (decision record 21), and what its page shows.</summary>
public sealed class AnswerLinkIssuingTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AManagerWithALoginSignsInInsteadUntilTheyPreferLinksAndThenGetsOneBuiltFromThePublicOrigin()
    {
        var (assessment, _, _, _, number, manager) = await OpenQuestionAsync(app);
        var managerKey = await KeyOfAsync(manager);

        Assert.Null(await LinkForAsync(app, manager, assessment, number));

        await SendAsAsync(app, DemoLogins.Amara, new ChangeAnswerLinkPreference(Hospital, managerKey, true));
        try
        {
            var link = await LinkForAsync(app, manager, assessment, number);
            Assert.NotNull(link);
            Assert.StartsWith("http://localhost/answer/", link, StringComparison.Ordinal);
            // Every later ask (a retried mail) gets the same link, and one link is stored.
            Assert.Equal(link, await LinkForAsync(app, manager, assessment, number));
            await using var scope = app.Services.CreateAsyncScope();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().AnswerLinks.CountAsync(l => l.PersonId == manager));
        }
        finally
        {
            await SendAsAsync(app, DemoLogins.Amara, new ChangeAnswerLinkPreference(Hospital, managerKey, false));
        }
        // A manager who is not the one answering the question gets no link for it.
        var someoneElse = managerKey == "kwame-asante" ? "priya-nair" : "kwame-asante";
        await SendAsAsync(app, DemoLogins.Amara, new ChangeAnswerLinkPreference(Hospital, someoneElse, true));
        Assert.Null(await LinkForAsync(app, await PersonIdAsync(app, someoneElse), assessment, number));
        await SendAsAsync(app, DemoLogins.Amara, new ChangeAnswerLinkPreference(Hospital, someoneElse, false));
    }

    [Fact]
    public async Task TheMailTellingAManagerWithoutALoginOfTheirQuestionCarriesTheirAnswerLinkInBothPartsAndTheQuestionPageForNoOneElse()
    {
        var scene = await SetUpAsync(app, "Rhys Morgan");

        for (var round = 0; round < 20; round++)
        {
            await using var sending = app.Services.CreateAsyncScope();
            if ((await sending.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).Due == 0)
            {
                break;
            }
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var arrived = await db.Outbox.AsNoTracking()
            .SingleAsync(m => m.RecipientPersonId == scene.PersonId && m.Kind == NotificationKind.QuestionArrived && m.QuestionNumber == scene.Number);
        Assert.NotNull(arrived.SentAt);
        var mail = MimeMessage.Load(Path.Combine(app.MailFolder, $"{arrived.Id:D}.eml"));
        Assert.Contains(scene.Link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(scene.Link, mail.HtmlBody, StringComparison.Ordinal);
        // The manager it was taken from, who signs in, is told of it with the question page's address, not a link of theirs.
        var away = await db.Outbox.AsNoTracking()
            .SingleAsync(m => m.Kind == NotificationKind.ReassignedAway && m.QuestionNumber == scene.Number && m.AssessmentId == scene.AssessmentId);
        var awayMail = MimeMessage.Load(Path.Combine(app.MailFolder, $"{away.Id:D}.eml"));
        Assert.DoesNotContain("/answer/", awayMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/cycles/{scene.Cycle}/questions/{scene.Number}", awayMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await db.AnswerLinks.CountAsync(l => l.PersonId == scene.PersonId));
    }

    private async Task<string> KeyOfAsync(Guid personId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().People.Where(p => p.Id == personId).Select(p => p.Key).SingleAsync();
    }

    [Fact]
    public async Task TheLinksPageShowsTheQuestionItsThreadAndTheThreeActionsAndNoWayIntoTheOrganisation()
    {
        var scene = await SetUpAsync(app, "Quin Adair");
        using var manager = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await manager.GetAsync(scene.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal($"Question {scene.Number} about {scene.SystemName}", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["answer", "more-time", "delegate"], page.QuerySelectorAll("input[name=_handler]").Select(i => i.GetAttribute("value")!).ToArray());
        Assert.Contains("Reassigned", page.QuerySelector(".cogov-entries")!.TextContent, StringComparison.Ordinal);
        // No link anywhere on it leads into the organisation, nor to signing in.
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!),
            href => href.Contains("organisations", StringComparison.Ordinal) || href.Contains("Account", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector(".cogov-nav"));
    }
}
