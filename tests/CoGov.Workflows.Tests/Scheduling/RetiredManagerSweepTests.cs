using CoGov.Domain.Organisations;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Import;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Scheduling;

/// <summary>The sweep opening a reassessment whose last accountable manager has since retired.</summary>
public sealed class RetiredManagerSweepTests
{
    [Fact]
    public async Task ANextCycleWaitsRatherThanGoToARetiredManagerAndTheSweepCarriesOn()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
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
        // Kwame leaves while the policy still names him for this system: reached past the domain's refusal, as an old
        // database or a policy import could leave it, to show the sweep does not fail on it.
        await app.WithDbAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Key == "kwame-asante");
            db.Entry(person).Property(p => p.RetiredAt).CurrentValue = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        });
        var opensAt = await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync());

        app.Clock.SetUtcNow(opensAt!.Value.AddMinutes(1));
        var done = await app.SendAsync(new RunDueWork());

        Assert.Equal(0, done.CyclesOpened);
        Assert.Equal(1, await app.WithDbAsync(db => db.Assessments.CountAsync(a => db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening))));
        Assert.True((await app.WithDbAsync(db => db.People.SingleAsync(p => p.Key == "kwame-asante"))).IsRetired);
    }
}
