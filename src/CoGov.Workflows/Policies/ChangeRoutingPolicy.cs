using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Policies;

/// <summary>
/// An administrator changes who answers each theme and the clock's terms, from the form of the version they were shown;
/// answers the version in force afterwards. A theme left out goes to the default manager and has the default deadline.
/// </summary>
/// <param name="BasedOnVersion">The version the form showed: refused if another change came first.</param>
[RequiresRole(Roles.Admin)]
public sealed record ChangeRoutingPolicy(
    string OrganisationKey,
    int BasedOnVersion,
    string? DefaultManagerKey,
    IReadOnlyList<ThemeManagerChoice> ManagerByTheme,
    int DefaultDeadlineDays,
    IReadOnlyList<ThemeDeadlineChoice> DeadlineDaysByTheme,
    int ClarificationDeadlineDays,
    IReadOnlyList<int> ReminderDaysBeforeDue,
    IReadOnlyList<EscalationStep> Escalation,
    int EscalationIntervalDays,
    int ReassessmentIntervalMonths,
    int CycleLengthDays) : ICommand<int>, IOrganisationRequest;

public sealed record ThemeManagerChoice(string ThemeKey, string PersonKey);

public sealed record ThemeDeadlineChoice(string ThemeKey, int Days);

public sealed class ChangeRoutingPolicyValidator : AbstractValidator<ChangeRoutingPolicy>
{
    public ChangeRoutingPolicyValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.ManagerByTheme).NotNull();
        RuleFor(c => c.DeadlineDaysByTheme).NotNull();
        RuleFor(c => c.ReminderDaysBeforeDue).NotNull();
        RuleForEach(c => c.Escalation).IsInEnum().WithPhrase("Choose each escalation step from the list.");
    }
}

public sealed class ChangeRoutingPolicyHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ChangeRoutingPolicy, int>
{
    public async ValueTask<int> Handle(ChangeRoutingPolicy command, CancellationToken cancellationToken)
    {
        var context = await PolicyChanges.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var spec = context.Policy.Spec with
        {
            DefaultManager = command.DefaultManagerKey,
            ManagerByTheme = command.ManagerByTheme.ToDictionary(m => m.ThemeKey, m => m.PersonKey, StringComparer.Ordinal),
            DefaultDeadlineDays = command.DefaultDeadlineDays,
            DeadlineDaysByTheme = command.DeadlineDaysByTheme.ToDictionary(d => d.ThemeKey, d => d.Days, StringComparer.Ordinal),
            ClarificationDeadlineDays = command.ClarificationDeadlineDays,
            ReminderDaysBeforeDue = command.ReminderDaysBeforeDue,
            Escalation = command.Escalation,
            EscalationIntervalDays = command.EscalationIntervalDays,
            ReassessmentIntervalMonths = command.ReassessmentIntervalMonths,
            CycleLengthDays = command.CycleLengthDays,
        };
        return await PolicyChanges.PutInForceAsync(db, audit, clock, context, spec, command.BasedOnVersion, cancellationToken);
    }
}
