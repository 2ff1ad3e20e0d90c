using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>What the page that registers a system needs: whether the person may, and the departments already named.</summary>
public sealed record GetSystemRegistration(string OrganisationKey) : IQuery<SystemRegistration>, IOrganisationRequest;

/// <param name="MayRegister">The person may register a system (<see cref="SystemRegistrationRule"/>).</param>
/// <param name="Departments">The departments of the systems already registered, offered as suggestions so one department is not spelt three ways.</param>
/// <param name="People">Whom the owner may be chosen from: the organisation's people not retired.</param>
public sealed record SystemRegistration(string OrganisationName, bool MayRegister, IReadOnlyList<string> Departments, IReadOnlyList<OwnerChoice> People);

public sealed class GetSystemRegistrationHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetSystemRegistration, SystemRegistration>
{
    public async ValueTask<SystemRegistration> Handle(GetSystemRegistration query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;
        var departments = await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisation.Id)
            .Select(s => s.Department)
            .Distinct()
            .OrderBy(d => d)
            .ToListAsync(cancellationToken);
        var people = organisation.People.Where(p => !p.IsRetired).OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(OwnerChoice.Of).ToList();
        return new SystemRegistration(organisation.Name, SystemRegistrationRule.Allows(user, actor), departments, people);
    }
}
