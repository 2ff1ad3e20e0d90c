using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The manager asks for more working days, with a reason; their clock stops until the workers' side decides.</summary>
[RequiresRole(Roles.Manager)]
[AnswerLinks.AnswerableThroughLink]
public sealed record RequestExtension(string OrganisationKey, string SystemKey, int Cycle, int Number, int WorkingDays, string Reason) : ICommand, IQuestionRequest;

public sealed class RequestExtensionValidator : AbstractValidator<RequestExtension>
{
    public RequestExtensionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.WorkingDays).InclusiveBetween(1, 60).WithPhrase("Ask for between 1 and 60 working days.");
        RuleFor(c => c.Reason).IsRecordText(new Phrase("reason for asking for more time"), 2_000);
    }
}

public sealed class RequestExtensionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<RequestExtension>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Policy;

    protected override ValueTask Change(RequestExtension command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.RequestExtension(command.Number, command.WorkingDays, command.Reason, cycle.Actor, now, cycle.Deadlines);
        return ValueTask.CompletedTask;
    }
}
