using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Assessments;

/// <summary>The cycle's named accountable manager signs it off for management, with a statement, once every question is settled.</summary>
public sealed record SignOff(string OrganisationKey, string SystemKey, int Cycle, string Statement) : ICommand, ICycleRequest;

public sealed class SignOffValidator : AbstractValidator<SignOff>
{
    public SignOffValidator()
    {
        this.AddCycleRules();
        RuleFor(c => c.Statement).IsRecordText("sign-off statement", 10_000);
    }
}

public sealed class SignOffHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<SignOff>(db, user, clock)
{
    protected override ValueTask Change(SignOff command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.SignOff(command.Statement, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
