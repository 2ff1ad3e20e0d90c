using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Organisations;

/// <summary>How a query reads the organisation it is about: one way, so every page names people and seats alike.</summary>
internal static class OrganisationReading
{
    /// <summary>
    /// The organisation with its people and its committee's seats, untracked (it is read, never saved, through this load); one that does
    /// not exist is a missing page, as one the user is not in already is by authorisation.
    /// </summary>
    public static async Task<Organisation> ReadOrganisationAsync(this CoGovDbContext db, string key, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking()
            .Include(o => o.People)
            .Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleOrDefaultAsync(o => o.Key == key, cancellationToken)
        ?? throw new NotFoundException($"There is no organisation '{key}'.");
}
