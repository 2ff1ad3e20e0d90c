using System.Net;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Questions;
using static CoGov.Web.Tests.Attacks.AnswerLinkScene;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// An answer link used after it ran out: at the question's deadline plus the policy's escalation period, which moves
/// when the deadline moves. On an app of its own, since its clock runs weeks ahead.
/// </summary>
[Trait("Category", "Attack")]
public sealed class AnswerLinkExpiryAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task AnAnswerLinkRunsOutWhenItsDeadlinesEscalationsAreOverMovesWithTheDeadlineAndThenTakesNoAnswer()
    {
        var scene = await SetUpAsync(app, "Pia Sandoval");
        var issued = await ListedAsync(scene);
        // More time asked through the link and granted: the deadline moves, and the link's end with it.
        using (var manager = app.CreateClient(new() { AllowAutoRedirect = false }))
        {
            var form = (await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path))).NamedForm("more-time")!;
            Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(scene.Path, form,
                new Dictionary<string, string?> { ["Model.WorkingDays"] = "10", ["Model.Reason"] = "The vendor's audit ends next month." })).StatusCode);
        }
        await SendAsAsync(app, DemoLogins.Amara, new DecideExtension(Hospital, scene.SystemKey, scene.Cycle, scene.Number, true, "Granted for the audit."));
        var moved = await ListedAsync(scene);
        Assert.True(moved.ExpiresAt > issued.ExpiresAt, $"The link's end stayed at {moved.ExpiresAt} when the deadline moved.");

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var answerForm = (await CoGovWebApp.ParseAsync(await client.GetAsync(scene.Path))).NamedForm("answer")!;
        app.Clock.SetUtcNow(moved.ExpiresAt.ToUniversalTime() - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(scene.Path)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await client.GetAsync(scene.Path);
        var posted = await client.PostFormAsync(scene.Path, answerForm, new Dictionary<string, string?> { ["Model.Answer"] = "Too late." });

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("The link has run out.", (await CoGovWebApp.ParseAsync(page)).Body!.TextContent, StringComparison.Ordinal);
        Assert.True(posted.StatusCode is HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"Posted: {(int)posted.StatusCode}");
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.Equal(AnswerLinkStanding.Expired, (await ListedAsync(scene)).Standing);
    }

    /// <summary>The link as the steward's question page lists it.</summary>
    private async Task<AnswerLinkRow> ListedAsync(AnswerLinkScene scene) =>
        ((IReadOnlyList<AnswerLinkRow>)(await SendAsAsync(app, DemoLogins.Amara, new GetAnswerLinks(Hospital, scene.SystemKey, scene.Cycle, scene.Number)))!)
            .Single(l => l.PersonName == "Pia Sandoval");
}
