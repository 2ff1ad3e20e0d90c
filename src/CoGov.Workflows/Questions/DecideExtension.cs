using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The workers' side grants or refuses the more time asked for; the manager's clock resumes where it stood.</summary>
[RequiresRole(Roles.Steward)]
public sealed record DecideExtension(string OrganisationKey, string SystemKey, int Cycle, int Number, bool Grant, string? Comment) : ICommand, IQuestionRequest;

public sealed class DecideExtensionValidator : AbstractValidator<DecideExtension>
{
    public DecideExtensionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Comment).MaximumLength(2_000).WithPhrase("The comment is longer than 2,000 characters.");
    }
}

public sealed class DecideExtensionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<DecideExtension>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Policy;

    protected override ValueTask Change(DecideExtension command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.DecideExtension(command.Number, command.Grant, command.Comment, cycle.Actor, now, cycle.Deadlines);
        return ValueTask.CompletedTask;
    }
}
