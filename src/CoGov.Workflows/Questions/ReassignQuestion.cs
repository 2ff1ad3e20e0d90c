using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side routes a question to another named accountable manager, with a reason; the deadline stands.</summary>
[RequiresRole(Roles.Steward)]
public sealed record ReassignQuestion(string OrganisationKey, string SystemKey, int Cycle, int Number, string ToPersonKey, string Reason) : ICommand, IQuestionRequest;

public sealed class ReassignQuestionValidator : AbstractValidator<ReassignQuestion>
{
    public ReassignQuestionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.ToPersonKey).NotEmpty().WithPhrase("Choose the manager to route the question to.");
        RuleFor(c => c.Reason).IsRecordText(new Phrase("reason for reassigning"), 2_000);
    }
}

public sealed class ReassignQuestionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<ReassignQuestion>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation;

    protected override ValueTask Change(ReassignQuestion command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = cycle.Organisation.FindPerson(command.ToPersonKey)
            ?? throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(command.ToPersonKey)] = [new Phrase("{0} has no person '{1}'.", cycle.Organisation.Name, command.ToPersonKey)],
            });
        cycle.Assessment.Reassign(command.Number, to, command.Reason, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
