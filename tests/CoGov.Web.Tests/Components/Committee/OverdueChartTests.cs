using System.Globalization;
using Bunit;
using CoGov.Web.Components.Committee;
using CoGov.Workflows.Committee;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Committee;

public sealed class OverdueChartTests : BunitContext
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public OverdueChartTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void TheLineRunsFromTheLeftOfThePlotToItsRightWithTheHighestCountAtTheTop()
    {
        // Three days: 0, 2, 4 overdue. The axis tops out at 4: y runs 130 (nought) to 10 (four).
        var chart = Render(Days(0, 2, 4));

        Assert.Equal("30,130 170,70 310,10", chart.Find("polyline.cogov-chart-line").GetAttribute("points"));
        var now = chart.Find("circle.cogov-chart-now");
        Assert.Equal(("310", "10"), (now.GetAttribute("cx"), now.GetAttribute("cy")));
    }

    [Fact]
    public void AnOddHighestCountGetsAnEvenAxisSoTheMiddleLineIsAWholeNumber()
    {
        var chart = Render(Days(0, 3));

        Assert.Equal(["0", "2", "4"], chart.FindAll("text.cogov-chart-y-label").Select(t => t.TextContent));
        Assert.Equal("30,130 310,40", chart.Find("polyline.cogov-chart-line").GetAttribute("points"));
    }

    [Fact]
    public void TheAxesAreLabelledWithCountsAndTheFirstMiddleAndLastDatesInThePersonsCulture()
    {
        var chart = Render(Days(Enumerable.Repeat(0, 84).Concat(Enumerable.Repeat(7, 6)).Append(8).ToArray()));

        Assert.Equal(["0", "4", "8"], chart.FindAll("text.cogov-chart-y-label").Select(t => t.TextContent));
        var dates = chart.FindAll("text.cogov-chart-x-label").ToList();
        Assert.Equal(["25/08/2026", "09/10/2026", "23/11/2026"], dates.Select(t => t.TextContent));
        Assert.Equal(["start", "middle", "end"], dates.Select(t => t.GetAttribute("text-anchor")));
        Assert.Equal(91, chart.Find("polyline").GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public void TheChartIsOneNamedAndDescribedImageWithTheNumbersInATableBesideIt()
    {
        var chart = Render(Days(Enumerable.Repeat(0, 84).Concat(Enumerable.Repeat(7, 6)).Append(8).ToArray()));

        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("overdue-chart-title overdue-chart-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Overdue questions over the last 90 days", chart.Find("#overdue-chart-title").TextContent);
        const string summary = "0 overdue on 25/08/2026 and 8 now, on 23/11/2026; the most was 8, first on 23/11/2026.";
        Assert.Equal(summary, chart.Find("#overdue-chart-desc").TextContent);
        Assert.Equal(summary, chart.Find("figcaption").TextContent);
        var rows = chart.FindAll(".cogov-chart-table tbody tr").Select(r => (r.Children[0].TextContent, r.Children[1].TextContent)).ToList();
        Assert.Equal(91, rows.Count);
        Assert.Equal(("25/08/2026", "0"), rows[0]);
        Assert.Equal(("17/11/2026", "7"), rows[84]);
        Assert.Equal(("23/11/2026", "8"), rows[^1]);
        Assert.Equal("2026-11-23", chart.FindAll(".cogov-chart-table time")[^1].GetAttribute("datetime"));
    }

    [Fact]
    public void WithNothingOverdueTheDescriptionSaysSoAndTheLineLiesOnTheAxis()
    {
        var chart = Render(Days(0, 0, 0));

        Assert.Equal("No question was overdue on any day from 21/11/2026 to 23/11/2026.", chart.Find("#overdue-chart-desc").TextContent);
        Assert.Equal(["0", "1"], chart.FindAll("text.cogov-chart-y-label").Select(t => t.TextContent));
        Assert.Equal("30,130 170,130 310,130", chart.Find("polyline").GetAttribute("points"));
    }

    [Fact]
    public void CoordinatesKeepAFullStopForDecimalsInALanguageThatWritesAComma()
    {
        var chart = Render(Days(0, 1, 3, 0), "fr-FR");

        // x steps of 93.33: SVG needs "123.33", never "123,33".
        Assert.Equal("30,130 123.33,100 216.67,40 310,130", chart.Find("polyline").GetAttribute("points"));
        Assert.Equal("23/11/2026", chart.FindAll("text.cogov-chart-x-label")[^1].TextContent);
    }

    /// <summary>Renders in the given culture (dates as a British or French reader sees them), restoring the test's own after.</summary>
    private IRenderedComponent<OverdueChart> Render(IReadOnlyList<OverduePoint> points, string culture = "en-GB")
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            return Render<OverdueChart>(p => p.Add(c => c.Points, points));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    /// <summary>One point per day, the last one on Monday 23 November 2026.</summary>
    private static List<OverduePoint> Days(params int[] counts) =>
        counts.Select((count, i) => new OverduePoint(Monday.AddDays(i - counts.Length + 1), count)).ToList();
}
