using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Assessments;

/// <summary>What every command about one cycle or one question checks before its handler runs.</summary>
internal static class QuestionRequestRules
{
    public static void AddCycleRules<T>(this AbstractValidator<T> validator) where T : ICycleRequest
    {
        validator.RuleFor(c => c.OrganisationKey).NotEmpty();
        validator.RuleFor(c => c.SystemKey).NotEmpty();
        validator.RuleFor(c => c.Cycle).GreaterThan(0);
    }

    public static void AddQuestionRules<T>(this AbstractValidator<T> validator) where T : IQuestionRequest
    {
        validator.AddCycleRules();
        validator.RuleFor(c => c.Number).GreaterThan(0);
    }

    /// <summary>Text a person writes into the record: present, and of a size a committee can read.</summary>
    public static IRuleBuilderOptions<T, string> IsRecordText<T>(this IRuleBuilder<T, string> rule, string what, int maximum = 20_000) =>
        rule.NotEmpty().WithMessage($"Write the {what}.")
            .MaximumLength(maximum).WithMessage($"The {what} is longer than {maximum:N0} characters.");
}

/// <summary>
/// Runs one change to one cycle: loads it with its context, lets the model make the change (which checks who may do
/// it, writes the log entry and raises the notifications), and saves it all in one transaction.
/// </summary>
public abstract class CycleCommandHandler<TCommand>(CoGovDbContext db, UserContext user, TimeProvider clock) : ICommandHandler<TCommand>
    where TCommand : ICycleRequest, ICommand
{
    public async ValueTask<Unit> Handle(TCommand command, CancellationToken cancellationToken)
    {
        var cycle = await CycleInContext.LoadAsync(db, user, command, Needs, cancellationToken);
        await Change(command, cycle, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    protected CoGovDbContext Db => db;

    /// <summary>What the change needs loaded besides the cycle; as little as possible, since every answer pays for it.</summary>
    protected virtual CycleNeeds Needs => CycleNeeds.None;

    protected abstract ValueTask Change(TCommand command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken);
}
