using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Cycles;

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
        await Saved(cancellationToken);
        return Unit.Value;
    }

    /// <summary>What to do once the change is saved, outside the database (an anchor file's line).</summary>
    protected virtual ValueTask Saved(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected CoGovDbContext Db => db;

    /// <summary>What the change needs loaded besides the cycle; as little as possible, since every answer pays for it.</summary>
    protected virtual CycleNeeds Needs => CycleNeeds.None;

    protected abstract ValueTask Change(TCommand command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken);
}
