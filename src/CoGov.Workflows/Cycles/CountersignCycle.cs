using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// A workers'-side member of the joint committee countersigns a cycle management has signed off. The cycle becomes
/// read-only and the system's reassessment is scheduled by the policy's interval.
/// </summary>
[RequiresRole(Roles.Steward, Roles.CommitteeChair)]
public sealed record CountersignCycle(string OrganisationKey, string SystemKey, int Cycle, string Statement) : ICommand, ICycleRequest;

public sealed class CountersignCycleValidator : AbstractValidator<CountersignCycle>
{
    public CountersignCycleValidator()
    {
        this.AddCycleRules();
        RuleFor(c => c.Statement).IsRecordText(new Phrase("countersignature statement"), 10_000);
    }
}

public sealed class CountersignCycleHandler(CoGovDbContext db, UserContext user, TimeProvider clock, LogAnchors anchors) : CycleCommandHandler<CountersignCycle>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.System | CycleNeeds.Policy;

    protected override async ValueTask Change(CountersignCycle command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Countersign(command.Statement, cycle.Actor, now);
        await anchors.AddAsync(cycle.Assessment.Id, cycle.Assessment.Log[^1], AnchorReason.Countersigned, now, cancellationToken);
        // Only the newest cycle schedules the next: an older one countersigned late must not open a second one.
        var isNewest = !await Db.Assessments.AnyAsync(a => a.SystemId == cycle.System.Id && a.Cycle > cycle.Assessment.Cycle, cancellationToken);
        if (isNewest)
        {
            cycle.System.ScheduleReassessment(now, cycle.Policy.ReassessmentMonthsFor(cycle.System.Key));
        }
    }

    protected override async ValueTask Saved(CancellationToken cancellationToken) => await anchors.WriteFileAsync(cancellationToken);
}
