using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Persistence;

/// <summary>Code that reaches past the domain still cannot change or remove the log or a signature.</summary>
public sealed class AppendOnlyInterceptorTests
{
    [Fact]
    public async Task ChangingALogEntryIsRefusedAndTheRowStaysAsItWas()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var (id, original) = await FirstAnswerOfCycleOneAsync(app);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var entry = await db.LogEntries.SingleAsync(e => e.Id == id);
        db.Entry(entry).Property(e => e.Text).CurrentValue = "x";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"change log entry {entry.Sequence}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(original, await app.WithDbAsync(d => d.LogEntries.Where(e => e.Id == id).Select(e => e.Text).SingleAsync()));
        await AssertCycleOneIntactAsync(app);
    }

    [Fact]
    public async Task ChangingALogEntryIsRefusedByASynchronousSaveToo()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var (id, original) = await FirstAnswerOfCycleOneAsync(app);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var entry = await db.LogEntries.SingleAsync(e => e.Id == id);
        db.Entry(entry).Property(e => e.Text).CurrentValue = "x";

        var refused = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(original, await app.WithDbAsync(d => d.LogEntries.Where(e => e.Id == id).Select(e => e.Text).SingleAsync()));
    }

    [Theory]
    [InlineData(EntityState.Modified)]
    [InlineData(EntityState.Deleted)]
    public async Task ChangingOrRemovingAnAuditEntryIsRefusedAndTheRowStaysAsItWas(EntityState state)
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var entry = await app.WithDbAsync(async d =>
        {
            var organisation = await d.Organisations.SingleAsync(o => o.Key == Riverside.Key);
            var added = new Domain.Organisations.AuditEntry(organisation.Id, TestApp.Now, "Someone", Domain.Organisations.AuditKind.PersonAdded, "Added someone.");
            d.AuditEntries.Add(added);
            await d.SaveChangesAsync();
            return added;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var loaded = await db.AuditEntries.SingleAsync(e => e.Id == entry.Id);
        if (state == EntityState.Deleted)
        {
            db.AuditEntries.Remove(loaded);
        }
        else
        {
            db.Entry(loaded).Property(e => e.Text).CurrentValue = "Added no one.";
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("the audit log is append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Added someone.", await app.WithDbAsync(d => d.AuditEntries.Where(e => e.Id == entry.Id).Select(e => e.Text).SingleAsync()));
    }

    [Fact]
    public async Task RemovingALogEntryIsRefusedAndTheRowStays()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var (id, _) = await FirstAnswerOfCycleOneAsync(app);
        var count = await app.WithDbAsync(d => d.LogEntries.CountAsync());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        db.LogEntries.Remove(await db.LogEntries.SingleAsync(e => e.Id == id));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Contains("delete", refused.Message, StringComparison.Ordinal);
        Assert.Equal(count, await app.WithDbAsync(d => d.LogEntries.CountAsync()));
        Assert.True(await app.WithDbAsync(d => d.LogEntries.AnyAsync(e => e.Id == id)));
        await AssertCycleOneIntactAsync(app);
    }

    [Fact]
    public async Task ChangingOrRemovingASignatureIsRefused()
    {
        await using var app = await TestApp.StartWithRiversideAsync();

        await app.WithDbAsync(async db =>
        {
            var signature = await db.SignOffs.FirstAsync();
            db.Entry(signature).Property(s => s.Statement).CurrentValue = "We agree to everything.";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);
        });
        await app.WithDbAsync(async db =>
        {
            db.SignOffs.Remove(await db.SignOffs.FirstAsync());
            var removed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", removed.Message, StringComparison.Ordinal);
        });

        Assert.Equal(2, await app.WithDbAsync(db => db.SignOffs.CountAsync()));
        Assert.DoesNotContain("We agree to everything.", await app.WithDbAsync(db => db.SignOffs.Select(s => s.Statement).ToListAsync()));
    }

    [Fact]
    public async Task DeletingACycleDoesNotTakeItsLogAndSignaturesWithIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var entries = await app.WithDbAsync(d => d.LogEntries.CountAsync());
        var signatures = await app.WithDbAsync(d => d.SignOffs.CountAsync());

        await app.WithDbAsync(async db =>
        {
            // Only the cycle is loaded: its log is not tracked, so nothing but the database sees it go.
            var systemId = await db.Systems.Where(s => s.Key == "rostering").Select(s => s.Id).SingleAsync();
            db.Assessments.Remove(await db.Assessments.SingleAsync(a => a.SystemId == systemId && a.Cycle == 1));
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        });

        Assert.Equal(entries, await app.WithDbAsync(d => d.LogEntries.CountAsync()));
        Assert.Equal(signatures, await app.WithDbAsync(d => d.SignOffs.CountAsync()));
    }

    [Fact]
    public async Task AppendingToTheLogThroughTheDomainIsAllowed()
    {
        await using var app = await TestApp.StartWithRiversideAsync();
        var before = await app.WithDbAsync(d => d.LogEntries.CountAsync());

        await app.WithDbAsync(async db =>
        {
            var organisation = await ImportOrganisationTests.LoadOrganisationAsync(db);
            var cycle = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 2);
            var kwame = organisation.ActorFor(organisation.FindPerson("kwame-asante")!.Id);
            cycle.Answer(9, "Staff can ask for any roster decision to be reviewed by a person.", kwame, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        Assert.Equal(before + 1, await app.WithDbAsync(d => d.LogEntries.CountAsync()));
    }

    private static Task<(Guid Id, string Text)> FirstAnswerOfCycleOneAsync(TestApp app) =>
        app.WithDbAsync(async db =>
        {
            var cycle = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 1);
            var entry = cycle.Log.Where(e => e.Kind == LogEntryKind.Answered).MinBy(e => e.Sequence)!;
            return (entry.Id, entry.Text);
        });

    private static Task AssertCycleOneIntactAsync(TestApp app) =>
        app.WithDbAsync(async db =>
        {
            var cycle = await ImportOrganisationTests.LoadAssessmentAsync(db, "rostering", 1);
            var verification = cycle.VerifyLog();
            Assert.True(verification.IsIntact, verification.Problem);
        });
}
