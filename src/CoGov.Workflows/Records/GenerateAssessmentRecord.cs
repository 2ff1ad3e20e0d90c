using System.Globalization;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Records;

/// <summary>
/// Prints the cycle's record as it stands now and keeps the PDF: a new document every time, never one overwritten, each
/// naming who generated it, when, and the log head it reflects.
/// </summary>
public sealed record GenerateAssessmentRecord(string OrganisationKey, string SystemKey, int Cycle) : ICommand<StoredRecordSummary>, ICycleRequest;

/// <summary>A kept document as lists show it, without its bytes.</summary>
public sealed record StoredRecordSummary(
    Guid Id,
    RecordKind Kind,
    int? Cycle,
    DateOnly? MeetingDate,
    string FileName,
    int Length,
    string Sha256,
    string GeneratedBy,
    DateTimeOffset GeneratedAt,
    string? LogHeadHash);

public sealed class GenerateAssessmentRecordValidator : AbstractValidator<GenerateAssessmentRecord>
{
    public GenerateAssessmentRecordValidator() => this.AddCycleRules();
}

public sealed class GenerateAssessmentRecordHandler(CoGovDbContext db, UserContext user, TimeProvider clock, IRecordPrinter printer, Ledger.LogAnchors anchors)
    : ICommandHandler<GenerateAssessmentRecord, StoredRecordSummary>
{
    public async ValueTask<StoredRecordSummary> Handle(GenerateAssessmentRecord command, CancellationToken cancellationToken)
    {
        // Who may keep a record is the same rule the record's page asks (AssessmentRecords.MayStore).
        return await db.PrintAndKeepAsync(user, printer, anchors, async actor =>
        {
            var record = await AssessmentRecords.LoadAsync(db, user, clock, anchors, command, cancellationToken);
            var ids = await db.Assessments.AsNoTracking()
                .Where(a => a.OrganisationId == actor.OrganisationId && a.Cycle == command.Cycle
                    && db.Systems.Any(s => s.Id == a.SystemId && s.Key == command.SystemKey))
                .Select(a => new { a.Id, a.SystemId })
                .SingleAsync(cancellationToken);
            var pdf = await printer.PrintAsync(record, cancellationToken);
            return new PrintedRecord(RecordKind.AssessmentRecord, ids.SystemId, ids.Id, command.Cycle, null, FileName(record), pdf,
                clock.GetUtcNow(), record.Verification.HeadHash, record.Verification.EntryCount);
        }, cancellationToken);
    }

    /// <summary>Says what it is and when, so a folder of downloads sorts and reads: rostering-cycle-2-record-2026-11-23-0930.pdf.</summary>
    private static string FileName(AssessmentRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"{record.Cover.SystemKey}-cycle-{record.Cover.Cycle}-record-{record.GeneratedAt:yyyy-MM-dd-HHmm}.pdf");
}

/// <summary>A printed document as the command that printed it names it, before it is kept.</summary>
internal sealed record PrintedRecord(
    RecordKind Kind,
    Guid? SystemId,
    Guid? AssessmentId,
    int? Cycle,
    DateOnly? MeetingDate,
    string FileName,
    byte[] Pdf,
    DateTimeOffset GeneratedAt,
    string? LogHeadHash,
    int? LogLength = null);

internal static class StoredRecords
{
    /// <summary>
    /// The one way a printed document is kept: only by one of the organisation's people, only when printing is
    /// possible, always as a new document naming who generated it.
    /// </summary>
    public static async Task<StoredRecordSummary> PrintAndKeepAsync(
        this CoGovDbContext db, UserContext user, IRecordPrinter printer, Ledger.LogAnchors anchors, Func<Actor, Task<PrintedRecord>> print, CancellationToken cancellationToken)
    {
        var actor = user.Actor
            ?? throw new ForbiddenException("Your account is not one of the organisation's people, so it cannot keep records for it.");
        if (printer.Unavailable is { } why)
        {
            throw new DomainRuleException(why);
        }
        var printed = await print(actor);
        var stored = new StoredRecord(
            printed.Kind,
            actor.OrganisationId,
            printed.SystemId,
            printed.AssessmentId,
            printed.Cycle,
            printed.MeetingDate,
            printed.FileName,
            printed.Pdf,
            actor.PersonId,
            actor.Name,
            printed.GeneratedAt,
            printed.LogHeadHash,
            printed.LogLength);
        db.StoredRecords.Add(stored);
        if (printed.AssessmentId is { } assessmentId && printed.LogLength is { } length and > 0)
        {
            // The kept record is an anchor of the log it printed: the chairs are mailed its head (decision record 19).
            // A log already broken there (its last entry gone) is still printed and kept, saying so; it is not anchored.
            var head = await db.LogEntries.AsNoTracking()
                .SingleOrDefaultAsync(e => e.AssessmentId == assessmentId && e.Sequence == length && e.Hash == printed.LogHeadHash, cancellationToken);
            if (head is not null)
            {
                await anchors.AddAsync(assessmentId, head, Ledger.AnchorReason.RecordStored, printed.GeneratedAt, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await anchors.WriteFileAsync(cancellationToken);
        return Summary(stored);
    }

    public static StoredRecordSummary Summary(StoredRecord r) =>
        new(r.Id, r.Kind, r.Cycle, r.MeetingDate, r.FileName, r.Length, r.Sha256, r.GeneratedByName, r.GeneratedAt, r.LogHeadHash);

    /// <summary>A system's assessment records, newest first.</summary>
    public static IQueryable<StoredRecordSummary> OfSystem(this IQueryable<StoredRecord> records, Guid systemId) =>
        records.Where(r => r.SystemId == systemId).OrderByDescending(r => r.GeneratedAt).Summaries();

    /// <summary>The columns of a summary, so a list never reads the documents' bytes.</summary>
    public static IQueryable<StoredRecordSummary> Summaries(this IQueryable<StoredRecord> records) =>
        records.Select(r => new StoredRecordSummary(r.Id, r.Kind, r.Cycle, r.MeetingDate, r.FileName, r.Length, r.Sha256, r.GeneratedByName, r.GeneratedAt, r.LogHeadHash));
}
