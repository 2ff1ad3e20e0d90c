using Bunit;
using CoGov.Domain.Assessments;
using CoGov.Web.Components.Committee;
using CoGov.Workflows.Committee;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Committee;

public sealed class CommitteeGridTests : BunitContext
{
    private static readonly GridTheme[] Themes = [new("transparency", "Transparency"), new("redress", "Right of Redress"), new("harms", "Harms and benefits")];

    public CommitteeGridTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void EachCellSaysItsStandingInWordsAndCountsAndCarriesTheColourOfThatStanding()
    {
        var grid = Render(Grid(
            new SystemRow("rostering", "ShiftWise Rostering", 2, AssessmentState.AwaitingAnswers,
            [
                new ThemeCell("transparency", 4, Settled: 2, Challenged: 0, Overdue: 1, AwaitingReview: 1, AwaitingAnswers: 0, NotSent: 0),
                new ThemeCell("redress", 3, Settled: 0, Challenged: 1, Overdue: 0, AwaitingReview: 0, AwaitingAnswers: 2, NotSent: 0),
                new ThemeCell("harms", 2, Settled: 2, Challenged: 0, Overdue: 0, AwaitingReview: 0, AwaitingAnswers: 0, NotSent: 0),
            ]),
            new SystemRow("screening", "CandidateMatch", 1, AssessmentState.Open,
            [
                new ThemeCell("transparency", 4, 0, 0, 0, 0, 0, NotSent: 4),
                new ThemeCell("redress", 1, 0, 0, 0, AwaitingReview: 1, 0, 0),
                ThemeCell.Empty with { ThemeKey = "harms" },
            ])));

        string Cell(string system, string theme, out string @class)
        {
            var cell = grid.Find($"tr[data-system={system}] td[data-theme={theme}]");
            @class = cell.ClassName!;
            return string.Join(" | ", cell.Children.Select(c => c.TextContent.Trim()));
        }

        Assert.Equal("Overdue | 1 overdue | 1 awaiting review | 2 of 4 settled", Cell("rostering", "transparency", out var overdue));
        Assert.Contains("cogov-cell-overdue", overdue);
        Assert.Equal("Challenged | 1 challenged | 2 awaiting answer | 0 of 3 settled", Cell("rostering", "redress", out var challenged));
        Assert.Contains("cogov-cell-challenged", challenged);
        Assert.Equal("Settled | 2 of 2 settled", Cell("rostering", "harms", out var settled));
        Assert.Contains("cogov-cell-settled", settled);
        Assert.Equal("Not sent | 4 not sent | 0 of 4 settled", Cell("screening", "transparency", out var notSent));
        Assert.Contains("cogov-cell-not-sent", notSent);
        Assert.Equal("Awaiting review | 1 awaiting review | 0 of 1 settled", Cell("screening", "redress", out var review));
        Assert.Contains("cogov-cell-review", review);
        Assert.Equal("No questions", Cell("screening", "harms", out var none));
        Assert.Contains("cogov-cell-none", none);
    }

    [Fact]
    public void EveryStandingHasAColourOfItsOwnAndAWordInTheLegend()
    {
        var classes = Enum.GetValues<ThemeStanding>().Select(CommitteeGrid.CellClass).ToList();

        Assert.Equal(classes.Count, classes.Distinct().Count());
        var grid = Render(Grid());
        var legend = grid.FindAll(".cogov-legend li").Select(li => li.TextContent).ToList();
        Assert.Equal(Enum.GetValues<ThemeStanding>().Length, legend.Count);
        Assert.Contains(legend, l => l.StartsWith("Challenged:", StringComparison.Ordinal));
        Assert.Contains(legend, l => l.StartsWith("Settled:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTotalsAndEachRowsTotalsAreShown()
    {
        var grid = Render(Grid(
            new SystemRow("rostering", "ShiftWise Rostering", 2, AssessmentState.AwaitingAnswers,
            [
                new ThemeCell("transparency", 4, 2, 0, 1, 1, 0, 0),
                new ThemeCell("redress", 3, 0, 1, 0, 0, 2, 0),
                new ThemeCell("harms", 2, 2, 0, 0, 0, 0, 0),
            ])) with { Totals = new DashboardTotals(27, 8, 1) });

        Assert.Equal("27", grid.Find("[data-total=open] .cogov-total-number").TextContent);
        Assert.Equal("8", grid.Find("[data-total=overdue] .cogov-total-number").TextContent);
        Assert.Equal("1", grid.Find("[data-total=challenged] .cogov-total-number").TextContent);
        Assert.Equal("organisations/riverside-hospital/committee/agenda", grid.Find("[data-total=challenged] a").GetAttribute("href"));
        Assert.Equal("5 open · 1 overdue · 1 challenged", grid.Find("tr[data-system=rostering] [data-row-totals]").TextContent.Trim());
    }

    [Fact]
    public void TheGridHasAHeaderPerThemeAndLinksEachSystemToItsCycleInsideAScrollingRegionTheKeyboardReaches()
    {
        var grid = Render(Grid(new SystemRow("rostering", "ShiftWise Rostering", 2, AssessmentState.AwaitingAnswers,
            Themes.Select(t => ThemeCell.Empty with { ThemeKey = t.Key }).ToList())));

        Assert.Equal(["System", "Transparency", "Right of Redress", "Harms and benefits"], grid.FindAll("thead th[scope=col]").Select(th => th.TextContent));
        var region = grid.Find(".cogov-grid-scroll");
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("Co-Governance (version 1)", grid.Find($"#{region.GetAttribute("aria-labelledby")}").TextContent);
        var system = grid.Find("tr[data-system=rostering] th[scope=row] a");
        Assert.Equal("ShiftWise Rostering", system.TextContent);
        Assert.Equal("organisations/riverside-hospital/systems/rostering?cycle=2", system.GetAttribute("href"));
    }

    [Fact]
    public void SystemsNotAssessedYetAreNamedUnderTheGrids()
    {
        var grid = Render(Grid() with { NotAssessed = [new UnassessedSystem("badges", "Badge Reader")] });

        Assert.Equal("Not assessed yet", grid.Find(".cogov-not-assessed h3").TextContent);
        var system = grid.Find(".cogov-not-assessed li a");
        Assert.Equal(("Badge Reader", "organisations/riverside-hospital/systems/badges"), (system.TextContent, system.GetAttribute("href")));
    }

    private IRenderedComponent<CommitteeGrid> Render(GridInput input) =>
        Render<CommitteeGrid>(p => p
            .Add(c => c.OrganisationKey, "riverside-hospital")
            .Add(c => c.Totals, input.Totals)
            .Add(c => c.Grids, input.Grids)
            .Add(c => c.NotAssessed, input.NotAssessed));

    private static GridInput Grid(params SystemRow[] rows) =>
        new(new DashboardTotals(0, 0, 0), [new QuestionnaireGrid("psi", 1, "Co-Governance", Themes, rows)], []);

    private sealed record GridInput(DashboardTotals Totals, IReadOnlyList<QuestionnaireGrid> Grids, IReadOnlyList<UnassessedSystem> NotAssessed);
}
