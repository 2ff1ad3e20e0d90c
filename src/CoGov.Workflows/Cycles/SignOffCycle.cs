using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Cycles;

/// <summary>The cycle's named accountable manager signs it off for management, with a statement, once every question is settled.</summary>
[RequiresRole(Roles.Manager, Roles.CommitteeChair)]
public sealed record SignOffCycle(string OrganisationKey, string SystemKey, int Cycle, string Statement) : ICommand, ICycleRequest;

public sealed class SignOffCycleValidator : AbstractValidator<SignOffCycle>
{
    public SignOffCycleValidator()
    {
        this.AddCycleRules();
        RuleFor(c => c.Statement).IsRecordText(new Phrase("sign-off statement"), 10_000);
    }
}

public sealed class SignOffCycleHandler(CoGovDbContext db, UserContext user, TimeProvider clock, LogAnchors anchors) : CycleCommandHandler<SignOffCycle>(db, user, clock)
{
    protected override async ValueTask Change(SignOffCycle command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.SignOff(command.Statement, cycle.Actor, now);
        // What management signed is mailed to both chairs, out of the reach of whoever holds the database (decision record 19).
        await anchors.AddAsync(cycle.Assessment.Id, cycle.Assessment.Log[^1], AnchorReason.SignedOff, now, cancellationToken);
    }

    protected override async ValueTask Saved(CancellationToken cancellationToken) => await anchors.WriteFileAsync(cancellationToken);
}
