using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Persistence;

/// <summary>Two people changing the same thing at once: the second save fails instead of silently overwriting the first.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task TheSecondOfTwoSavesOfTheSameOrganisationFails()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var organisation1 = await db1.Organisations.SingleAsync(o => o.Key == "riverside-hospital");
        var organisation2 = await db2.Organisations.SingleAsync(o => o.Key == "riverside-hospital");

        db1.Entry(organisation1).Property(o => o.Name).CurrentValue = "Riverside Hospital (first)";
        db2.Entry(organisation2).Property(o => o.Name).CurrentValue = "Riverside Hospital (second)";
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Equal("Riverside Hospital (first)", await app.WithDbAsync(db => db.Organisations.Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task TheSecondOfTwoSavesOfTheSameQuestionFails()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var id = (await ImportOrganisationTests.LoadAssessmentAsync(db1, "rostering", 2)).Question(6).Id;
        var item1 = await db1.QuestionItems.SingleAsync(q => q.Id == id);
        var item2 = await db2.QuestionItems.SingleAsync(q => q.Id == id);

        db1.Entry(item1).Property(q => q.LatestAnswer).CurrentValue = "First answer.";
        db2.Entry(item2).Property(q => q.LatestAnswer).CurrentValue = "Second answer.";
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Equal("First answer.", await app.WithDbAsync(db => db.QuestionItems.Where(q => q.Id == id).Select(q => q.LatestAnswer).SingleAsync()));
    }

    [Fact]
    public async Task TwoManagersAnsweringTheSameQuestionAtOnceCannotBothWin()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var (cycle1, daniel1) = await LoadCycleTwoAsync(db1);
        var (cycle2, daniel2) = await LoadCycleTwoAsync(db2);
        var now = app.Clock.GetUtcNow();

        cycle1.Answer(6, "The first answer to question 6.", daniel1, now);
        cycle2.Answer(6, "A different answer to question 6.", daniel2, now);
        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        await app.WithDbAsync(async db =>
        {
            var stored = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 2);
            Assert.Equal("The first answer to question 6.", stored.Question(6).LatestAnswer);
            Assert.True(stored.VerifyLog().IsIntact);
            Assert.Single(stored.Log, e => e.QuestionNumber == 6 && e.Kind == LogEntryKind.Answered);
        });
    }

    [Fact]
    public async Task EveryUpdateMovesTheVersionOnByOne()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        Assert.Equal(0L, await VersionOfOrganisationAsync(app));
        for (var i = 1; i <= 3; i++)
        {
            await app.WithDbAsync(async db =>
            {
                var organisation = await db.Organisations.SingleAsync();
                db.Entry(organisation).Property(o => o.Name).CurrentValue = $"Riverside Municipal Hospital {i}";
                await db.SaveChangesAsync();
            });
            Assert.Equal(i, await VersionOfOrganisationAsync(app));
        }
    }

    [Fact]
    public async Task AnsweringAQuestionMovesOnTheVersionsOfTheQuestionAndItsCycle()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await VersionsOfCycleTwoAsync(app);

        await app.WithDbAsync(async db =>
        {
            var (cycle, daniel) = await LoadCycleTwoAsync(db);
            cycle.Answer(6, "An answer to question 6.", daniel, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var after = await VersionsOfCycleTwoAsync(app);
        Assert.Equal(before.Cycle + 1, after.Cycle);
        Assert.Equal(before.Question6 + 1, after.Question6);
        Assert.Equal(before.Question7, after.Question7);
    }

    private static Task<long> VersionOfOrganisationAsync(TestApp app) =>
        app.WithDbAsync(db => db.Organisations.Select(o => EF.Property<long>(o, ConcurrencyVersion.PropertyName)).SingleAsync());

    private static Task<(long Cycle, long Question6, long Question7)> VersionsOfCycleTwoAsync(TestApp app) =>
        app.WithDbAsync(async db =>
        {
            var cycle = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 2);
            long Version(object entity) => (long)db.Entry(entity).Property(ConcurrencyVersion.PropertyName).CurrentValue!;
            return (Version(cycle), Version(cycle.Question(6)), Version(cycle.Question(7)));
        });

    private static async Task<(Assessment Cycle, Actor Daniel)> LoadCycleTwoAsync(CoGovDbContext db)
    {
        var organisation = await ImportOrganisationTests.LoadOrganisationAsync(db);
        var cycle = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 2);
        return (cycle, organisation.ActorFor(organisation.FindPerson("daniel-reyes")!.Id));
    }
}
