using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Import;

/// <summary>The bundled demo organisation, imported after the bundled templates.</summary>
public sealed class ImportOrganisationTests
{
    [Fact]
    public async Task TheDemoHospitalImportsWithItsPeopleCommitteeSystemsAndCycles()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("riverside-hospital", result.Key);
        Assert.False(result.WasPresent);
        await app.WithDbAsync(async db =>
        {
            var organisation = await LoadOrganisationAsync(db);
            Assert.Equal("Riverside Municipal Hospital", organisation.Name);
            Assert.Equal("GB", organisation.Country);
            Assert.Equal(7, organisation.People.Count);
            Assert.Equal(3, organisation.People.Count(p => p.Side == Side.Workers));
            Assert.Equal(6, organisation.Committee.Seats.Count);
            Assert.True(organisation.Committee.IsBalanced, organisation.Committee.ParityProblem?.ToString());
            Assert.Equal(3, organisation.Committee.SeatsOf(Side.Workers).Count());
            Assert.Equal("helen-marsh", organisation.SuperiorOf(organisation.FindPerson("priya-nair")!)!.Key);
            Assert.Equal(["applicant-screening", "rostering", "staff-monitoring"],
                await db.Systems.Where(s => s.OrganisationId == organisation.Id).OrderBy(s => s.Key).Select(s => s.Key).ToListAsync());
            Assert.Equal(4, await db.Assessments.CountAsync(a => a.OrganisationId == organisation.Id));
            var rostering = await db.Systems.SingleAsync(s => s.Key == "rostering");
            Assert.Equal(7, rostering.PersonalData.Count);
            Assert.Equal("Calderbrook Workforce Systems Ltd", rostering.Vendor);
        });
    }

    [Fact]
    public async Task TheFirstRosteringCycleIsSignedOffByBothSidesWithAnIntactLog()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            var cycle = await LoadAssessmentAsync(db, "rostering", 1);
            var organisation = await LoadOrganisationAsync(db);

            Assert.Equal(AssessmentState.SignedOff, cycle.State);
            Assert.True(cycle.IsReadOnly);
            Assert.Equal(2, cycle.SignOffs.Count);
            Assert.Equal("Daniel Reyes", cycle.ManagementSignOff!.PersonName);
            Assert.Equal(organisation.FindPerson("daniel-reyes")!.Id, cycle.ManagementSignOff.PersonId);
            Assert.Equal("Leila Haddad", cycle.WorkersCountersignature!.PersonName);
            Assert.Equal(TestApp.Now.AddDays(-330), cycle.WorkersCountersignature.SignedAt);
            Assert.All(cycle.Questions, q => Assert.True(q.State.IsSettled(), $"question {q.Number} is {q.State}"));
            Assert.Equal(QuestionState.Resolved, cycle.Question(14).State);
            var verification = cycle.VerifyLog();
            Assert.True(verification.IsIntact, verification.Problem);
            Assert.Equal(cycle.LogLength, verification.EntryCount);
            Assert.Equal(LogEntryKind.Countersigned, cycle.Log.MaxBy(e => e.Sequence)!.Kind);
        });
    }

    [Fact]
    public async Task TheCurrentRosteringCycleHasQuestionsOverdueByTheClock()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var now = app.Clock.GetUtcNow();

        await app.WithDbAsync(async db =>
        {
            var cycle = await LoadAssessmentAsync(db, "rostering", 2);

            Assert.Equal(AssessmentState.AwaitingAnswers, cycle.State);
            // Sent on Tuesday 3 November (day -20) with ten working days to answer: what is still with management was due
            // on day -6, except the data-protection questions (fifteen working days: day 1) and question 3, sent back
            // for clarification on Sunday 15 November (day -8) with five working days counted from Monday's start:
            // due at the end of Friday 20 November, midnight on the 23rd.
            var overdue = cycle.Questions.Where(q => q.IsOverdue(now)).Select(q => q.Number).Order().ToList();
            Assert.Equal([3, 6, 7, 9, 14, 15, 18, 19], overdue);
            Assert.All(cycle.Questions.Where(q => q.Number is not (3 or 10 or 11 or 12)), q => Assert.Equal(TestApp.Now.AddDays(-6), q.Deadline));
            Assert.All(cycle.Questions.Where(q => q.Number is 10 or 11 or 12), q => Assert.Equal(TestApp.Now.AddDays(1), q.Deadline));
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), cycle.Question(3).Deadline);
            Assert.Equal(QuestionState.ClarificationRequested, cycle.Question(3).State);
            Assert.Equal(QuestionState.Challenged, cycle.Question(11).State);
            Assert.Equal(QuestionState.Answered, cycle.Question(13).State);
            Assert.False(cycle.Question(13).IsOverdue(now));
            // Overdue is relative to the clock: before the deadline nothing was.
            Assert.DoesNotContain(cycle.Questions, q => q.IsOverdue(TestApp.Now.AddDays(-6)));
        });
    }

    [Fact]
    public async Task EveryCycleLogVerifiesAfterARoundTripThroughTheDatabase()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            var cycles = await db.Assessments.AsNoTracking()
                .Include(a => a.Log).Include(a => a.Questions).Include(a => a.SignOffs)
                .ToListAsync();

            Assert.Equal(4, cycles.Count);
            Assert.All(cycles, cycle =>
            {
                var verification = cycle.VerifyLog();
                Assert.True(verification.IsIntact, $"{cycle.TemplateKey} cycle {cycle.Cycle}: {verification.Problem}");
                Assert.Equal(cycle.LogLength, cycle.Log.Count);
                Assert.NotEqual(LogEntry.GenesisHash, cycle.LogHeadHash);
            });
            // Times come back to the tick: the clock's sub-millisecond part is still there.
            var opened = cycles.Single(c => c.Cycle == 2).Log.Single(e => e.Sequence == 1);
            Assert.Equal(TestApp.Now.AddDays(-20), opened.At);
            Assert.Equal(TestApp.Now.UtcTicks % TimeSpan.TicksPerMillisecond, opened.At.UtcTicks % TimeSpan.TicksPerMillisecond);
            Assert.NotEqual(0, opened.At.UtcTicks % TimeSpan.TicksPerMillisecond);
        });
    }

    [Fact]
    public async Task SendingEveryQuestionOfACycleLogsThemInQuestionOrder()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            // Cycle 2 opens (entry 1), then "send" with no list sends all 19 questions, one entry each.
            var cycle = await LoadAssessmentAsync(db, "rostering", 2);
            var sends = cycle.Log.Where(e => e.Sequence is >= 2 and <= 20).OrderBy(e => e.Sequence).ToList();

            Assert.All(sends, e => Assert.Equal(LogEntryKind.Sent, e.Kind));
            Assert.Equal(Enumerable.Range(1, 19), sends.Select(e => e.QuestionNumber ?? 0));
        });
    }

    [Fact]
    public async Task TheSameOrganisationIsLeftAloneWhenAskedToSkipIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        var again = await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside), SkipIfPresent: true));

        Assert.True(again.Succeeded);
        Assert.True(again.WasPresent);
        Assert.Equal("riverside-hospital", again.Key);
        Assert.Equal(1, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal(4, await app.WithDbAsync(db => db.Assessments.CountAsync()));
    }

    [Fact]
    public async Task AnOrganisationWhoseTemplatesAreNotImportedYetIsRefused()
    {
        await using var app = await TestApp.StartAsync();

        var result = await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)));

        Assert.False(result.Succeeded);
        // The policy routes by theme, and no questionnaire with those themes is there yet.
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("policy.", e.Field, StringComparison.Ordinal);
            Assert.Contains("no questionnaire has a theme", e.Message, StringComparison.Ordinal);
        });
        Assert.Contains(result.Errors, e => e.Field == "policy.managers.themes.data-protection-and-rights");
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    internal static Task<Organisation> LoadOrganisationAsync(CoGovDbContext db, string key = "riverside-hospital") =>
        db.Organisations
            .Include(o => o.People)
            .Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleAsync(o => o.Key == key);

    internal static async Task<Assessment> LoadAssessmentAsync(CoGovDbContext db, string systemKey, int cycle)
    {
        var systemId = await db.Systems.Where(s => s.Key == systemKey).Select(s => s.Id).SingleAsync();
        return await db.Assessments
            .Include(a => a.Questions).Include(a => a.Log).Include(a => a.SignOffs)
            .SingleAsync(a => a.SystemId == systemId && a.Cycle == cycle);
    }
}
