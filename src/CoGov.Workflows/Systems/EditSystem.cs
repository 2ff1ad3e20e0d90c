using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>
/// The workers' side or an administrator corrects a system's register entry; every change keeps a new version of the
/// whole entry. The key stays (it is in every address and file) and the status changes only by
/// <see cref="ChangeSystemStatus"/>, with its date.
/// </summary>
/// <param name="ExpectedVersion">The version the form was filled from: if someone saved another since, nothing is saved and they are named.</param>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record EditSystem(
    string OrganisationKey,
    string SystemKey,
    int ExpectedVersion,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string? ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    string? OwnerKey = null,
    string? Contact = null,
    string? DecisionsSupported = null,
    string? HumanOversight = null,
    string? DataSources = null,
    string? StorageJurisdiction = null,
    string? Retention = null,
    string? WorkersAffected = null,
    int? WorkersAffectedCount = null,
    IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments = null) : ICommand, IOrganisationRequest, ISystemRegisterFields;

public sealed class EditSystemValidator : AbstractValidator<EditSystem>
{
    public EditSystemValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.SystemKey).NotEmpty();
        Include(new SystemRegisterFieldsValidator());
    }
}

public sealed class EditSystemHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<EditSystem>
{
    public async ValueTask<Unit> Handle(EditSystem command, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(command.OrganisationKey, cancellationToken);
        SystemRegister.EnsureMayKeep(organisation, user, user.Actor, "edit");
        var system = await SystemRegister.LoadForChangeAsync(db, organisation, command.SystemKey, command.ExpectedVersion, cancellationToken);
        var before = system.Snapshot(null);
        if (system.Edit(command.Name, command.Purpose, command.Vendor, command.Sourcing, command.ContractNotes, command.PersonalData,
                command.Department, SystemRegister.DetailsOf(command), SystemRegister.Owner(organisation, command.OwnerKey)))
        {
            var change = RegisterFieldWords.Summarise(system.Snapshot(null).ChangesFrom(before));
            await SystemRegister.KeepVersionAsync(db, audit, clock, user, organisation, system, AuditKind.SystemEdited, change, cancellationToken);
            await SystemRegister.SaveChangeAsync(db, system, cancellationToken);
        }
        return Unit.Value;
    }
}
