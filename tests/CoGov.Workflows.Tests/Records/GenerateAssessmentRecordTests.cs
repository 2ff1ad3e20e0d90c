using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Records;

public sealed class GenerateAssessmentRecordTests
{
    [Fact]
    public async Task AHostWithoutAPrinterRefusesToGenerateAndSaysWhyAndKeepsNothing()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var leila = await app.UserAsync(Riverside.Leila);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GenerateAssessmentRecord(Riverside.Key, "rostering", 1), leila));

        Assert.Contains("no PDF printer", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.StoredRecords.CountAsync()));
    }

    [Fact]
    public async Task AMeetingPackIsKeptTheWayARecordIsAndRefusedInTheSameWordsWithoutAPrinter()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var leila = await app.UserAsync(Riverside.Leila);

        var record = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GenerateAssessmentRecord(Riverside.Key, "rostering", 1), leila));
        var pack = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GenerateMeetingPack(Riverside.Key, new DateOnly(2026, 12, 1)), leila));

        Assert.Equal(record.Message, pack.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.StoredRecords.CountAsync()));
    }

    [Fact]
    public async Task NobodyOutsideTheOrganisationMayGenerateItsRecords()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new GenerateAssessmentRecord(Riverside.Key, "rostering", 1), Users.SignedIn(Guid.NewGuid().ToString())));
    }

    [Fact]
    public async Task AKeptRecordCanBeListedAndDownloadedButNeverChangedOrDeleted()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var cycle = await app.CycleAsync("rostering", 1);
        var (organisationId, personId) = await app.WithDbAsync(async db =>
            (cycle.OrganisationId, await db.People.Where(p => p.Name == "Leila Haddad").Select(p => p.Id).SingleAsync()));
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 1, 2, 3];
        var kept = new StoredRecord(RecordKind.AssessmentRecord, organisationId, cycle.SystemId, cycle.Id, 1, null, "rostering-cycle-1.pdf", pdf,
            personId, "Leila Haddad", TestApp.Now, cycle.LogHeadHash);
        await app.WithDbAsync(async db =>
        {
            db.StoredRecords.Add(kept);
            await db.SaveChangesAsync();
        });
        var leila = await app.UserAsync(Riverside.Leila);

        var listed = Assert.Single(await app.SendAsync(new GetSystemRecords(Riverside.Key, "rostering"), leila));
        var file = await app.SendAsync(new GetStoredRecord(Riverside.Key, kept.Id), leila);

        Assert.Equal((kept.Id, pdf.Length, kept.Sha256, "Leila Haddad", cycle.LogHeadHash), (listed.Id, listed.Length, listed.Sha256, listed.GeneratedBy, listed.LogHeadHash));
        Assert.Equal(pdf, file.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), file.Sha256);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new GetStoredRecord(Riverside.Key, kept.Id), Users.SignedIn(Guid.NewGuid().ToString())));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.StoredRecords.Remove(await db.StoredRecords.SingleAsync());
            await db.SaveChangesAsync();
        }));
        Assert.Contains("kept as printed", refused.Message, StringComparison.Ordinal);
    }
}
