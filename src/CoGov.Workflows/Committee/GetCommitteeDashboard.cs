using CoGov.Domain.Assessments;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Committee;

/// <summary>
/// The joint committee's dashboard: where every theme of every system's newest cycle stands, how many questions are open,
/// overdue and challenged, how the number of overdue questions moved over the last 90 days, and what falls due in the next 90.
/// </summary>
public sealed record GetCommitteeDashboard(string OrganisationKey) : IQuery<CommitteeDashboard>, IOrganisationRequest;

/// <param name="Grids">One grid per questionnaire in use, since each questionnaire has its own themes.</param>
/// <param name="NotAssessed">Systems with no cycle yet, which have no themes to show.</param>
/// <param name="OverdueHistory">The number of questions overdue at this time of day on each day, oldest first, ending now.</param>
/// <param name="Upcoming">Open cycles due and reassessments scheduled to open in the next 90 days (or already past), soonest first.</param>
public sealed record CommitteeDashboard(
    string OrganisationName,
    DashboardTotals Totals,
    IReadOnlyList<QuestionnaireGrid> Grids,
    IReadOnlyList<UnassessedSystem> NotAssessed,
    IReadOnlyList<OverduePoint> OverdueHistory,
    IReadOnlyList<UpcomingCycle> Upcoming);

/// <param name="Open">Questions sent and not yet settled, in every cycle not signed off.</param>
public sealed record DashboardTotals(int Open, int Overdue, int Challenged);

public sealed record QuestionnaireGrid(string TemplateKey, int TemplateVersion, string Title, IReadOnlyList<GridTheme> Themes, IReadOnlyList<SystemRow> Systems);

public sealed record GridTheme(string Key, string Title);

/// <param name="Cells">One per theme of the grid, in the grid's order.</param>
public sealed record SystemRow(string SystemKey, string SystemName, int Cycle, AssessmentState State, IReadOnlyList<ThemeCell> Cells)
{
    public int Open => Cells.Sum(c => c.Open);
    public int Overdue => Cells.Sum(c => c.Overdue);
    public int Challenged => Cells.Sum(c => c.Challenged);
}

public sealed record UnassessedSystem(string SystemKey, string SystemName);

/// <summary>
/// Where one theme's questions of one cycle stand. Each question is counted once, in the first of: settled (accepted,
/// resolved or withdrawn), challenged, overdue, awaiting review (answered, or more time asked), awaiting an answer, not sent.
/// </summary>
public sealed record ThemeCell(string ThemeKey, int Questions, int Settled, int Challenged, int Overdue, int AwaitingReview, int AwaitingAnswers, int NotSent)
{
    public static readonly ThemeCell Empty = new("", 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Sent and not settled.</summary>
    public int Open => Challenged + Overdue + AwaitingReview + AwaitingAnswers;

    /// <summary>
    /// The one word for the cell: what most needs the committee's attention comes first, so a challenge is never hidden
    /// behind an overdue answer and a cell is settled only when every question is.
    /// </summary>
    public ThemeStanding Standing =>
        Questions == 0 ? ThemeStanding.None
        : Settled == Questions ? ThemeStanding.Settled
        : Challenged > 0 ? ThemeStanding.Challenged
        : Overdue > 0 ? ThemeStanding.Overdue
        : AwaitingReview > 0 ? ThemeStanding.AwaitingReview
        : AwaitingAnswers > 0 ? ThemeStanding.AwaitingAnswers
        : ThemeStanding.NotSent;
}

public enum ThemeStanding
{
    /// <summary>The cycle has no question in the theme.</summary>
    None,
    Settled,
    Challenged,
    Overdue,
    AwaitingReview,
    AwaitingAnswers,
    NotSent,
}

public sealed record OverduePoint(DateTimeOffset At, int Count);

public enum UpcomingKind
{
    /// <summary>An open cycle's due date.</summary>
    Due,

    /// <summary>A reassessment CoGov opens on schedule.</summary>
    Opens,
}

/// <param name="IsPast">The date has passed: the cycle is late, or the sweep is about to open the reassessment.</param>
public sealed record UpcomingCycle(string SystemKey, string SystemName, int Cycle, UpcomingKind Kind, DateTimeOffset At, AssessmentState? State, bool IsPast);

public sealed class GetCommitteeDashboardHandler(CoGovDbContext db, TimeProvider clock) : IQueryHandler<GetCommitteeDashboard, CommitteeDashboard>
{
    /// <summary>How far back the overdue chart looks and how far ahead the list of cycles due does.</summary>
    public const int WindowDays = 90;

