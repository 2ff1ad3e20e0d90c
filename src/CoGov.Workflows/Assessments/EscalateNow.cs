using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Assessments;

/// <summary>A steward chasing an answer escalates at once: to the manager's superior, then to the committee chairs.</summary>
public sealed record EscalateNow(string OrganisationKey, string SystemKey, int Cycle, int Number) : ICommand, IQuestionRequest;

public sealed class EscalateNowValidator : AbstractValidator<EscalateNow>
{
    public EscalateNowValidator() => this.AddQuestionRules();
}

public sealed class EscalateNowHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<EscalateNow>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation | CycleNeeds.Policy;

    protected override ValueTask Change(EscalateNow command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.EscalateNow(command.Number, cycle.Actor, now, cycle.Organisation, cycle.Deadlines);
        return ValueTask.CompletedTask;
    }
}
