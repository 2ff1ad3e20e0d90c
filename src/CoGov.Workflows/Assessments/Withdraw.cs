using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Assessments;

/// <summary>The workers' side withdraws a question it no longer needs answered in this cycle, saying why.</summary>
public sealed record Withdraw(string OrganisationKey, string SystemKey, int Cycle, int Number, string Reason) : ICommand, IQuestionRequest;

public sealed class WithdrawValidator : AbstractValidator<Withdraw>
{
    public WithdrawValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Reason).IsRecordText("reason for withdrawing the question");
    }
}

public sealed class WithdrawHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<Withdraw>(db, user, clock)
{
    protected override ValueTask Change(Withdraw command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Withdraw(command.Number, command.Reason, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
