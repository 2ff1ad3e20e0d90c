using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side sends an answer back, saying what is unclear; the manager gets the policy's fresh, shorter deadline.</summary>
[RequiresRole(Roles.Steward)]
public sealed record RequestClarification(string OrganisationKey, string SystemKey, int Cycle, int Number, string WhatIsUnclear) : ICommand, IQuestionRequest;

public sealed class RequestClarificationValidator : AbstractValidator<RequestClarification>
{
    public RequestClarificationValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.WhatIsUnclear).IsRecordText(new Phrase("what is unclear"));
    }
}

public sealed class RequestClarificationHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<RequestClarification>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Policy;

    protected override ValueTask Change(RequestClarification command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.RequestClarification(command.Number, command.WhatIsUnclear, cycle.Actor, now, cycle.Deadlines);
        return ValueTask.CompletedTask;
    }
}
