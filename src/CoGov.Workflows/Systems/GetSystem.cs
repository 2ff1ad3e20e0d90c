using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>
/// A system's whole register entry, as the register page shows it and the edit form is filled from: every field, the
/// statuses it has held with their dates, the version it is at, and what the current person may do with it.
/// </summary>
public sealed record GetSystem(string OrganisationKey, string SystemKey) : IQuery<SystemRegisterView>, IOrganisationRequest;

/// <param name="Version">The entry's current version: an edit or status change sends it back, so a change made since is not overwritten.</param>
/// <param name="LastChangedBy">Who made the current version, and when (<paramref name="LastChangedAt"/>).</param>
/// <param name="MayKeepRegister">The person may edit the entry and change its status (<see cref="AlgorithmicSystem.MayKeepRegister"/>).</param>
/// <param name="NextStatuses">The statuses it may move to: those after the current one, none once retired.</param>
/// <param name="People">Whom the owner may be chosen from: the people not retired, and the current owner.</param>
public sealed record SystemRegisterView(
    string OrganisationKey,
    string OrganisationName,
    SystemDetail System,
    int Version,
    string? LastChangedBy,
    DateTimeOffset? LastChangedAt,
    bool MayKeepRegister,
    IReadOnlyList<SystemStatus> NextStatuses,
    IReadOnlyList<OwnerChoice> People);

/// <param name="Owner">The owner, or null when none is named.</param>
public sealed record SystemDetail(
    string Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    SystemStatus Status,
    IReadOnlyList<StatusPeriod> StatusHistory,
    OwnerChoice? Owner,
    string Contact,
    string DecisionsSupported,
    string HumanOversight,
    string DataSources,
    string StorageJurisdiction,
    string Retention,
    string WorkersAffected,
    int? WorkersAffectedCount,
    IReadOnlyList<ImpactAssessmentLink> ImpactAssessments)
{
    public DateOnly? StatusSince => StatusHistory.Count > 0 ? StatusHistory[^1].Since : null;

    public static SystemDetail Of(AlgorithmicSystem system, Organisation organisation) => new(
        system.Key, system.Name, system.Purpose, system.Vendor, system.Sourcing, system.ContractNotes, system.PersonalData, system.Department,
        system.Status, system.StatusHistory,
        system.OwnerId is { } ownerId && organisation.FindPerson(ownerId) is { } owner ? OwnerChoice.Of(owner) : null,
        system.Contact, system.DecisionsSupported, system.HumanOversight, system.DataSources, system.StorageJurisdiction,
        system.Retention, system.WorkersAffected, system.WorkersAffectedCount, system.ImpactAssessments);
}

public sealed record OwnerChoice(string Key, string Name, string Title, Side Side)
{
    public static OwnerChoice Of(Person person) => new(person.Key, person.Name, person.Title, person.Side);
}

public sealed class GetSystemHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetSystem, SystemRegisterView>
{
    public async ValueTask<SystemRegisterView> Handle(GetSystem query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var system = await db.Systems.AsNoTracking()
            .SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == query.SystemKey, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{query.SystemKey}'.");
        var newest = await db.SystemVersions.AsNoTracking().Where(v => v.SystemId == system.Id)
            .OrderByDescending(v => v.Number).Select(v => new { v.By, v.At }).FirstOrDefaultAsync(cancellationToken);
        var mayKeep = AlgorithmicSystem.MayKeepRegister(user.Actor, user.IsInRole(Roles.Admin)) && user.MaySend<EditSystem>();
        var next = system.IsRetired ? [] : Enum.GetValues<SystemStatus>().Where(s => s > system.Status).ToList();
        var people = organisation.People
            .Where(p => !p.IsRetired || p.Id == system.OwnerId)
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(OwnerChoice.Of)
            .ToList();
        return new SystemRegisterView(organisation.Key, organisation.Name, SystemDetail.Of(system, organisation), system.RegisterVersion,
            newest?.By, newest?.At, mayKeep, next, people);
    }
}
