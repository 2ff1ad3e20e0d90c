using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CoGov.Web.Tests.Attacks.AnswerLinkScene;

using AnswerLinkPage = CoGov.Web.Components.Pages.AnswerLinks.AnswerLinkPage;
using QuestionPage = CoGov.Web.Components.Pages.Questions.QuestionPage;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Answer links used as they were never meant to be (decision record 21): forged or tampered, aimed at another question
/// or another command, after revocation, after the question moved, without the mailed code. Each is refused, and nothing
/// is written but the link's own bookkeeping (when it was last used, a wrong code counted).
/// </summary>
[Trait("Category", "Attack")]
public sealed partial class AnswerLinkAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string AnswerText = "Answered by the attacker.";

    [Fact]
    public async Task AForgedOrTamperedAnswerLinkAnswersNotFoundAndTakesNoAnswer()
    {
        var scene = await SetUpAsync(app, "Fern Okoye");
        var other = await SetUpAsync(app, "Gus Tamm");
        using var attacker = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await attacker.GetAsync(scene.Path))).NamedForm("answer")!;
        var token = scene.Token;
        string[] forged =
        [
            // A guess of the right shape.
            System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(49))[..AnswerLinkTokens.Length],
            token[..^1] + (token[^1] == 'A' ? 'B' : 'A'),
            (token[0] == 'A' ? "B" : "A") + token[1..],
            token[..22] + other.Token[22..],
            other.Token[..22] + token[22..],
            token[..^2],
            token + "A",
            token.ToUpperInvariant(),
        ];
        var before = await AttackSurface.FingerprintAsync(app);

        foreach (var tampered in forged)
        {
            var address = "/" + AnswerLinkPage.Url(tampered);
            var page = await attacker.GetAsync(address);
            var posted = await attacker.PostFormAsync(address, form, new Dictionary<string, string?> { ["Model.Answer"] = AnswerText });

            Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{tampered}: {(int)page.StatusCode}");
            Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{tampered}: posted {(int)posted.StatusCode}");
            Assert.DoesNotContain(scene.SystemName, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AnAnswerLinkSendsOnlyItsThreeActionsAndOnlyAboutItsOwnQuestion()
    {
        var scene = await SetUpAsync(app, "Hana Ibsen");
        var (_, otherSystem, _, otherCycle, other, _) = await OpenQuestionAsync(app);
        object[] refused =
        [
            new AnswerQuestion(Hospital, otherSystem, otherCycle, other, AnswerText),
            new RequestExtension(Hospital, otherSystem, otherCycle, other, 5, AnswerText),
            new DelegateQuestion(Hospital, otherSystem, otherCycle, other, "kwame-asante", AnswerText),
            new GetQuestionThread(Hospital, otherSystem, otherCycle, other),
            new AnswerQuestion(Hospital, scene.SystemKey, scene.Cycle + 1, scene.Number, AnswerText),
            new AnswerQuestion(OtherOrganisation.Key, OtherOrganisation.SystemKey, 1, 1, AnswerText),
            // Its own question, but not one of the three actions.
            new AcceptAnswer(Hospital, scene.SystemKey, scene.Cycle, scene.Number),
            new ReassignQuestion(Hospital, scene.SystemKey, scene.Cycle, scene.Number, "kwame-asante", AnswerText),
            new WithdrawQuestion(Hospital, scene.SystemKey, scene.Cycle, scene.Number, AnswerText),
            new RevokeAnswerLink(Hospital, scene.SystemKey, scene.Cycle, scene.Number, (await scene.StoredLinkAsync(app)).Id),
            new GetMyQuestions(Hospital),
            new GetChaseBoard(Hospital),
        ];
        var before = await WithoutLinkBookkeepingAsync();

        foreach (var request in refused)
        {
            await Assert.ThrowsAsync<NotFoundException>(() => scene.SendThroughLinkAsync(app, request));
        }

        Assert.Equal(before, await WithoutLinkBookkeepingAsync());
        // And the link's own question, read through it, is offered exactly the three actions.
        var thread = (QuestionThread)(await scene.SendThroughLinkAsync(app, new GetQuestionThread(Hospital, scene.SystemKey, scene.Cycle, scene.Number)))!;
        Assert.Equal([QuestionAction.Answer, QuestionAction.Delegate, QuestionAction.RequestMoreTime], thread.PermittedActions.Order());
    }

    [Fact]
    public async Task ARevokedAnswerLinkSaysSoAndTakesNoAnswerAndTheNextMailBringsAFreshOne()
    {
        var scene = await SetUpAsync(app, "Ivo Laine");
        using var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path))).NamedForm("answer")!;
        using var steward = await app.SignedInClientAsync(DemoLogins.Amara);
        var question = "/" + QuestionPage.Url(Hospital, scene.SystemKey, scene.Cycle, scene.Number);
        var questionPage = await CoGovWebApp.ParseAsync(await steward.GetAsync(question));
        var linkId = (await scene.StoredLinkAsync(app)).Id;
        var revoked = await steward.PostFormAsync(question, questionPage.NamedForm($"revoke-answer-link-{linkId:N}")!);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await manager.GetAsync(scene.Path);
        var posted = await manager.PostFormAsync(scene.Path, form, new Dictionary<string, string?> { ["Model.Answer"] = AnswerText });

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var document = await CoGovWebApp.ParseAsync(page);
        Assert.Contains("The link was withdrawn.", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("form"));
        Assert.True(posted.StatusCode is HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"Posted: {(int)posted.StatusCode}");
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.DoesNotContain(await scene.EntriesAsync(app), e => e.Text == AnswerText);
        // The steward's page lists it as revoked, by whom; the audit log has it.
        var listed = (await CoGovWebApp.ParseAsync(await steward.GetAsync(question))).QuerySelector(".cogov-answer-links")!.TextContent;
        Assert.Contains("revoked", listed, StringComparison.Ordinal);
        Assert.Contains("Amara Okafor", listed, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().AuditEntries.AnyAsync(e => e.Kind == AuditKind.AnswerLinkRevoked && e.Text.Contains("Ivo Laine")));
        }
        var fresh = await LinkForAsync(app, scene.PersonId, scene.AssessmentId, scene.Number);
        Assert.NotNull(fresh);
        Assert.NotEqual(scene.Link, fresh);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(new Uri(fresh).AbsolutePath)).StatusCode);
    }

    [Fact]
    public async Task AReassignedQuestionsOldLinkSaysOnlyThatItMovedAndTheNewManagerGetsAFreshLink()
    {
        var scene = await SetUpAsync(app, "Jola Berg");
        using var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = (await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path))).NamedForm("answer")!;
        var newKey = (string)(await SendAsAsync(app, DemoLogins.Admin, new Workflows.People.AddPerson(Hospital, "Kofi Mensah", "kofi.mensah@riverside-hospital.example", Side.Management, "Ward manager")))!;
        await SendAsAsync(app, DemoLogins.Amara, new ReassignQuestion(Hospital, scene.SystemKey, scene.Cycle, scene.Number, newKey, "Kofi runs that ward now."));
        var before = await AttackSurface.FingerprintAsync(app);

        var page = await manager.GetAsync(scene.Path);
        var posted = await manager.PostFormAsync(scene.Path, form, new Dictionary<string, string?> { ["Model.Answer"] = AnswerText });

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var body = (await CoGovWebApp.ParseAsync(page)).Body!;
        Assert.Contains("This question has moved to someone else.", body.TextContent, StringComparison.Ordinal);
        // Nothing more: not the question, not the system, not who has it now.
        Assert.DoesNotContain(scene.SystemName, body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kofi", body.TextContent, StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("form"));
        Assert.True(posted.StatusCode is HttpStatusCode.Gone or HttpStatusCode.BadRequest, $"Posted: {(int)posted.StatusCode}");
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));

        var fresh = await LinkForAsync(app, await PersonIdAsync(app, newKey), scene.AssessmentId, scene.Number);
        Assert.NotNull(fresh);
        Assert.NotEqual(scene.Link, fresh);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(new Uri(fresh).AbsolutePath)).StatusCode);
        // The old manager asks again, as the outbox would for a late mail: no link, the question is not theirs.
        Assert.Null(await LinkForAsync(app, scene.PersonId, scene.AssessmentId, scene.Number));
    }

    [Fact]
    public async Task OnlyTheHashOfAnAnswerLinksTokenIsInTheDatabase()
    {
        var scene = await SetUpAsync(app, "Lina Sousa");
        // Asked again, as every retry of the same mail asks: the same link, and still no token stored.
        Assert.Equal(scene.Link, await LinkForAsync(app, scene.PersonId, scene.AssessmentId, scene.Number));
        SqliteConnection.ClearAllPools();

        var bytes = DatabaseBytes();

        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(scene.Token)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(scene.Token[22..])));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(AnswerLinkTokens.Hash(scene.Token))));
        Assert.Equal(AnswerLinkTokens.Hash(scene.Token), (await scene.StoredLinkAsync(app)).TokenHash);
    }

    [Fact]
    public async Task WithTheOrganisationAskingForACodeALinkOpensNothingUntilTheMailedCodeIsGivenAndFiveWrongCodesSpendIt()
    {
        var scene = await SetUpAsync(app, "Mira Holm");
        await SendAsAsync(app, DemoLogins.Admin, new ChangeAnswerLinkCodeRequirement(Hospital, true));
        try
        {
            using var manager = app.CreateClient(new() { AllowAutoRedirect = false });

            var opened = await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path));

            Assert.Null(opened.NamedForm("answer"));
            Assert.DoesNotContain(scene.SystemName, opened.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains("m***@riverside-hospital.example", opened.Body.TextContent, StringComparison.Ordinal);
            var code = CodeIn(LatestCodeMail("mira.holm@riverside-hospital.example"));
            var stored = await scene.StoredLinkAsync(app);
            Assert.NotNull(stored.CodeHash);
            Assert.DoesNotContain(code, stored.CodeHash, StringComparison.Ordinal);

            // Five wrong codes: each refused, nothing written but the count, and the fifth spends the code.
            var before = await WithoutLinkBookkeepingAsync();
            for (var i = 0; i < AnswerLink.CodeAttempts; i++)
            {
                var form = (await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path))).NamedForm("answer-link-code")!;
                var wrong = await manager.PostFormAsync(scene.Path, form, new Dictionary<string, string?> { ["Code"] = code == "000000" ? "000001" : "000000" });
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
                Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("CoGov.AnswerLink.", StringComparison.Ordinal)));
            }
            var spent = await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path));
            Assert.Null(spent.NamedForm("answer-link-code"));
            Assert.Null(spent.NamedForm("answer"));
            Assert.Equal(before, await WithoutLinkBookkeepingAsync());

            // A new code, mailed on asking; the right one opens the question for this browser.
            var mailForm = spent.NamedForm("answer-link-mail-code")!;
            Assert.Equal(HttpStatusCode.OK, (await manager.PostFormAsync(scene.Path, mailForm)).StatusCode);
            var fresh = CodeIn(LatestCodeMail("mira.holm@riverside-hospital.example"));
            var codeForm = (await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path))).NamedForm("answer-link-code")!;
            var right = await manager.PostFormAsync(scene.Path, codeForm, new Dictionary<string, string?> { ["Code"] = fresh });
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            var question = await CoGovWebApp.ParseAsync(await manager.GetAsync(scene.Path));
            Assert.NotNull(question.NamedForm("answer"));
            // Another browser with the same link still needs a code of its own.
            using var other = app.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Null((await CoGovWebApp.ParseAsync(await other.GetAsync(scene.Path))).NamedForm("answer"));
        }
        finally
        {
            await SendAsAsync(app, DemoLogins.Admin, new ChangeAnswerLinkCodeRequirement(Hospital, false));
        }
    }

    [Fact]
    public async Task DelegatingAndAskingForMoreTimeThroughALinkAreLoggedAsThePersonViaTheLinkAndTheChainHolds()
    {
        var asking = await SetUpAsync(app, "Nils Dahl");
        var delegating = await SetUpAsync(app, "Olga Varga");
        using var manager = app.CreateClient(new() { AllowAutoRedirect = false });

        var moreTime = await manager.PostFormAsync(asking.Path, (await CoGovWebApp.ParseAsync(await manager.GetAsync(asking.Path))).NamedForm("more-time")!,
            new Dictionary<string, string?> { ["Model.WorkingDays"] = "5", ["Model.Reason"] = "The vendor's report is due next week." });
        var delegated = await manager.PostFormAsync(delegating.Path, (await CoGovWebApp.ParseAsync(await manager.GetAsync(delegating.Path))).NamedForm("delegate")!,
            new Dictionary<string, string?> { ["Model.ToPersonKey"] = "kwame-asante", ["Model.Reason"] = "Kwame holds the vendor contract." });

        Assert.Equal(HttpStatusCode.Redirect, moreTime.StatusCode);
        Assert.Equal("/" + AnswerLinkPage.Url(asking.Token, done: "more-time"), moreTime.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, delegated.StatusCode);
        foreach (var (scene, kind) in new[] { (asking, LogEntryKind.ExtensionRequested), (delegating, LogEntryKind.Delegated) })
        {
            var entry = (await scene.EntriesAsync(app))[^1];
            var link = await scene.StoredLinkAsync(app);
            Assert.Equal(kind, entry.Kind);
            Assert.Equal(scene.PersonId, entry.ActorPersonId);
            Assert.Equal($"link:{link.Id:D}", entry.ActingLogin);
            Assert.Equal(entry.ComputeHash(), entry.Hash);

            // The question page says so beside the entry, and the whole cycle's log still verifies.
            var thread = (QuestionThread)(await SendAsAsync(app, DemoLogins.Amara, new GetQuestionThread(Hospital, scene.SystemKey, scene.Cycle, scene.Number)))!;
            Assert.True(thread.Log.IsIntact, thread.Log.Problem);
            using var steward = await app.SignedInClientAsync(DemoLogins.Amara);
            var page = await CoGovWebApp.ParseAsync(await steward.GetAsync("/" + QuestionPage.Url(Hospital, scene.SystemKey, scene.Cycle, scene.Number)));
            Assert.Equal("via link", page.QuerySelector($"#entry-{entry.Sequence} .cogov-entry-via-link")!.TextContent.Trim());
        }
    }

    /// <summary>Everything stored or sent, less the links' own bookkeeping (last used, codes tried), which a refused use may write.</summary>
    private async Task<string> WithoutLinkBookkeepingAsync() =>
        string.Join("\n", (await AttackSurface.FingerprintAsync(app)).Split(Environment.NewLine).Where(l => !l.StartsWith("AnswerLinks:", StringComparison.Ordinal)));

    private byte[] DatabaseBytes()
    {
        var bytes = new List<byte>(File.ReadAllBytes(app.Database));
        if (File.Exists(app.Database + "-wal"))
        {
            bytes.AddRange(File.ReadAllBytes(app.Database + "-wal"));
        }
        return [.. bytes];
    }

    private MimeMessage LatestCodeMail(string address) =>
        Directory.GetFiles(app.MailFolder, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc).Select(f => MimeMessage.Load(f))
            .First(m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject?.StartsWith("Your code for question", StringComparison.Ordinal) == true && m.Subject.StartsWith("Your code for question", StringComparison.Ordinal));

    private static string CodeIn(MimeMessage mail) => SixDigits().Match(mail.TextBody!).Groups[1].Value;

    [GeneratedRegex(@"^\s+(\d{6})\s*$", RegexOptions.Multiline)]
    private static partial Regex SixDigits();
}