    public async ValueTask<CommitteeDashboard> Handle(GetCommitteeDashboard query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var now = clock.GetUtcNow();

        var systems = await db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisation.Id)
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Key,
                s.Name,
                s.NextCycleOpensAt,
                Newest = db.Assessments.Where(a => a.SystemId == s.Id).OrderByDescending(a => a.Cycle)
                    .Select(a => new { a.Id, a.Cycle, a.State, a.DueAt, a.TemplateId })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var newest = systems.Where(s => s.Newest is not null).Select(s => s.Newest!).ToList();
        var newestIds = newest.Select(a => a.Id).ToList();
        var templateIds = newest.Select(a => a.TemplateId).Distinct().ToList();

        // Only the columns the cells need: a few hundred narrow rows for twenty systems.
        var questions = await db.QuestionItems.AsNoTracking()
            .Where(q => newestIds.Contains(q.AssessmentId))
            .Select(q => new { q.AssessmentId, q.ThemeKey, q.State, q.Deadline })
            .ToListAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking()
            .Where(t => templateIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Key, t.Version, t.Title })
            .ToListAsync(cancellationToken);
        var themes = await db.Set<Theme>().AsNoTracking()
            .Where(t => templateIds.Contains(t.TemplateId))
            .OrderBy(t => t.Order)
            .Select(t => new { t.TemplateId, t.Key, t.Title })
            .ToListAsync(cancellationToken);

        var cellsByCycle = questions
            .GroupBy(q => q.AssessmentId)
            .ToDictionary(g => g.Key, g => g.GroupBy(q => q.ThemeKey).ToDictionary(t => t.Key, t => CellOf(t.Key, t.Select(q => (q.State, q.Deadline)), now)));
        var language = organisation.Language;
        var grids = templates
            .OrderBy(t => t.Title.In(language), StringComparer.CurrentCulture).ThenBy(t => t.Version)
            .Select(template =>
            {
                var gridThemes = themes.Where(t => t.TemplateId == template.Id).Select(t => new GridTheme(t.Key, t.Title.In(language))).ToList();
                var rows = systems
                    .Where(s => s.Newest?.TemplateId == template.Id)
                    .Select(s =>
                    {
                        var cells = cellsByCycle.GetValueOrDefault(s.Newest!.Id);
                        return new SystemRow(s.Key, s.Name, s.Newest.Cycle, s.Newest.State,
                            gridThemes.Select(t => cells?.GetValueOrDefault(t.Key) ?? ThemeCell.Empty with { ThemeKey = t.Key }).ToList());
                    })
                    .ToList();
                return new QuestionnaireGrid(template.Key, template.Version, template.Title.In(language), gridThemes, rows);
            })
            .ToList();

        var totals = await TotalsAsync(organisation.Id, now, cancellationToken);
        var history = await OverdueHistoryAsync(organisation.Id, now, cancellationToken);

        var horizon = now.AddDays(WindowDays);
        var upcoming = systems
            .Where(s => s.Newest is { State: not AssessmentState.SignedOff } open && open.DueAt <= horizon)
            .Select(s => new UpcomingCycle(s.Key, s.Name, s.Newest!.Cycle, UpcomingKind.Due, s.Newest.DueAt, s.Newest.State, s.Newest.DueAt < now))
            .Concat(systems
                .Where(s => s.NextCycleOpensAt <= horizon)
                .Select(s => new UpcomingCycle(s.Key, s.Name, (s.Newest?.Cycle ?? 0) + 1, UpcomingKind.Opens, s.NextCycleOpensAt!.Value, null, s.NextCycleOpensAt < now)))
            .OrderBy(u => u.At).ThenBy(u => u.SystemName, StringComparer.CurrentCulture)
            .ToList();

