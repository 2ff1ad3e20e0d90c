using System.Globalization;
using AngleSharp.Dom;
using CoGov.Web.Downloads;
using CoGov.Web.Tests.Calendar;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Systems;
using CsvHelper;

namespace CoGov.Web.Tests.Downloads;

/// <summary>
/// Each CSV download, fetched from the link on its page over real HTTP, holds the rows that page shows (and the query
/// behind it returns), headed in words, as a spreadsheet reads it: UTF-8 with a BOM, CRLF, RFC 4180 quoting.
/// </summary>
public sealed class CsvDownloadTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Org = DemoLogins.Organisation;

    [Fact]
    public async Task TheCycleCsvHoldsEveryQuestionThePageListsWithItsManagerDelegateDeadlineAndAnswer()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await CoGovWebApp.ParseAsync(await steward.GetAsync(CoGov.Web.Components.Pages.Systems.SystemQuestions.Url(Org, "rostering", 2)));
        var csv = await CsvDownloadFile.GetAsync(steward, DownloadLink(page, CsvDownloads.CycleUrl(Org, "rostering", 2)));
        var view = (SystemQuestions)(await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Steward, new GetSystemQuestions(Org, "rostering", 2)))!;
        var cycle = view.Cycle!;

        Assert.Equal($"{Org}-rostering-cycle-2-2026-11-23.csv", csv.FileName);
        Assert.Equal(
            page.QuerySelectorAll("li.cogov-question").Select(li => li.GetAttribute("value")!),
            csv.Column("Number"));
        var questions = cycle.Themes.SelectMany(t => t.Questions.Select(q => (Theme: t.Title, Question: q))).ToList();
        Assert.Equal(
            questions.Select(q => (q.Question.Number.ToString(CultureInfo.InvariantCulture), q.Theme, q.Question.Text, q.Question.State.ToString(),
                q.Question.Assignee ?? "", q.Question.Delegate ?? "", q.Question.Answer ?? "")),
            csv.Rows.Select(r => (r["Number"], r["Theme"], r["Question"], r["State"], r["Accountable manager"], r["Delegate"], r["Answer"])));
        Assert.Contains(csv.Rows, r => r["Answer"].Length > 0);

        // Deadlines read on the organisation's clock, which its header names.
        var zone = cycle.TimeZone;
        var deadline = $"Deadline ({zone.Id})";
        Assert.Contains(deadline, csv.Headers);
        Assert.Equal(
            questions.Select(q => q.Question.Deadline is { } d ? TimeZoneInfo.ConvertTime(d, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : ""),
            csv.Column(deadline));
        Assert.Contains(csv.Column(deadline), d => d.Length > 0);
    }

    [Fact]
    public async Task TheChaseBoardCsvHoldsEveryRowOfEverySectionNotOnlyThePagesFirst()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await CoGovWebApp.ParseAsync(await steward.GetAsync(CoGov.Web.Components.Pages.Chasing.Chase.Url(Org)));
        var csv = await CsvDownloadFile.GetAsync(steward, DownloadLink(page, CsvDownloads.ChaseBoardUrl(Org)));
        var all = await CoGovWebApp.ParseAsync(await steward.GetAsync(CoGov.Web.Components.Pages.Chasing.Chase.Url(Org, all: true)));
        var board = (ChaseBoard)(await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Steward, new GetChaseBoard(Org)))!;
        var rows = board.NeedsReassignment.Concat(board.Overdue).Concat(board.DueThisWeek).Concat(board.WaitingOnUs).ToList();

        Assert.Equal($"{Org}-chase-board-2026-11-23.csv", csv.FileName);
        Assert.NotEmpty(rows);
        // The page with every row lists the same questions in the same order.
        Assert.Equal(rows.Select(r => $"{r.SystemKey}-{r.Cycle}-{r.Number}"), all.QuerySelectorAll("li.cogov-chase-row").Select(li => li.GetAttribute("data-question")!));
        Assert.Equal(
            rows.Select(r => (r.SystemName, r.Cycle.ToString(CultureInfo.InvariantCulture), r.Number.ToString(CultureInfo.InvariantCulture), r.QuestionText, r.Manager ?? "", r.DaysOverdue.ToString(CultureInfo.InvariantCulture))),
            csv.Rows.Select(r => (r["System"], r["Cycle"], r["Number"], r["Question"], r["Accountable manager"], r["Days overdue"])));
        Assert.Equal(
            Enumerable.Repeat("Needs reassignment", board.Totals.NeedsReassignment).Concat(Enumerable.Repeat("Overdue", board.Totals.Overdue))
                .Concat(Enumerable.Repeat("Due this week", board.Totals.DueThisWeek)).Concat(Enumerable.Repeat("Waiting on us", board.Totals.WaitingOnUs)),
            csv.Column("Section"));
    }

    [Fact]
    public async Task TheCommitteeCsvHoldsEveryCellOfThePagesThemesBySystemWithItsCounts()
    {
        using var chair = await app.SignedInClientAsync(DemoLogins.WorkersChair);
        var page = await CoGovWebApp.ParseAsync(await chair.GetAsync(CoGov.Web.Components.Pages.Committee.Dashboard.Url(Org)));
        var csv = await CsvDownloadFile.GetAsync(chair, DownloadLink(page, CsvDownloads.CommitteeUrl(Org)));
        var dashboard = (CommitteeDashboard)(await CalendarFeedSteps.SendAsAsync(app, DemoLogins.WorkersChair, new GetCommitteeDashboard(Org)))!;

        Assert.Equal($"{Org}-committee-2026-11-23.csv", csv.FileName);
        var cells = page.QuerySelectorAll("table.cogov-grid").SelectMany(table =>
        {
            var themes = table.QuerySelectorAll("thead th[data-theme]").ToDictionary(th => th.GetAttribute("data-theme")!, th => th.TextContent.Trim());
            return table.QuerySelectorAll("tbody tr").SelectMany(tr => tr.QuerySelectorAll("td[data-theme]").Select(td =>
                (System: tr.QuerySelector("th a")!.TextContent.Trim(), Theme: themes[td.GetAttribute("data-theme")!], Standing: td.GetAttribute("data-standing")!)));
        }).ToList();
        Assert.NotEmpty(cells);
        Assert.Equal(cells, csv.Rows.Select(r => (r["System"], r["Theme"], r["Standing"])));

        var counts = dashboard.Grids.SelectMany(g => g.Systems.SelectMany(s => s.Cells.Select(c =>
            string.Join(',', c.Questions, c.Settled, c.Challenged, c.Overdue, c.AwaitingReview, c.AwaitingAnswers, c.NotSent, c.Open))));
        Assert.Equal(counts, csv.Rows.Select(r => string.Join(',', r["Questions"], r["Settled"], r["Challenged"], r["Overdue"], r["Awaiting review"], r["Awaiting answers"], r["Not sent"], r["Open"])));
        Assert.Equal(dashboard.Grids.Sum(g => g.Systems.Sum(s => s.Open)), csv.Column("Open").Sum(int.Parse));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void ACellAFormulaCouldStartWithIsWrittenAsTextBehindASingleQuote(string typed)
    {
        var bytes = CsvFile.Write([new CsvColumn<string>("Answer", a => a)], [typed, "plain, with \"quotes\""]);

        using var reader = CsvReader.Create(bytes);
        Assert.True(reader.Read());
        Assert.Equal("'" + typed, reader.GetString(0));
        Assert.True(reader.Read());
        Assert.Equal("plain, with \"quotes\"", reader.GetString(0));
    }

    /// <summary>The page's link to the download, which must be the endpoint's own address.</summary>
    private static string DownloadLink(IParentNode page, string expected)
    {
        var link = page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Single(href => href.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Equal(expected, link);
        return "/" + link;
    }
}
