using System.Diagnostics;
using System.Security.Claims;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Someone with write access to the database tries to rewrite a cycle's log (decision record 19). The database refuses
/// the plain UPDATE and DELETE; once its owner drops the triggers and rewrites the log perfectly, the anchors mailed to
/// both chairs, written to the anchor file and kept on the signatures name the disagreement, and verify-log fails.
/// </summary>
[Trait("Category", "Attack")]
public sealed class LedgerAttackTests : IAsyncLifetime
{
    private const string Screening = "applicant-screening";

    private readonly CoGovWebApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task APerfectRewriteOfAnAnswerByTheDatabasesOwnerIsNamedByTheChairsMailTheAnchorFileAndTheSignaturesAndVerifyLogFails()
    {
        var (cycleId, log) = await SignedCycleAsync();
        var answer = log.First(e => e.Kind == LogEntryKind.Answered && e.QuestionNumber == 5);
        var countersigned = log.Single(e => e.Kind == LogEntryKind.Countersigned);
        await DeliverMailAsync();
        var anchorMail = AnchorMails();
        // What a chair kept: the anchor line her countersignature mail quotes.
        var chairsLine = anchorMail.Single(m => m.To == DemoLogins.Leila && m.Body.Contains($"Entries in the log: {countersigned.Sequence}", StringComparison.Ordinal))
            .Body.ReplaceLineEndings("\n").Split('\n').Single(l => l.TrimStart().StartsWith("{\"organisation\"", StringComparison.Ordinal)).Trim();
        var kept = Path.Combine(Path.GetDirectoryName(_app.Database)!, "kept-by-the-chair.jsonl");
        await File.WriteAllTextAsync(kept, chairsLine + "\n");
        var before = await RunVerifyLogAsync(kept);

        // A plain UPDATE is refused by the database and changes nothing.
        await Assert.ThrowsAsync<SqliteException>(() => WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Text = {"Management accepts full liability."} WHERE Id = {answer.Id}")));
        Assert.Equal(answer.Text, await WithDbAsync(db => db.LogEntries.Where(e => e.Id == answer.Id).Select(e => e.Text).SingleAsync()));
        // The owner drops the triggers and rewrites the answer, every later hash and the cycle's head.
        await WithDbAsync(async db => { await db.RewriteAsync(cycleId, answer.Sequence, "Management accepts full liability."); return 0; });
        var after = await RunVerifyLogAsync(kept);
        var check = (await VerifyAsync()).Cycles.Single(c => c.SystemKey == Screening && c.Cycle == 1);

        Assert.Equal(["helen.marsh@riverside-hospital.example", "helen.marsh@riverside-hospital.example", DemoLogins.Leila, DemoLogins.Leila],
            anchorMail.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(anchorMail.Where(m => m.Body.Contains($"Entries in the log: {countersigned.Sequence}", StringComparison.Ordinal)),
            m => Assert.Contains(countersigned.Hash, m.Body, StringComparison.Ordinal));
        Assert.True(before.ExitCode == 0, before.Output + before.Error);
        Assert.Contains($"OK   riverside-hospital {Screening} cycle 1", before.Output, StringComparison.Ordinal);
        Assert.True(check.Log.IsIntact, "The rewrite is perfect: the chain verifies on its own.");
        Assert.Equal(1, after.ExitCode);
        Assert.Contains($"FAIL riverside-hospital {Screening} cycle 1", after.Output, StringComparison.Ordinal);
        Assert.Contains($"disagrees: line 1 of {kept}: entry {countersigned.Sequence} of the log has the hash", after.Output, StringComparison.Ordinal);
        Assert.Contains("disagrees: line 2 of the anchor file", after.Output, StringComparison.Ordinal);
        Assert.Contains("disagrees: management's sign-off by Kwame Asante", after.Output, StringComparison.Ordinal);
        Assert.Contains("disagrees: the anchor mailed to", after.Output, StringComparison.Ordinal);
        Assert.All(check.Anchors, a => Assert.False(a.Agrees));
    }

    [Fact]
    public async Task ReorderingTwoEntriesIsRefusedByTheDatabaseAndOnceForcedIsNamed()
    {
        var (cycleId, log) = await SignedCycleAsync();
        var (first, second) = (log[10], log[11]);

        await Assert.ThrowsAsync<SqliteException>(() => WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = -1 WHERE Id = {first.Id}")));
        var unchanged = (await VerifyAsync()).Cycles.Single(c => c.SystemKey == Screening && c.Cycle == 1);
        await WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = -1 WHERE Id = {first.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = {first.Sequence} WHERE Id = {second.Id}");
            return await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Sequence = {second.Sequence} WHERE Id = {first.Id}");
        });
        var check = (await VerifyAsync()).Cycles.Single(c => c.SystemKey == Screening && c.Cycle == 1);

        Assert.True(unchanged.Holds);
        Assert.False(check.Holds);
        Assert.False(check.Log.IsIntact);
        Assert.Equal(first.Sequence, check.Log.FirstBrokenSequence);
        Assert.NotEqual(Guid.Empty, cycleId);
    }

    [Fact]
    public async Task DeletingTheLastEntryWithExecuteDeleteIsRefusedAndOnceForcedWithTheHeadMovedBackTheCountersignatureNamesIt()
    {
        var (cycleId, log) = await SignedCycleAsync();
        var last = log[^1];

        await Assert.ThrowsAsync<SqliteException>(() => WithDbAsync(db => db.LogEntries.Where(e => e.Id == last.Id).ExecuteDeleteAsync()));
        var kept = await WithDbAsync(db => db.LogEntries.CountAsync(e => e.AssessmentId == cycleId));
        await WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
            await db.LogEntries.Where(e => e.Id == last.Id).ExecuteDeleteAsync();
            return await db.Database.ExecuteSqlAsync($"UPDATE Assessments SET LogLength = {last.Sequence - 1}, LogHeadHash = {last.PreviousHash} WHERE Id = {cycleId}");
        });
        var check = (await VerifyAsync()).Cycles.Single(c => c.SystemKey == Screening && c.Cycle == 1);

        Assert.Equal(log.Count, kept);
        Assert.True(check.Log.IsIntact, "With the head moved back, the chain alone shows nothing.");
        Assert.False(check.Holds);
        Assert.Contains($"it counted {last.Sequence} entries, but the log now ends at entry {last.Sequence - 1}",
            check.Anchors.Single(a => a.Source == AnchorSource.Countersignature).Disagreement, StringComparison.Ordinal);
    }

