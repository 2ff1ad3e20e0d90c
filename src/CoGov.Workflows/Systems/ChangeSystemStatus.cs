using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Systems;

/// <summary>
/// The workers' side or an administrator records that a system has moved on: from proposed to pilot, into use, or
/// retired. Forward only (<see cref="AlgorithmicSystem.ChangeStatus"/>); retiring needs its reason, cancels the
/// scheduled reassessment and refuses every new cycle from then on.
/// </summary>
/// <param name="Since">The day the new status began; today when not given.</param>
/// <param name="ExpectedVersion">The version the page showed: if someone saved another since, nothing is saved and they are named.</param>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record ChangeSystemStatus(
    string OrganisationKey,
    string SystemKey,
    int ExpectedVersion,
    SystemStatus Status,
    DateOnly? Since,
    string? Reason) : ICommand, IOrganisationRequest;

public sealed class ChangeSystemStatusValidator : AbstractValidator<ChangeSystemStatus>
{
    public ChangeSystemStatusValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.SystemKey).NotEmpty();
        RuleFor(c => c.Status).IsInEnum().WithPhrase("Choose the system's new status.");
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Status == SystemStatus.Retired).WithPhrase("Say why the system is retired.");
        RuleFor(c => c.Reason).MaximumLength(AlgorithmicSystem.MaxTextLength)
            .WithPhrase("Keep the reason to {0} characters.", (_, _) => [AlgorithmicSystem.MaxTextLength]);
    }
}

public sealed class ChangeSystemStatusHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ChangeSystemStatus>
{
    public async ValueTask<Unit> Handle(ChangeSystemStatus command, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(command.OrganisationKey, cancellationToken);
        SystemRegister.EnsureMayKeep(organisation, user, user.Actor, command.Status == SystemStatus.Retired ? "retire" : "change the status of");
        var system = await SystemRegister.LoadForChangeAsync(db, organisation, command.SystemKey, command.ExpectedVersion, cancellationToken);
        var today = SystemRegister.Today(clock);
        system.ChangeStatus(command.Status, command.Since ?? today, command.Reason, today);
        var period = system.StatusHistory[^1];
        var change = command.Status == SystemStatus.Retired
            ? $"Retired from {period.Since:yyyy-MM-dd}: {period.Reason}"
            : $"Now {period.Status.Describe()}, since {period.Since:yyyy-MM-dd}." + (period.Reason.Length > 0 ? $" {period.Reason}" : "");
        await SystemRegister.KeepVersionAsync(db, audit, clock, user, organisation, system,
            command.Status == SystemStatus.Retired ? AuditKind.SystemRetired : AuditKind.SystemEdited, change, cancellationToken);
        await SystemRegister.SaveChangeAsync(db, system, cancellationToken);
        return Unit.Value;
    }
}
