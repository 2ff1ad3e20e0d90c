using Bunit;
using CoGov.Domain.Assessments;
using CoGov.Web.Components.Chasing;
using CoGov.Workflows.Chasing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Chasing;

public sealed class ChaseBoardSectionsTests : BunitContext
{
    private const string Organisation = "riverside-hospital";
    private static readonly DateTimeOffset Deadline = new(2026, 11, 17, 9, 30, 0, TimeSpan.Zero);

    public ChaseBoardSectionsTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static ChaseRow Row(string system, int number, int daysOverdue = 0, bool canChase = true, QuestionState state = QuestionState.Sent,
        DateTimeOffset? deadline = null, DateTimeOffset? waitingSince = null, int? extensionDays = null) =>
        new(system, system == "rostering" ? "ShiftWise Rostering" : "TrackPoint", 2, number, $"Question {number}'s text", state, "Daniel Reyes",
            state.IsWithManagement() ? deadline ?? Deadline : null, daysOverdue, waitingSince, extensionDays, canChase);

    private static ChaseBoard Board(bool workers = true) => new(
        "Riverside Municipal Hospital",
        workers,
        Overdue: [Row("rostering", 6, daysOverdue: 6), Row("rostering", 3, daysOverdue: 1, state: QuestionState.ClarificationRequested)],
        DueThisWeek: [Row("staff-monitoring", 8, deadline: Deadline.AddDays(13)), Row("rostering", 10, deadline: Deadline.AddDays(7), canChase: false)],
        WaitingOnUs:
        [
            Row("rostering", 4, canChase: false, state: QuestionState.Answered, waitingSince: Deadline),
            Row("rostering", 7, canChase: false, state: QuestionState.ExtensionRequested, waitingSince: Deadline.AddDays(1), extensionDays: 5),
        ],
        new ChaseTotals(2, 2, 2));

    private IRenderedComponent<ChaseBoardSections> RenderBoard(ChaseBoard board) =>
        Render<ChaseBoardSections>(p => p
            .Add(c => c.Board, board)
            .Add(c => c.OrganisationKey, Organisation));

    private static List<string> RowsOf(IRenderedComponent<ChaseBoardSections> board, string section) =>
        board.FindAll($"section[aria-labelledby={section}] li.cogov-chase-row").Select(li => li.GetAttribute("data-question")!).ToList();