    /// <summary>Every question of the screening cycle answered and accepted, then signed off and countersigned, as its people would.</summary>
    private async Task<(Guid CycleId, List<LogEntry> Log)> SignedCycleAsync()
    {
        await SendAsAsync(DemoLogins.Amara, SendQuestions.EveryDraft(DemoLogins.Organisation, Screening, 1));
        for (var number = 1; number <= 19; number++)
        {
            await SendAsAsync(number is >= 10 and <= 12 ? DemoLogins.Priya : DemoLogins.Kwame, new AnswerQuestion(DemoLogins.Organisation, Screening, 1, number, $"Answer {number}."));
            await SendAsAsync(DemoLogins.Amara, new AcceptAnswer(DemoLogins.Organisation, Screening, 1, number));
        }
        await SendAsAsync(DemoLogins.Kwame, new SignOffCycle(DemoLogins.Organisation, Screening, 1, "Signed off."));
        await SendAsAsync(DemoLogins.Amara, new CountersignCycle(DemoLogins.Organisation, Screening, 1, "Countersigned."));
        return await WithDbAsync(async db =>
        {
            var id = await db.Assessments.Where(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening)).Select(a => a.Id).SingleAsync();
            return (id, await db.LogEntries.AsNoTracking().Where(e => e.AssessmentId == id).OrderBy(e => e.Sequence).ToListAsync());
        });
    }

    private async Task SendAsAsync(string email, ICommand command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No login {email}.");
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "Test")));
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private async Task<LogVerificationReport> VerifyAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyCycleLogs(DemoLogins.Organisation));
    }

    private async Task<T> WithDbAsync<T>(Func<CoGovDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }

    private async Task DeliverMailAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>The anchor mails in the pickup folder: to whom, and the text a chair reads.</summary>
    private List<(string To, string Body)> AnchorMails() => Directory.GetFiles(_app.MailFolder, "*.eml")
        .Select(file => MimeMessage.Load(file))
        .Where(mail => mail.Subject?.StartsWith("Log of ", StringComparison.Ordinal) == true)
        .Select(mail => (mail.To.Mailboxes.Single().Address, mail.TextBody ?? ""))
        .ToList();

    /// <summary>verify-log as an operator runs it: the built app in a process of its own, on the same database and anchor file.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunVerifyLogAsync(string anchors)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(folder, "CoGov.Web.dll"), "verify-log", "--organisation", DemoLogins.Organisation, "--anchors", anchors })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__CoGov"] = $"Data Source={_app.Database}";
        start.Environment["Ledger__AnchorFile"] = _app.AnchorFile;
        start.Environment["Mail__PickupFolder"] = _app.MailFolder;
        start.Environment["Seed__Templates"] = "false";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
