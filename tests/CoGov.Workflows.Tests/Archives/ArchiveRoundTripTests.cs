using System.Text.Json;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Archives.ArchiveImportScenario;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>
/// Issue 13's promise: an organisation exported, imported into an empty instance and exported again gives the same
/// archive, every log verifying and every PDF the one kept, with the same identifiers, times and hashes.
/// </summary>
public sealed class ArchiveRoundTripTests
{
    [Fact]
    public async Task AnOrganisationExportedImportedIntoAnEmptyInstanceAndExportedAgainGivesTheSameArchiveButForTheExportTimeAndTheImportsAuditEntry()
    {
        await using var source = await OrganisationWithHistoryAsync();
        var first = await ExportAsync(source);
        await using var receiving = await TestApp.StartAsync();

        var result = await ImportAsync(receiving, first);
        var second = await ExportAsync(receiving, ExportedAt.AddDays(3));

        Assert.True(result.Succeeded, result.ToString());
        var before = Entries(first);
        var after = Entries(second);
        Assert.Equal(before.Select(e => e.Name), after.Select(e => e.Name));
        foreach (var ((name, bytes), (_, again)) in before.Zip(after).Where(p => p.First.Name is not (OrganisationArchive.ManifestEntry or OrganisationArchive.AuditLogEntry)))
        {
            Assert.True(bytes.AsSpan().SequenceEqual(again), $"{name} differs after the round trip.");
        }

        // The receiving instance's audit log says the organisation was imported, and nothing else changed in it.
        var auditBefore = JsonSerializer.Deserialize<AuditLogDocument>(before.Single(e => e.Name == OrganisationArchive.AuditLogEntry).Bytes, OrganisationArchive.Json)!;
        var auditAfter = JsonSerializer.Deserialize<AuditLogDocument>(after.Single(e => e.Name == OrganisationArchive.AuditLogEntry).Bytes, OrganisationArchive.Json)!;
        var imported = Assert.Single(auditAfter.Entries.Except(auditBefore.Entries));
        Assert.Equal(AuditKind.OrganisationImported, imported.Kind);
        Assert.Equal(auditBefore.Entries, auditAfter.Entries.Where(e => e != imported));

        var manifestBefore = JsonSerializer.Deserialize<ArchiveManifest>(before[0].Bytes, OrganisationArchive.Json)!;
        var manifestAfter = JsonSerializer.Deserialize<ArchiveManifest>(after[0].Bytes, OrganisationArchive.Json)!;
        Assert.Equal(ExportedAt.AddDays(3), manifestAfter.ExportedAt);
        Assert.Equal(
            manifestBefore.Entries.Where(e => e.Name != OrganisationArchive.AuditLogEntry),
            manifestAfter.Entries.Where(e => e.Name != OrganisationArchive.AuditLogEntry));
        Assert.Equal((manifestBefore.OrganisationId, manifestBefore.OrganisationKey, manifestBefore.Format, manifestBefore.FormatVersion),
            (manifestAfter.OrganisationId, manifestAfter.OrganisationKey, manifestAfter.Format, manifestAfter.FormatVersion));
    }

    [Fact]
    public async Task EveryImportedCycleLogVerifiesAgainstEveryAnchorAndEveryPdfIsTheOneKept()
    {
        await using var source = await OrganisationWithHistoryAsync();
        var archive = await ExportAsync(source);
        await using var receiving = await TestApp.StartAsync();

        Assert.True((await ImportAsync(receiving, archive)).Succeeded);

        var report = await receiving.SendAsync(new VerifyCycleLogs(Key));
        var sourceReport = await source.SendAsync(new VerifyCycleLogs(Key));
        Assert.True(report.Holds);
        Assert.Equal(sourceReport.Cycles.Count, report.Cycles.Count);
        Assert.Equal(
            sourceReport.Cycles.Select(c => (c.SystemKey, c.Cycle, c.Log.EntryCount, c.Log.HeadHash, c.Anchors.Count(a => a.Source != AnchorSource.AnchorFile))),
            report.Cycles.Select(c => (c.SystemKey, c.Cycle, c.Log.EntryCount, c.Log.HeadHash, c.Anchors.Count)));
        var signed = report.Cycles.Single(c => c.SystemKey == Screening);
        Assert.Contains(signed.Anchors, a => a.Source == AnchorSource.SignOff);
        Assert.Contains(signed.Anchors, a => a.Source == AnchorSource.Countersignature);
        Assert.Contains(signed.Anchors, a => a.Source == AnchorSource.StoredRecord);
        Assert.Contains(signed.Anchors, a => a.Source == AnchorSource.Mailed);

        var kept = await source.WithDbAsync(db => db.StoredRecords.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        var arrived = await receiving.WithDbAsync(db => db.StoredRecords.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, arrived.Count);
        Assert.Equal(kept.Select(r => (r.Id, r.Sha256, r.GeneratedAt, r.LogHeadHash)), arrived.Select(r => (r.Id, r.Sha256, r.GeneratedAt, r.LogHeadHash)));
        Assert.All(arrived, r => Assert.Equal(r.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(r.Content))));
        Assert.Equal(kept.Select(r => r.Content), arrived.Select(r => r.Content));
    }

