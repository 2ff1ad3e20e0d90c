using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Records;

/// <summary>One kept document with its bytes exactly as printed, for download; only the organisation's members may have it.</summary>
public sealed record GetStoredRecord(string OrganisationKey, Guid RecordId) : IQuery<StoredRecordFile>, IOrganisationRequest;

public sealed record StoredRecordFile(string FileName, byte[] Content, string Sha256);

public sealed class GetStoredRecordHandler(CoGovDbContext db) : IQueryHandler<GetStoredRecord, StoredRecordFile>
{
    public async ValueTask<StoredRecordFile> Handle(GetStoredRecord query, CancellationToken cancellationToken) =>
        await db.StoredRecords.AsNoTracking()
            .Where(r => r.Id == query.RecordId && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Key == query.OrganisationKey))
            .Select(r => new StoredRecordFile(r.FileName, r.Content, r.Sha256))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("There is no such record.");
}
