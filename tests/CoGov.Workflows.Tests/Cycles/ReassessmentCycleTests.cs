using CoGov.Domain.Assessments;
using CoGov.Workflows.Import;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Cycles;

/// <summary>
/// A cycle's whole life: sent, answered, accepted, signed off by management and countersigned by the workers' side;
/// twelve months later (the demo policy's interval) the next cycle opens by itself, through Quartz's store, after the
/// app was restarted, with every accepted answer carried over to confirm or update.
/// </summary>
public sealed class ReassessmentCycleTests
{
    [Fact]
    public async Task ASignedOffCycleOpensItsNextCycleTwelveMonthsLaterWithTheAcceptedAnswersCarriedOver()
    {
        using var database = new TestDatabase();
        DateTimeOffset countersignedAt;
        await using (var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true), database))
        {
            Assert.True((await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)))).Succeeded);
            await app.EnsureDemoAccountsAsync();
            var amara = await app.UserAsync(Amara);
            var kwame = await app.UserAsync(Kwame);
            var priya = await app.UserAsync(Priya);

            await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
            for (var number = 1; number <= 19; number++)
            {
                // The demo policy sends applicant screening's data-protection questions (10 to 12) to Priya Nair.
                var answerer = number is >= 10 and <= 12 ? priya : kwame;
                await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number} for cycle 1."), answerer);
                await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
            }
            await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Management signs off cycle 1."), kwame);
            app.Clock.Advance(TimeSpan.FromHours(1));
            countersignedAt = app.Clock.GetUtcNow();
            await app.SendAsync(new CountersignCycle(Key, Screening, 1, "The workers' side countersigns."), amara);

            var cycle = await app.CycleAsync(Screening, 1);
            Assert.Equal(AssessmentState.SignedOff, cycle.State);
            Assert.Equal(countersignedAt.AddMonths(12), await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync()));
        }

        // Twelve months and a minute later, a new host on the same database with Quartz sweeping every second.
        await using var later = TestApp.Create(new TestAppOptions(RunSweep: true, SweepInterval: TimeSpan.FromSeconds(1)), database);
        later.Clock.SetUtcNow(countersignedAt.AddMonths(12).AddMinutes(1));
        await later.StartAsync();

        var opened = false;
        for (var attempt = 0; attempt < 80 && !opened; attempt++)
        {
            opened = await later.WithDbAsync(db => db.Assessments.AnyAsync(a => a.Cycle == 2 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening)));
            if (!opened)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
        Assert.True(opened, "The next cycle did not open within 20 seconds of the app starting again.");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var next = await later.CycleAsync(Screening, 2);
        Assert.Equal(AssessmentState.Open, next.State);
        Assert.Equal(later.Clock.GetUtcNow(), next.OpenedAt);
        Assert.Equal("CoGov", Assert.Single(next.Log).ActorName);
        Assert.All(next.Questions, q =>
        {
            Assert.Equal(QuestionState.Draft, q.State);
            Assert.Equal($"Answer {q.Number} for cycle 1.", q.CarriedOverAnswer);
            Assert.Equal(1, q.CarriedOverFromCycle);
        });
        // Opened once, and nothing more is scheduled until this cycle is signed off.
        Assert.Equal(2, await later.WithDbAsync(db => db.Assessments.CountAsync(a => db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening))));
        Assert.Null(await later.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync()));

        // Sending a carried-over question asks the manager to confirm or update it.
        await later.SendAsync(new SendQuestions(Key, Screening, 2, [new QuestionRouting(1)]), await later.UserAsync(Amara));
        var sent = (await later.LogOfAsync(Screening, 2, 1)).Single(e => e.Kind == LogEntryKind.Sent);
        Assert.EndsWith("Carried over from cycle 1: confirm or update the answer settled then.", sent.Text, StringComparison.Ordinal);
    }
}