        return new CommitteeDashboard(
            organisation.Name,
            totals,
            grids,
            systems.Where(s => s.Newest is null).Select(s => new UnassessedSystem(s.Key, s.Name)).ToList(),
            history,
            upcoming);
    }

    internal static ThemeCell CellOf(string themeKey, IEnumerable<(QuestionState State, DateTimeOffset? Deadline)> questions, DateTimeOffset now)
    {
        int total = 0, settled = 0, challenged = 0, overdue = 0, review = 0, answers = 0, notSent = 0;
        foreach (var (state, deadline) in questions)
        {
            total++;
            if (state.IsSettled()) settled++;
            else if (state == QuestionState.Challenged) challenged++;
            else if (QuestionItem.IsOverdueAt(state, deadline, now)) overdue++;
            else if (state.IsWithWorkers()) review++;
            else if (state.IsWithManagement()) answers++;
            else notSent++;
        }
        return new ThemeCell(themeKey, total, settled, challenged, overdue, review, answers, notSent);
    }

    /// <summary>
    /// Counted in SQL over every cycle not yet signed off, so an older cycle still open is not missed: a count per state,
    /// read as the model reads states, and the model's overdue test.
    /// </summary>
    private async Task<DashboardTotals> TotalsAsync(Guid organisationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inOpenCycles = db.QuestionItems.AsNoTracking()
            .Where(q => db.Assessments.Any(a => a.Id == q.AssessmentId && a.OrganisationId == organisationId && a.State != AssessmentState.SignedOff));
        var byState = await inOpenCycles
            .GroupBy(q => q.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var overdue = await inOpenCycles.CountAsync(QuestionItem.OverdueAt(now), cancellationToken);
        return new DashboardTotals(
            byState.Where(s => s.State.IsOpen()).Sum(s => s.Count),
            overdue,
            byState.Where(s => s.State == QuestionState.Challenged).Sum(s => s.Count));
    }

    /// <summary>
    /// How many questions were overdue at this time of day on each of the last 90 days, from the log alone: a question is
    /// overdue from its Overdue entry until its next Answered, ExtensionRequested, Withdrawn, Sent or ClarificationRequested
    /// entry. A refused extension resumes the old deadline without a new Overdue entry (the notice was already given), so
    /// it reopens the spell an extension request closed.
    /// </summary>
    private async Task<IReadOnlyList<OverduePoint>> OverdueHistoryAsync(Guid organisationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now.AddDays(-WindowDays);
        // Cycles signed off before the window cannot have had an overdue question in it. Of the rest only the few kinds
        // of entry that open or close a spell are read, four narrow columns each: a handful per question, where
        // reminders and escalations (most of a busy log) stay in the database.
        var entries = await db.LogEntries.AsNoTracking()
            .Where(e => e.QuestionNumber != null && e.At <= now
                && db.Assessments.Any(a => a.Id == e.AssessmentId && a.OrganisationId == organisationId
                    && (a.State != AssessmentState.SignedOff || a.LastActivityAt >= from))
                && (e.Kind == LogEntryKind.Overdue || e.Kind == LogEntryKind.Answered || e.Kind == LogEntryKind.ExtensionRequested
                    || e.Kind == LogEntryKind.ExtensionRefused || e.Kind == LogEntryKind.Withdrawn || e.Kind == LogEntryKind.Sent
                    || e.Kind == LogEntryKind.ClarificationRequested))
            .OrderBy(e => e.AssessmentId).ThenBy(e => e.Sequence)
            .Select(e => new { e.AssessmentId, e.QuestionNumber, e.Kind, e.At })
            .ToListAsync(cancellationToken);
        var spells = OverdueSpells(entries.Select(e => (e.AssessmentId, e.QuestionNumber!.Value, e.Kind, e.At)));
        return CountByDay(spells, now, WindowDays);
    }

    /// <summary>The spells during which each question was overdue; an open spell ends at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    /// <param name="entries">Each question's entries in log order.</param>
    internal static IReadOnlyList<(DateTimeOffset From, DateTimeOffset Until)> OverdueSpells(
        IEnumerable<(Guid AssessmentId, int Number, LogEntryKind Kind, DateTimeOffset At)> entries)
    {
        var spells = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var question in entries.GroupBy(e => (e.AssessmentId, e.Number)))
        {
            DateTimeOffset? overdueSince = null;
            var pausedByExtension = false;
            foreach (var entry in question)
            {
                switch (entry.Kind)
                {
                    case LogEntryKind.Overdue:
                        overdueSince ??= entry.At;
                        pausedByExtension = false;
                        break;
                    case LogEntryKind.ExtensionRefused when pausedByExtension:
                        overdueSince = entry.At;
                        pausedByExtension = false;
                        break;
                    case LogEntryKind.ExtensionRefused:
                        break;
                    default:
                        if (overdueSince is { } since)
                        {
                            spells.Add((since, entry.At));
                        }
                        pausedByExtension = overdueSince is not null && entry.Kind == LogEntryKind.ExtensionRequested;
                        overdueSince = null;
                        break;
                }
            }
            if (overdueSince is { } open)
            {
                spells.Add((open, DateTimeOffset.MaxValue));
            }
        }
        return spells;
    }

    /// <summary>One point per day from <paramref name="days"/> days ago to now, each counting the spells that cover its moment.</summary>
    internal static IReadOnlyList<OverduePoint> CountByDay(IReadOnlyList<(DateTimeOffset From, DateTimeOffset Until)> spells, DateTimeOffset now, int days) =>
        Enumerable.Range(0, days + 1)
            .Select(i => now.AddDays(i - days))
            .Select(at => new OverduePoint(at, spells.Count(s => s.From <= at && at < s.Until)))
            .ToList();
}
