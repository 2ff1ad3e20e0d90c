using CoGov.Domain.Organisations;
using CoGov.Workflows.Tests.Import;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Persistence;

/// <summary>How the model maps to the database: what the domain builds is what comes back.</summary>
public sealed class CoGovDbContextTests
{
    [Fact]
    public async Task APersonAddedToAnOrganisationLoadedFromTheDatabaseIsInserted()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            var organisation = await ImportOrganisationTests.LoadOrganisationAsync(db);
            organisation.AddPerson("grace-obi", "Grace Obi", Side.Management, "Deputy Chief Nurse", "grace.obi@riverside-hospital.example",
                organisation.FindPerson("helen-marsh"));
            await db.SaveChangesAsync();
        });

        var people = await app.WithDbAsync(db => db.People.Select(p => p.Key).ToListAsync());
        Assert.Equal(8, people.Count);
        Assert.Contains("grace-obi", people);
    }

    [Fact]
    public async Task TextsAndListsStoredAsJsonComeBackAsTheyWere()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            var system = await db.Systems.AsNoTracking().SingleAsync(s => s.Key == "staff-monitoring");
            Assert.Equal(
                ["Badge ID linked to name, role and department", "Zone-level location pings (every 10 seconds while on shift)",
                 "Portering job timestamps (accepted, started, completed)", "Break start and end presses on handsets", "Shift times imported from ShiftWise"],
                system.PersonalData);
            var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Key == "psi-co-governance");
            Assert.Equal("Co-Governance of Algorithmic Systems", template.Title.In("en"));
            Assert.StartsWith("PSI, Our Digital Future", template.Source!.In("en"), StringComparison.Ordinal);
            Assert.Equal(["en"], template.Languages);
        });
    }

    [Fact]
    public async Task TimesComeBackInUtcToTheTick()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var opened = await app.WithDbAsync(db => db.Assessments.Where(a => a.Cycle == 2).Select(a => a.OpenedAt).SingleAsync());

        Assert.Equal(TestApp.Now.AddDays(-20).UtcTicks, opened.UtcTicks);
        Assert.Equal(TimeSpan.Zero, opened.Offset);
    }

    [Fact]
    public async Task DeadlinesCanBeComparedInTheDatabase()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var now = app.Clock.GetUtcNow();

        // What the reminder sweep asks: stored ticks order as times do, so a range query in SQL gives the same answer as in memory.
        var dueBeforeNow = await app.WithDbAsync(db => db.QuestionItems.CountAsync(q => q.Deadline < now));
        var question3 = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var dueJustAfter = await app.WithDbAsync(db => db.QuestionItems.CountAsync(q => q.Deadline < question3.AddTicks(1)));
        var dueAtTheDeadline = await app.WithDbAsync(db => db.QuestionItems.CountAsync(q => q.Deadline < question3));

        // Cycle 1's 19 deadlines are long past. Cycle 2 was sent on Tuesday 3 November (day -20): 15 questions were due
        // ten working days later (day -6); question 3, sent back for clarification on Sunday 15 November, five working
        // days from the start of Monday (midnight on Monday 23 November, before 09:30 that day); the three
        // data-protection questions have fifteen working days (day 1).
        // The monitoring cycle's are all to come.
        Assert.Equal(35, dueBeforeNow);
        Assert.Equal(35, dueJustAfter);
        Assert.Equal(34, dueAtTheDeadline);
    }
}