    [Fact]
    public async Task TheImportedRowsKeepTheirIdentifiersTimesAndHashes()
    {
        await using var source = await OrganisationWithHistoryAsync();
        var archive = await ExportAsync(source);
        await using var receiving = await TestApp.StartAsync();

        Assert.True((await ImportAsync(receiving, archive)).Succeeded);

        static Task<T> Rows<T>(TestApp app, Func<CoGov.Workflows.Persistence.CoGovDbContext, Task<T>> read) => app.WithDbAsync(read);
        Assert.Equal(
            await Rows(source, db => db.LogEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.AssessmentId, e.Sequence, e.At, e.ActingLogin, e.Hash, e.PreviousHash, e.Text }).ToListAsync()),
            await Rows(receiving, db => db.LogEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.AssessmentId, e.Sequence, e.At, e.ActingLogin, e.Hash, e.PreviousHash, e.Text }).ToListAsync()));
        Assert.Equal(
            await Rows(source, db => db.Assessments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.OpenedAt, a.DueAt, a.LastActivityAt, a.LogHeadHash, a.LogLength, a.State }).ToListAsync()),
            await Rows(receiving, db => db.Assessments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.OpenedAt, a.DueAt, a.LastActivityAt, a.LogHeadHash, a.LogLength, a.State }).ToListAsync()));
        Assert.Equal(
            await Rows(source, db => db.QuestionItems.AsNoTracking().OrderBy(q => q.Id).Select(q => new { q.Id, q.State, q.SentAt, q.Deadline, q.AnsweredAt, q.NextActionAt, q.LatestAnswer }).ToListAsync()),
            await Rows(receiving, db => db.QuestionItems.AsNoTracking().OrderBy(q => q.Id).Select(q => new { q.Id, q.State, q.SentAt, q.Deadline, q.AnsweredAt, q.NextActionAt, q.LatestAnswer }).ToListAsync()));
        Assert.Equal(
            await Rows(source, db => db.SignOffs.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.SignedAt, s.LogHeadHash, s.LogLength }).ToListAsync()),
            await Rows(receiving, db => db.SignOffs.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.SignedAt, s.LogHeadHash, s.LogLength }).ToListAsync()));
        Assert.Equal(
            await Rows(source, db => db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Key, p.Email, p.SuperiorId, p.RetiredAt }).ToListAsync()),
            await Rows(receiving, db => db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Key, p.Email, p.SuperiorId, p.RetiredAt }).ToListAsync()));
        // The members' logins keep their identifiers, which the log names as acting logins, but no password crosses.
        var sourceLogins = await Rows(source, db => db.Memberships.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.UserId }).ToListAsync());
        Assert.Equal(sourceLogins, await Rows(receiving, db => db.Memberships.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.UserId }).ToListAsync()));
        Assert.All(await Rows(receiving, db => db.Users.AsNoTracking().ToListAsync()), u => Assert.Null(u.PasswordHash));
    }

    [Fact]
    public async Task EachMemberWithoutALoginHereIsInvitedToChooseAPasswordAndOneWithAConfirmedLoginKeepsIt()
    {
        await using var source = await OrganisationWithHistoryAsync();
        var archive = await ExportAsync(source);
        var members = await source.WithDbAsync(db => (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                select u.Email!)
            .ToListAsync());
        await using var receiving = await TestApp.StartAsync();
        // Amara has a login on the receiving instance already, with her address confirmed: it is hers there too.
        string amaraHere;
        await using (var scope = receiving.Services.CreateAsyncScope())
        {
            var login = new CoGov.Workflows.Identity.CoGovUser { UserName = Amara, Email = Amara, EmailConfirmed = true, DisplayName = "Amara" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CoGov.Workflows.Identity.CoGovUser>>().CreateAsync(login)).Succeeded);
            amaraHere = login.Id;
        }

        Assert.True((await ImportAsync(receiving, archive)).Succeeded);

        var invited = Mail(receiving).SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(members.Where(m => m != Amara).Order(StringComparer.Ordinal), invited);
        Assert.All(Mail(receiving), m => Assert.Contains(AcceptAddress, m.TextBody, StringComparison.Ordinal));
        Assert.Equal(amaraHere, await receiving.WithDbAsync(db => (
            from m in db.Memberships
            join u in db.Users on m.UserId equals u.Id
            where u.Email == Amara
            select m.UserId).SingleAsync()));
    }

    [Fact]
    public async Task TheLibrarysOwnCopyOfAnAdoptedQuestionnaireServesTheImportedOrganisationWhenTheReceivingInstanceHasIt()
    {
        await using var source = await OrganisationWithHistoryAsync();
        var archive = await ExportAsync(source);
        await using var receiving = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var library = await receiving.WithDbAsync(db => db.Templates.AsNoTracking().Select(t => new { t.Id, t.Key, t.Version }).ToListAsync());

        var result = await ImportAsync(receiving, archive);

        Assert.True(result.Succeeded, result.ToString());
        var cycles = await receiving.WithDbAsync(db => db.Assessments.AsNoTracking().Select(a => new { a.TemplateId, a.TemplateKey, a.TemplateVersion }).ToListAsync());
        Assert.All(cycles, c => Assert.Contains(library, t => t.Id == c.TemplateId && t.Key == c.TemplateKey && t.Version == c.TemplateVersion));
        Assert.Equal(library.Count, await receiving.WithDbAsync(db => db.Templates.CountAsync()));
        Assert.True((await receiving.SendAsync(new VerifyCycleLogs(Key))).Holds);
    }
}
