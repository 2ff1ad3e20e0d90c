using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>A steward chasing an answer escalates at once: to the manager's superior, then to the committee chairs.</summary>
[RequiresRole(Roles.Steward)]
public sealed record EscalateQuestion(string OrganisationKey, string SystemKey, int Cycle, int Number) : ICommand, IQuestionRequest;

public sealed class EscalateQuestionValidator : AbstractValidator<EscalateQuestion>
{
    public EscalateQuestionValidator() => this.AddQuestionRules();
}

public sealed class EscalateQuestionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<EscalateQuestion>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation | CycleNeeds.Policy;

    protected override ValueTask Change(EscalateQuestion command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.EscalateNow(command.Number, cycle.Actor, now, cycle.Organisation, cycle.Deadlines);
        return ValueTask.CompletedTask;
    }
}
