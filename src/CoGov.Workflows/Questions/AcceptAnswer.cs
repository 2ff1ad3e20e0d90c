using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side accepts an answer.</summary>
[RequiresRole(Roles.Steward)]
public sealed record AcceptAnswer(string OrganisationKey, string SystemKey, int Cycle, int Number) : ICommand, IQuestionRequest;

public sealed class AcceptAnswerValidator : AbstractValidator<AcceptAnswer>
{
    public AcceptAnswerValidator() => this.AddQuestionRules();
}

public sealed class AcceptAnswerHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<AcceptAnswer>(db, user, clock)
{
    protected override ValueTask Change(AcceptAnswer command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Accept(command.Number, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
