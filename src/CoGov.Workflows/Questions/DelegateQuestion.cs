using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The accountable manager delegates the answer to another manager, with a reason, and stays accountable for it.</summary>
[RequiresRole(Roles.Manager)]
[AnswerLinks.AnswerableThroughLink]
public sealed record DelegateQuestion(string OrganisationKey, string SystemKey, int Cycle, int Number, string ToPersonKey, string Reason) : ICommand, IQuestionRequest;

public sealed class DelegateQuestionValidator : AbstractValidator<DelegateQuestion>
{
    public DelegateQuestionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.ToPersonKey).NotEmpty().WithPhrase("Choose the manager to delegate the answer to.");
        RuleFor(c => c.Reason).IsRecordText(new Phrase("reason for delegating"), 2_000);
    }
}

public sealed class DelegateQuestionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<DelegateQuestion>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation;

    protected override ValueTask Change(DelegateQuestion command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = cycle.Organisation.FindPerson(command.ToPersonKey)
            ?? throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(command.ToPersonKey)] = [new Phrase("{0} has no person '{1}'.", cycle.Organisation.Name, command.ToPersonKey)],
            });
        cycle.Assessment.Delegate(command.Number, to, command.Reason, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
