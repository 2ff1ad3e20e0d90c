using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Policies;

/// <summary>
/// An administrator sets the organisation's time zone and its holidays, the whole list at once; answers the version in
/// force afterwards. Deadlines already given stay as they were; new ones count the new working days.
/// </summary>
/// <param name="TimeZone">An IANA name, such as Europe/London.</param>
[RequiresRole(Roles.Admin)]
public sealed record ChangeWorkingCalendar(string OrganisationKey, int BasedOnVersion, string TimeZone, IReadOnlyList<DateOnly> Holidays)
    : ICommand<int>, IOrganisationRequest;

public sealed class ChangeWorkingCalendarValidator : AbstractValidator<ChangeWorkingCalendar>
{
    public ChangeWorkingCalendarValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.TimeZone).NotEmpty().OverridePropertyName("timeZone").WithPhrase("Choose the organisation's time zone.");
        RuleFor(c => c.Holidays).NotNull();
    }
}

public sealed class ChangeWorkingCalendarHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ChangeWorkingCalendar, int>
{
    public async ValueTask<int> Handle(ChangeWorkingCalendar command, CancellationToken cancellationToken)
    {
        var context = await PolicyChanges.LoadAsync(db, command.OrganisationKey, cancellationToken);
        var spec = context.Policy.Spec with { TimeZone = command.TimeZone.Trim(), Holidays = command.Holidays };
        return await PolicyChanges.PutInForceAsync(db, audit, clock, context, spec, command.BasedOnVersion, cancellationToken);
    }
}
