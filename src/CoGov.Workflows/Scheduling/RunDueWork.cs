using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CoGov.Workflows.Scheduling;

/// <summary>
/// Does what the clock says is due: the reminders, overdue notices and escalation steps of every question, and the
/// reassessment cycles whose date has come. The sweep job sends it every minute; running it twice, late, after a crash
/// or on two nodes at once does nothing twice (see <see cref="RunDueWorkHandler"/>). It concerns every organisation, so
/// besides CoGov itself only an operator may send it.
/// </summary>
[RequiresOperator]
public sealed record RunDueWork(int BatchSize = 500) : ICommand<DueWorkDone>;

public sealed record DueWorkDone(int QuestionActions, int CyclesOpened, int Conflicts);

/// <remarks>
/// Due work is found through indexed columns (<c>QuestionItems.NextActionAt</c>, <c>Systems.NextCycleOpensAt</c>), not one
/// timer per question. Each cycle's due actions are done and saved in a transaction of their own, together with their
/// log entries and outbox mail. Every row carries a concurrency version, so when two sweeps pick the same cycle the
/// second save fails and is dropped: the work was done once, by the first.
/// </remarks>
public sealed partial class RunDueWorkHandler(CoGovDbContext db, TimeProvider clock, ILogger<RunDueWorkHandler> logger)
    : ICommandHandler<RunDueWork, DueWorkDone>
{
    public async ValueTask<DueWorkDone> Handle(RunDueWork command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organisations = new Dictionary<Guid, (Organisation Organisation, RoutingPolicy Policy)>();
        var actions = 0;
        var conflicts = 0;

        // Longest-waiting first, so a backlog clears in the order it built up.
        var dueCycles = (await db.QuestionItems
                .Where(q => q.NextActionAt <= now)
                .OrderBy(q => q.NextActionAt)
                .Select(q => q.AssessmentId)
                .Take(command.BatchSize)
                .ToListAsync(cancellationToken))
            .Distinct()
            .ToList();
        foreach (var assessmentId in dueCycles)
        {
            var assessment = await db.Assessments.Include(a => a.Questions).SingleAsync(a => a.Id == assessmentId, cancellationToken);
            var (organisation, policy) = await OrganisationOf(assessment.OrganisationId, organisations, cancellationToken);
            var done = assessment.PerformDueActions(organisation, policy.Deadlines, now);
            if (await TrySaveAsync(cancellationToken))
            {
                actions += done;
            }
            else
            {
                conflicts++;
            }
        }

        var opened = 0;
        var dueSystems = await db.Systems.Where(s => s.NextCycleOpensAt <= now).OrderBy(s => s.NextCycleOpensAt)
            .Take(command.BatchSize).ToListAsync(cancellationToken);
        foreach (var system in dueSystems)
        {
            var previous = await db.Assessments.Include(a => a.Questions).Include(a => a.SignOffs)
                .Where(a => a.SystemId == system.Id).OrderByDescending(a => a.Cycle).FirstAsync(cancellationToken);
            // The version the organisation has adopted, never merely the newest; with none adopted, the version the
            // previous cycle asked, so the schedule is kept rather than the system skipped.
            var template = await db.AdoptedTemplateAsync(system.OrganisationId, previous.TemplateKey, cancellationToken)
                ?? await db.Templates.Include(t => t.Themes).ThenInclude(t => t.Questions).SingleAsync(t => t.Id == previous.TemplateId, cancellationToken);
            var (organisation, policy) = await OrganisationOf(system.OrganisationId, organisations, cancellationToken);
            var manager = organisation.FindPerson(previous.AccountableManagerId)!;
            // A retired manager cannot sign the next cycle off: it goes to whom the policy names, or waits for a steward.
            if (manager.IsRetired)
            {
                if (policy.AccountableManagerFor(system.Key) is not { } key || organisation.FindPerson(key) is not { IsRetired: false } named)
                {
                    continue;
                }
                manager = named;
            }
            db.Assessments.Add(Assessment.OpenNext(organisation, system, template, previous, manager, now, now.AddDays(policy.Spec.CycleLengthDays)));
            system.ReassessmentOpened();
            if (await TrySaveAsync(cancellationToken))
            {
                opened++;
                LogCycleOpened(system.Name, previous.Cycle + 1);
            }
            else
            {
                conflicts++;
            }
        }
        return new DueWorkDone(actions, opened, conflicts);
    }

    private async Task<(Organisation, RoutingPolicy)> OrganisationOf(
        Guid organisationId, Dictionary<Guid, (Organisation, RoutingPolicy)> loaded, CancellationToken cancellationToken)
    {
        if (!loaded.TryGetValue(organisationId, out var found))
        {
            var organisation = await db.Organisations.AsNoTracking().Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
                .SingleAsync(o => o.Id == organisationId, cancellationToken);
            var policy = await db.RoutingPolicies.AsNoTracking().SingleAsync(p => p.OrganisationId == organisationId, cancellationToken);
            found = (organisation, policy);
            loaded[organisationId] = found;
        }
        return found;
    }

    /// <summary>Saves one cycle's work; a concurrency conflict means another sweep did it first, so it is dropped here.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            LogConflict(ex.Message);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // Two nodes opening the same next cycle: the unique (system, cycle) index stops the second.
    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycle {Cycle} of {System} opened on schedule.")]
    private partial void LogCycleOpened(string system, int cycle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Due work already done by another sweep: {Reason}")]
    private partial void LogConflict(string reason);
}
