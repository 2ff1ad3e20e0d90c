using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>How a query reads the system and the cycle a page is about: one way, so a wrong key or number is the same missing page everywhere.</summary>
internal static class CycleReading
{
    /// <summary>The organisation's system by its key, untracked; one it does not have is a missing page.</summary>
    public static async Task<AlgorithmicSystem> ReadSystemAsync(this CoGovDbContext db, Organisation organisation, string systemKey, CancellationToken cancellationToken) =>
        await db.Systems.AsNoTracking()
            .SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == systemKey, cancellationToken)
        ?? throw new NotFoundException($"{organisation.Name} has no system '{systemKey}'.");

    /// <summary>The system and its cycle by number, untracked, the cycle loaded with what <paramref name="include"/> adds (each page needs different parts).</summary>
    public static async Task<(AlgorithmicSystem System, Assessment Cycle)> ReadCycleAsync(
        this CoGovDbContext db,
        Organisation organisation,
        string systemKey,
        int cycle,
        Func<IQueryable<Assessment>, IQueryable<Assessment>> include,
        CancellationToken cancellationToken)
    {
        var system = await db.ReadSystemAsync(organisation, systemKey, cancellationToken);
        var assessment = await include(db.Assessments.AsNoTracking())
            .SingleOrDefaultAsync(a => a.SystemId == system.Id && a.Cycle == cycle, cancellationToken)
            ?? throw new NotFoundException($"{system.Name} has no cycle {cycle}.");
        return (system, assessment);
    }
}
