using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side challenges an answer (right of redress): the question goes on the joint committee's agenda.</summary>
[RequiresRole(Roles.Steward)]
public sealed record ChallengeAnswer(string OrganisationKey, string SystemKey, int Cycle, int Number, string Grounds) : ICommand, IQuestionRequest;

public sealed class ChallengeAnswerValidator : AbstractValidator<ChallengeAnswer>
{
    public ChallengeAnswerValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Grounds).IsRecordText(new Phrase("grounds for the challenge"));
    }
}

public sealed class ChallengeAnswerHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<ChallengeAnswer>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation;

    protected override ValueTask Change(ChallengeAnswer command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Challenge(command.Number, command.Grounds, cycle.Actor, now, cycle.Organisation);
        return ValueTask.CompletedTask;
    }
}
