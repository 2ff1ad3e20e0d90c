using CoGov.Domain.Assessments;
using CoGov.Workflows.Import;
using CoGov.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Tests.Scheduling;

/// <summary>
/// The durable-timer promise: every reminder happens exactly once across a restart (through Quartz's own store in the
/// app's database) and when two sweeps run at the same moment on the same due work.
/// </summary>
public sealed class SweepDurabilityTests
{
    // Ten working days after Monday 23 November is Monday 7 December; its first reminder is five working days before.
    private static readonly DateTimeOffset FirstReminder = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    [Fact]
    public async Task AReminderDueWhileTheAppWasStoppedGoesOutExactlyOnceAfterItStartsAgain()
    {
        using var database = new TestDatabase();
        await using (var before = await StartRiversideAsync(database, runSweep: false))
        {
            await before.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), await before.UserAsync(Amara));
        }

        // A new host on the same database, a minute after the reminder fell due, with Quartz sweeping every second.
        await using var after = TestApp.Create(new TestAppOptions(RunSweep: true, SweepInterval: TimeSpan.FromSeconds(1)), database);
        after.Clock.SetUtcNow(FirstReminder.AddMinutes(1));
        await after.StartAsync();

        var reminded = await WaitForAsync(async () => (await after.LogOfAsync(Screening, 1, 1)).Count(e => e.Kind == LogEntryKind.Reminded) == 1);
        Assert.True(reminded, "The reminder was not sent within 20 seconds of the app starting again.");
        // Several more sweeps run; none sends it again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await after.LogOfAsync(Screening, 1, 1), e => e.Kind == LogEntryKind.Reminded);
        Assert.Single(await after.MailAboutAsync(Screening, 1, 1), m => m.Kind == NotificationKind.Reminder);
        Assert.True((await after.CycleAsync(Screening, 1)).VerifyLog().IsIntact);
    }

    [Fact]
    public async Task TwoSweepsAtTheSameMomentOnTheSameDueWorkDoEachThingOnce()
    {
        using var database = new TestDatabase();
        await using var first = await StartRiversideAsync(database, runSweep: false);
        await first.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), await first.UserAsync(Amara));
        // A second node on the same database.
        await using var second = TestApp.Create(database: database);
        await second.StartAsync();
        first.Clock.SetUtcNow(FirstReminder);
        second.Clock.SetUtcNow(FirstReminder);

        var results = await Task.WhenAll(
            Task.Run(() => first.SendAsync(new RunDueWork())),
            Task.Run(() => second.SendAsync(new RunDueWork())));

        var reminders = await first.WithDbAsync(async db =>
        {
            var screening = await db.Systems.Where(s => s.Key == Screening).Select(s => s.Id).SingleAsync();
            var cycle = await db.Assessments.Where(a => a.SystemId == screening && a.Cycle == 1).Select(a => a.Id).SingleAsync();
            return await db.LogEntries.Where(e => e.AssessmentId == cycle && e.Kind == LogEntryKind.Reminded)
                .GroupBy(e => e.QuestionNumber).Select(g => g.Count()).ToListAsync();
        });
        // The 16 questions with ten working days were due for their first reminder (the three data-protection questions
        // have fifteen); each got exactly one, whichever sweep sent it.
        Assert.Equal(16, reminders.Count);
        Assert.All(reminders, count => Assert.Equal(1, count));
        Assert.True(results.Sum(r => r.QuestionActions) >= 16);
        Assert.True((await first.CycleAsync(Screening, 1)).VerifyLog().IsIntact);
    }

    private static async Task<TestApp> StartRiversideAsync(TestDatabase database, bool runSweep)
    {
        var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, RunSweep: runSweep), database);
        var result = await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        await app.EnsureDemoAccountsAsync();
        return app;
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 80; attempt++)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        return false;
    }
}
