using CoGov.Domain.Assessments;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Ledger;

/// <summary>
/// Decision record 19: each entry names the login that acted, each signature mails the log's head to both chairs and
/// writes it to the anchor file, and verification compares the log with every anchor and names the one that disagrees.
/// </summary>
public sealed class LedgerTests
{
    /// <summary>The screening cycle, every question answered and accepted, signed off by Kwame and countersigned by Amara.</summary>
    private static async Task<TestApp> SignedCycleAsync()
    {
        var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        Assert.True((await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)))).Succeeded);
        await app.EnsureDemoAccountsAsync();
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        var priya = await app.UserAsync(Priya);
        await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
        for (var number = 1; number <= 19; number++)
        {
            await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number}."), number is >= 10 and <= 12 ? priya : kwame);
            await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
        }
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed off."), kwame);
        await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned."), amara);
        return app;
    }

    private static string AnchorFile(TestApp app) => Path.Combine(app.Database.Folder, "anchors.jsonl");

    private static Task<string> UserIdAsync(TestApp app, string email) => app.WithDbAsync(async db =>
        (await db.Users.SingleAsync(u => u.Email == email)).Id);

    [Fact]
    public async Task EachEntryRecordsTheLoginThatActedInItsHashAndCoGovForWhatItDidItself()
    {
        await using var app = await SignedCycleAsync();
        var cycle = await app.CycleAsync(Screening, 1);
        var amaraId = await UserIdAsync(app, Amara);
        var kwameId = await UserIdAsync(app, Kwame);

        var sent = cycle.Log.First(e => e.Kind == LogEntryKind.Sent);
        var answered = cycle.Log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 1);
        var opened = cycle.Log.First(e => e.Kind == LogEntryKind.Opened);

        Assert.All(cycle.Log, e => Assert.Equal(LogEntry.HashWithLogin, e.HashVersion));
        Assert.Equal(amaraId, sent.ActingLogin);
        Assert.Equal(kwameId, answered.ActingLogin);
        // Opened by the import, which CoGov carried out on the organisation's behalf.
        Assert.Equal(LogEntry.CoGovLogin, opened.ActingLogin);
        Assert.Contains(kwameId, answered.CanonicalContent(), StringComparison.Ordinal);
        Assert.True(cycle.VerifyLog().IsIntact);
    }

    [Fact]
    public async Task ALoginChangedOnAnEntryOrAnEntryPassedOffAsWrittenBeforeLoginsIsNamed()
    {
        await using var app = await SignedCycleAsync();
        var cycle = await app.CycleAsync(Screening, 1);
        var answered = cycle.Log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 3);
        var accepted = cycle.Log.First(e => e.Kind == LogEntryKind.Accepted && e.QuestionNumber == 7);
        var priyaId = await UserIdAsync(app, Priya);

        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET ActingLogin = {priyaId} WHERE Id = {answered.Id}");
        });
        var swapped = (await app.CycleAsync(Screening, 1)).VerifyLog();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET ActingLogin = {answered.ActingLogin} WHERE Id = {answered.Id}"));
        // Version 1's hash covers no login, so marking an entry as old would hide a changed login if it were allowed.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET HashVersion = 1 WHERE Id = {accepted.Id}"));
        var downgraded = (await app.CycleAsync(Screening, 1)).VerifyLog();

        Assert.False(swapped.IsIntact);
        Assert.Equal(answered.Sequence, swapped.FirstBrokenSequence);
        Assert.False(downgraded.IsIntact);
        Assert.Equal(accepted.Sequence, downgraded.FirstBrokenSequence);
    }

    [Fact]
    public async Task EachSignatureMailsTheLogHeadToBothChairsAndKeepsItInTheTableTheFileAndTheSignature()
    {
        await using var app = await SignedCycleAsync();
        var cycle = await app.CycleAsync(Screening, 1);
        var signedOff = cycle.Log.Single(e => e.Kind == LogEntryKind.SignedOff);
        var countersigned = cycle.Log.Single(e => e.Kind == LogEntryKind.Countersigned);

        var anchors = await app.WithDbAsync(db => db.LogAnchors.AsNoTracking().OrderBy(a => a.LogLength).ToListAsync());
        var mail = await app.WithDbAsync(db => (
                from m in db.Outbox
                where m.Kind == NotificationKind.LogAnchored
                join p in db.People on m.RecipientPersonId equals p.Id
                select new { m, p.Key })
            .ToListAsync());
        var lines = AnchorLine.ReadAll(await File.ReadAllTextAsync(AnchorFile(app)));

        Assert.Equal([(signedOff.Sequence, signedOff.Hash, AnchorReason.SignedOff), (countersigned.Sequence, countersigned.Hash, AnchorReason.Countersigned)],
            anchors.Select(a => (a.LogLength, a.LogHeadHash, a.Reason)));
        Assert.All(anchors, a => Assert.Contains("Leila Haddad <leila.haddad@riverside-hospital.example>", a.SentTo, StringComparison.Ordinal));
        Assert.All(anchors, a => Assert.Contains("Helen Marsh <helen.marsh@riverside-hospital.example>", a.SentTo, StringComparison.Ordinal));
        Assert.Equal(["helen-marsh", "helen-marsh", "leila-haddad", "leila-haddad"], mail.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal([signedOff.Hash, countersigned.Hash], lines.Select(l => l.Anchor!.Head));
        Assert.All(lines, l => Assert.Equal((Key, Screening, 1), (l.Anchor!.Organisation, l.Anchor.System, l.Anchor.Cycle)));
        Assert.Equal([(signedOff.Sequence, signedOff.Hash), (countersigned.Sequence, countersigned.Hash)],
            cycle.SignOffs.OrderBy(s => s.LogLength).Select(s => (s.LogLength!.Value, s.LogHeadHash!)));

        await using var scope = app.Services.CreateAsyncScope();
        var composed = await scope.ServiceProvider.GetRequiredService<NotificationMail>()
            .ComposeAsync(mail.First(m => m.Key == "leila-haddad" && m.m.LogEntryId == countersigned.Id).m, CancellationToken.None);
        Assert.Contains($"Entries in the log: {countersigned.Sequence}", composed.TextBody, StringComparison.Ordinal);
        Assert.Contains(countersigned.Hash, composed.TextBody, StringComparison.Ordinal);
        Assert.Contains("countersigned", composed.TextBody, StringComparison.Ordinal);
        Assert.Equal("leila.haddad@riverside-hospital.example", Assert.Single(composed.To.Mailboxes).Address);
    }

    [Fact]
    public async Task AnIntactLogAgreesWithEveryAnchorCoGovKnows()
    {
        await using var app = await SignedCycleAsync();

        var report = await app.SendAsync(new VerifyCycleLogs(Key, Screening, 1), await app.UserAsync(Amara));

        var check = Assert.Single(report.Cycles);
        Assert.True(report.Holds);
        Assert.True(check.Log.IsIntact);
        Assert.Equal(
            [AnchorSource.SignOff, AnchorSource.Countersignature, AnchorSource.Mailed, AnchorSource.Mailed, AnchorSource.AnchorFile, AnchorSource.AnchorFile],
            check.Anchors.Select(a => a.Source));
        Assert.All(check.Anchors, a => Assert.True(a.Agrees, a.Disagreement));
    }

    [Fact]
    public async Task APerfectRewriteInsideTheDatabaseVerifiesOnItsOwnButEveryAnchorMadeAfterItDisagreesNamingTheEntry()
    {
        await using var app = await SignedCycleAsync();
        var before = await app.CycleAsync(Screening, 1);
        var answer = before.Log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 5);
        var signedOff = before.Log.Single(e => e.Kind == LogEntryKind.SignedOff);
        // What a chair kept from the mail: the anchor line it quotes.
        var kept = new AnchorLine(Key, Screening, 1, signedOff.Sequence, signedOff.Hash).ToJson();

        await app.WithDbAsync(db => db.RewriteAsync(before.Id, answer.Sequence, "Management accepts full liability."));
        var report = await app.SendAsync(new VerifyCycleLogs(Key, Screening, 1, kept, "the chair's mail"), await app.UserAsync(Amara));

        var check = Assert.Single(report.Cycles);
        Assert.True((await app.CycleAsync(Screening, 1)).VerifyLog().IsIntact);
        Assert.True(check.Log.IsIntact);
        Assert.False(report.Holds);
        Assert.All(check.Anchors, a => Assert.False(a.Agrees));
        var signOff = check.Anchors.Single(a => a.Source == AnchorSource.SignOff);
        Assert.Contains($"entry {signedOff.Sequence} of the log has the hash", signOff.Disagreement, StringComparison.Ordinal);
        Assert.Equal("line 1 of the chair's mail", check.Anchors.Single(a => a.Source == AnchorSource.Supplied).Detail);
        Assert.Equal(2, check.Anchors.Count(a => a.Source == AnchorSource.AnchorFile));
    }

    [Fact]
    public async Task AnAnchorFromBeforeTheLastEntryWasRemovedSaysTheLogIsShorter()
    {
        await using var app = await SignedCycleAsync();
        var before = await app.CycleAsync(Screening, 1);
        var last = before.Log[^1];

        // The deletion and the cycle's head moved back to match: the chain alone no longer shows it.
        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            // The chairs' mail points at the entry: the owner of the file switches the foreign keys off too.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
            await db.LogEntries.Where(e => e.Id == last.Id).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE Assessments SET LogLength = {last.Sequence - 1}, LogHeadHash = {last.PreviousHash} WHERE Id = {before.Id}");
        });
        var report = await app.SendAsync(new VerifyCycleLogs(Key, Screening, 1), await app.UserAsync(Amara));

        var check = Assert.Single(report.Cycles);
        Assert.True(check.Log.IsIntact);
        var countersignature = check.Anchors.Single(a => a.Source == AnchorSource.Countersignature);
        Assert.Equal($"it counted {last.Sequence} entries, but the log now ends at entry {last.Sequence - 1}: entries were removed.", countersignature.Disagreement);
        Assert.True(check.Anchors.Single(a => a.Source == AnchorSource.SignOff).Agrees);
    }
}