    [Fact]
    public void TheThreeSectionsComeInOrderEachWithItsCount()
    {
        var board = RenderBoard(Board());

        Assert.Equal(["Overdue (2)", "Due this week (2)", "Waiting on us (2)"],
            board.FindAll("h2").Select(h => string.Join(' ', h.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void QuestionsNeedingReassignmentComeFirstFlaggedAndWithoutChasingButtons()
    {
        var board = RenderBoard(Board() with
        {
            NeedsReassignment = [Row("rostering", 9, canChase: false) with { Manager = "Kwame Asante", NeedsReassignment = true }],
            Totals = new ChaseTotals(2, 2, 2, 1),
        });

        Assert.Equal("Needs reassignment (1)", string.Join(' ', board.FindAll("h2")[0].TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var row = board.Find("section[aria-labelledby=chase-reassign] li.cogov-chase-row");
        Assert.Contains("Kwame Asante", row.TextContent);
        Assert.Contains("Not a member: reassign", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("button"));
        Assert.EndsWith("systems/rostering/cycles/2/questions/9", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void RowsKeepTheOrderTheQueryGaveThem()
    {
        var board = RenderBoard(Board());

        Assert.Equal(["rostering-2-6", "rostering-2-3"], RowsOf(board, "chase-overdue"));
        Assert.Equal(["staff-monitoring-2-8", "rostering-2-10"], RowsOf(board, "chase-due"));
        Assert.Equal(["rostering-2-4", "rostering-2-7"], RowsOf(board, "chase-waiting"));
    }

    [Fact]
    public void OverdueRowsSayHowManyDaysOverdue()
    {
        var board = RenderBoard(Board());

        var overdue = board.FindAll("section[aria-labelledby=chase-overdue] .cogov-overdue").Select(e => e.TextContent).ToList();
        Assert.Equal(["6 days overdue", "1 day overdue"], overdue);
        Assert.Empty(board.FindAll("section[aria-labelledby=chase-due] .cogov-overdue"));
    }

    [Fact]
    public void EachRowLinksToItsQuestionPageWithItsSystemCycleNumberAndText()
    {
        var board = RenderBoard(Board());

        var first = board.Find("li[data-question=rostering-2-6]");
        Assert.Equal("organisations/riverside-hospital/systems/rostering/cycles/2/questions/6", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("ShiftWise Rostering, cycle 2, question 6", first.TextContent);
        Assert.Contains("Question 6's text", first.TextContent);
        Assert.Contains("Daniel Reyes", first.TextContent);
    }

    [Fact]
    public void TheButtonsAreOnlyOnRowsTheQueryAllowsToBeChased()
    {
        var board = RenderBoard(Board());

        string[] chased = ["rostering-2-6", "rostering-2-3", "staff-monitoring-2-8"];
        foreach (var row in board.FindAll("li.cogov-chase-row"))
        {
            var buttons = row.QuerySelectorAll("button").Select(b => (b.TextContent.Trim(), b.GetAttribute("type"), b.GetAttribute("name"), b.GetAttribute("value"))).ToList();
            var id = row.GetAttribute("data-question");
            if (chased.Contains(id))
            {
                var question = id!.Replace("-2-", ":2:", StringComparison.Ordinal);
                Assert.Equal([("Remind now", "submit", "chase", $"remind:{question}"), ("Escalate", "submit", "chase", $"escalate:{question}")], buttons);
            }
            else
            {
                Assert.Empty(buttons);
            }
        }
    }

    [Fact]
    public void APressedButtonNamesItsActionAndQuestion()
    {
        var row = Board().Overdue[1];

        Assert.Equal(new ChasePress("remind", "rostering", 2, 3), ChaseBoardSections.Pressed(ChaseBoardSections.ButtonValue(ChaseBoardSections.Remind, row)));
        Assert.Equal(new ChasePress("escalate", "staff-monitoring", 1, 8), ChaseBoardSections.Pressed("escalate:staff-monitoring:1:8"));
        Assert.Null(ChaseBoardSections.Pressed("withdraw:rostering:2:6"));
        Assert.Null(ChaseBoardSections.Pressed("remind:rostering:2"));
        Assert.Null(ChaseBoardSections.Pressed("remind:rostering:two:6"));
        Assert.Null(ChaseBoardSections.Pressed(null));
    }

    [Fact]
    public void ASectionShowingOnlyItsFirstRowsSaysHowManyThereAreAndOffersThemAll()
    {
        var board = RenderBoard(Board() with { Totals = new ChaseTotals(250, 2, 2) });

        var overdue = board.Find("section[aria-labelledby=chase-overdue]");
        Assert.Contains("(250)", overdue.QuerySelector("h2")!.TextContent);
        Assert.Contains("The first 2 of 250 are shown.", overdue.QuerySelector(".cogov-more")!.TextContent);
        Assert.Equal("organisations/riverside-hospital/chase?all=true", overdue.QuerySelector(".cogov-more a")!.GetAttribute("href"));
        Assert.Single(board.FindAll(".cogov-more"));
    }

    [Fact]
    public void WhatWaitsOnTheWorkersSideSaysWhatIsToBeDone()
    {
        var board = RenderBoard(Board());

        Assert.Contains("review the answer", board.Find("li[data-question=rostering-2-4]").TextContent);
        Assert.Contains("Asked for 5 more working days", board.Find("li[data-question=rostering-2-7]").TextContent);
    }

    [Fact]
    public void AManagerSeesTheBoardWithoutButtonsAndWithTheWorkersSideNamed()
    {
        var none = Board(workers: false);
        var forManager = none with
        {
            Overdue = [.. none.Overdue.Select(r => r with { CanChase = false })],
            DueThisWeek = [.. none.DueThisWeek.Select(r => r with { CanChase = false })],
        };

        var board = RenderBoard(forManager);

        Assert.Empty(board.FindAll("button"));
        Assert.Contains("Waiting on the workers' side", board.Find("h2#chase-waiting").TextContent);
    }

    [Fact]
    public void AnEmptyBoardSaysSoInEachSection()
    {
        var board = RenderBoard(new ChaseBoard("Riverside Municipal Hospital", true, [], [], [], new ChaseTotals(0, 0, 0)));

        Assert.Equal(3, board.FindAll("p.cogov-empty").Count);
        Assert.Empty(board.FindAll("li"));
    }
}
