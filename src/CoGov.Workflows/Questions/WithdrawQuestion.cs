using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side withdraws a question it no longer needs answered in this cycle, saying why.</summary>
[RequiresRole(Roles.Steward)]
public sealed record WithdrawQuestion(string OrganisationKey, string SystemKey, int Cycle, int Number, string Reason) : ICommand, IQuestionRequest;

public sealed class WithdrawQuestionValidator : AbstractValidator<WithdrawQuestion>
{
    public WithdrawQuestionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Reason).IsRecordText(new Phrase("reason for withdrawing the question"));
    }
}

public sealed class WithdrawQuestionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<WithdrawQuestion>(db, user, clock)
{
    protected override ValueTask Change(WithdrawQuestion command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Withdraw(command.Number, command.Reason, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
