using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Assessments;

/// <summary>
/// A workers'-side member of the joint committee countersigns a cycle management has signed off. The cycle becomes
/// read-only and the system's reassessment is scheduled by the policy's interval.
/// </summary>
public sealed record Countersign(string OrganisationKey, string SystemKey, int Cycle, string Statement) : ICommand, ICycleRequest;

public sealed class CountersignValidator : AbstractValidator<Countersign>
{
    public CountersignValidator()
    {
        this.AddCycleRules();
        RuleFor(c => c.Statement).IsRecordText("countersignature statement", 10_000);
    }
}

public sealed class CountersignHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<Countersign>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.System | CycleNeeds.Policy;

    protected override async ValueTask Change(Countersign command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Countersign(command.Statement, cycle.Actor, now);
        // Only the newest cycle schedules the next: an older one countersigned late must not open a second one.
        var isNewest = !await Db.Assessments.AnyAsync(a => a.SystemId == cycle.System.Id && a.Cycle > cycle.Assessment.Cycle, cancellationToken);
        if (isNewest)
        {
            cycle.System.ScheduleReassessment(now, cycle.Policy.ReassessmentMonthsFor(cycle.System.Key));
        }
    }
}
