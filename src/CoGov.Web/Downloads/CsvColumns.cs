using System.Globalization;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Systems;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Downloads;

/// <summary>A question of a cycle, with the theme it is under.</summary>
public sealed record CycleCsvRow(ThemeQuestions Theme, QuestionRow Question);

/// <summary>A row of the chase board, with the section it is listed in.</summary>
public sealed record ChaseCsvRow(string Section, ChaseRow Row);

/// <summary>One cell of the committee's grid: where one theme of one system's newest cycle stands.</summary>
public sealed record CommitteeCsvRow(QuestionnaireGrid Grid, SystemRow System, GridTheme Theme, ThemeCell Cell);

/// <summary>
/// The columns of each download, headed in the reader's language. Values stay plain for a spreadsheet: numbers as
/// digits, states by their names, times as sortable text (yyyy-MM-dd HH:mm) rather than in the reader's date format.
/// </summary>
public sealed class CsvColumns(IStringLocalizer<CsvColumns> L)
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm";

    /// <summary>The questions and answers of one cycle; times in the organisation's time zone, as its people read deadlines.</summary>
    public IReadOnlyList<CsvColumn<CycleCsvRow>> Cycle(CycleQuestions cycle) =>
    [
        new(L["Number"], r => Number(r.Question.Number)),
        new(L["Theme"], r => r.Theme.Title),
        new(L["Question"], r => r.Question.Text),
        new(L["State"], r => r.Question.State.ToString()),
        new(L["Accountable manager"], r => r.Question.Assignee),
        new(L["Delegate"], r => r.Question.Delegate),
        new(L["Deadline ({0})", cycle.TimeZone.Id], r => Local(r.Question.Deadline, cycle.TimeZone)),
        new(L["Answer"], r => r.Question.Answer),
        new(L["Answered at ({0})", cycle.TimeZone.Id], r => Local(r.Question.AnsweredAt, cycle.TimeZone)),
    ];

    /// <summary>The rows of the chase board, section by section in the page's order.</summary>
    public IReadOnlyList<ChaseCsvRow> ChaseRows(ChaseBoard board) =>
    [
        .. board.NeedsReassignment.Select(r => new ChaseCsvRow(L["Needs reassignment"], r)),
        .. board.Overdue.Select(r => new ChaseCsvRow(L["Overdue"], r)),
        .. board.DueThisWeek.Select(r => new ChaseCsvRow(L["Due this week"], r)),
        .. board.WaitingOnUs.Select(r => new ChaseCsvRow(board.ViewerIsWorkersSide ? L["Waiting on us"] : L["Waiting on the workers' side"], r)),
    ];

    /// <summary>The chase board's columns; the board carries no time zone, so its times are UTC and say so.</summary>
    public IReadOnlyList<CsvColumn<ChaseCsvRow>> ChaseBoard() =>
    [
        new(L["Section"], r => r.Section),
        new(L["System"], r => r.Row.SystemName),
        new(L["Cycle"], r => Number(r.Row.Cycle)),
        new(L["Number"], r => Number(r.Row.Number)),
        new(L["Question"], r => r.Row.QuestionText),
        new(L["State"], r => r.Row.State.ToString()),
        new(L["Accountable manager"], r => r.Row.Manager),
        new(L["Deadline (UTC)"], r => Local(r.Row.Deadline, TimeZoneInfo.Utc)),
        new(L["Days overdue"], r => Number(r.Row.DaysOverdue)),
        new(L["Waiting since (UTC)"], r => Local(r.Row.WaitingSince, TimeZoneInfo.Utc)),
        new(L["Working days asked"], r => r.Row.RequestedExtensionDays is { } days ? Number(days) : null),
    ];

    /// <summary>Every cell of the committee's grids, system by system and theme by theme, as the page lists them.</summary>
    public static IEnumerable<CommitteeCsvRow> CommitteeRows(CommitteeDashboard dashboard) =>
        from grid in dashboard.Grids
        from system in grid.Systems
        from pair in grid.Themes.Zip(system.Cells)
        select new CommitteeCsvRow(grid, system, pair.First, pair.Second);

    public IReadOnlyList<CsvColumn<CommitteeCsvRow>> Committee() =>
    [
        new(L["Questionnaire"], r => r.Grid.Title),
        new(L["Version"], r => Number(r.Grid.TemplateVersion)),
        new(L["System"], r => r.System.SystemName),
        new(L["Cycle"], r => Number(r.System.Cycle)),
        new(L["Cycle state"], r => r.System.State.ToString()),
        new(L["Theme"], r => r.Theme.Title),
        new(L["Standing"], r => r.Cell.Standing.ToString()),
        new(L["Questions"], r => Number(r.Cell.Questions)),
        new(L["Settled"], r => Number(r.Cell.Settled)),
        new(L["Challenged"], r => Number(r.Cell.Challenged)),
        new(L["Overdue"], r => Number(r.Cell.Overdue)),
        new(L["Awaiting review"], r => Number(r.Cell.AwaitingReview)),
        new(L["Awaiting answers"], r => Number(r.Cell.AwaitingAnswers)),
        new(L["Not sent"], r => Number(r.Cell.NotSent)),
        new(L["Open"], r => Number(r.Cell.Open)),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Local(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString(TimeFormat, CultureInfo.InvariantCulture) : null;
}
