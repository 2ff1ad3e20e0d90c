using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Records;

/// <summary>The assessment records kept for one system, newest first, without their bytes.</summary>
public sealed record GetSystemRecords(string OrganisationKey, string SystemKey) : IQuery<IReadOnlyList<StoredRecordSummary>>, IOrganisationRequest;

public sealed class GetSystemRecordsHandler(CoGovDbContext db) : IQueryHandler<GetSystemRecords, IReadOnlyList<StoredRecordSummary>>
{
    public async ValueTask<IReadOnlyList<StoredRecordSummary>> Handle(GetSystemRecords query, CancellationToken cancellationToken)
    {
        var systemId = await db.Systems.AsNoTracking()
            .Where(s => s.Key == query.SystemKey && db.Organisations.Any(o => o.Id == s.OrganisationId && o.Key == query.OrganisationKey))
            .Select(s => (Guid?)s.Id)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no system '{query.SystemKey}'.");
        return await db.StoredRecords.AsNoTracking().OfSystem(systemId).ToListAsync(cancellationToken);
    }
}
