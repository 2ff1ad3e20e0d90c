using CoGov.Workflows.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CoGov.Workflows.Scheduling;

/// <summary>
/// The one timer: every sweep interval, do what is due. Quartz keeps the trigger in the app's own database, so a missed
/// run (the app was down) fires once on start rather than never or many times, and on a shared database only one node
/// runs each sweep. The work itself is safe to repeat (see <see cref="RunDueWorkHandler"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class SweepJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("due-work-sweep", "cogov");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // Keep going while batches come back full, so a backlog (after downtime) clears in one sweep.
        const int batch = 500;
        DueWorkDone done;
        do
        {
            done = await mediator.Send(new RunDueWork(batch), cancellationToken);
        }
        while (done.QuestionActions + done.CyclesOpened >= batch && !cancellationToken.IsCancellationRequested);
    }
}
