using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Persistence;

/// <summary>
/// The record both sides trust: the app refuses to edit its log, but someone with the database file can. The hash chain
/// shows it, naming the entry.
/// </summary>
public sealed class TamperEvidenceTests
{
    [Fact]
    public async Task AnAnswerEditedInTheDatabaseBehindTheAppsBackIsNamedWhenTheLogIsVerified()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await app.CycleAsync("rostering", 1);
        Assert.True(before.VerifyLog().IsIntact);
        var answer = before.Log.First(e => e.Kind == Domain.Assessments.LogEntryKind.Answered && e.QuestionNumber == 5);

        // The database refuses the edit until its owner drops the trigger, as an attacker with the file would.
        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            return await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Text = {"Management accepts full liability."} WHERE Id = {answer.Id}");
        });

        var verification = (await app.CycleAsync("rostering", 1)).VerifyLog();
        Assert.False(verification.IsIntact);
        Assert.Equal(answer.Sequence, verification.FirstBrokenSequence);
        Assert.Contains($"entry {answer.Sequence}", verification.Problem, StringComparison.Ordinal);
        Assert.Contains("changed after it was written", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogEntryDeletedInTheDatabaseIsNamedAsMissing()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await app.CycleAsync("rostering", 1);
        var victim = before.Log[10];

        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            return await db.Database.ExecuteSqlAsync($"DELETE FROM LogEntries WHERE Id = {victim.Id}");
        });

        var verification = (await app.CycleAsync("rostering", 1)).VerifyLog();
        Assert.False(verification.IsIntact);
        Assert.Equal(victim.Sequence, verification.FirstBrokenSequence);
        Assert.Contains("missing", verification.Problem, StringComparison.Ordinal);
    }
}
