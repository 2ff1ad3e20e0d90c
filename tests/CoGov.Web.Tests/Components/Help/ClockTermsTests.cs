using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using CoGov.Domain.Policies;
using CoGov.Web.Components.Help;
using CoGov.Workflows.Policies;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Help;

public sealed class ClockTermsTests : BunitContext
{
    private static readonly PolicyTerms Riverside = new(
        "Europe/London",
        [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)],
        10,
        [new ThemeDays("data-protection-and-rights", "Data protection and rights", 15)],
        5,
        [5, 1],
        [EscalationStep.Superior, EscalationStep.CommitteeChairs],
        3,
        12,
        90);

    public ClockTermsTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
    }

    [Fact]
    public void TheTermsReadAsSentencesWithEachEscalationStepFurtherAfterTheDeadline()
    {
        var terms = Render<ClockTerms>(p => p.Add(c => c.Terms, Riverside));

        Assert.Equal("Monday to Friday in the Europe/London time zone, except 2 holidays. The holidays Friday, 25 December 2026 Monday, 28 December 2026",
            Text(terms.Find("[data-term=calendar]")));
        Assert.Equal("10 working days from when a question is sent. Data protection and rights: 15 working days", Text(terms.Find("[data-term=deadline]")));
        Assert.Equal("Asking for clarification gives the manager a fresh 5 working days to answer.", Text(terms.Find("[data-term=clarification]")));
        Assert.Equal("The manager, and anyone they delegated to, are reminded 5 and 1 working days before the deadline.", Text(terms.Find("[data-term=reminders]")));
        Assert.Equal(
            [
                "3 working days after the deadline, to the manager's named superior (the joint committee's chairs when they have none).",
                "6 working days after the deadline, to both chairs of the joint committee.",
            ],
            terms.FindAll("[data-term=escalation] li").Select(Text));
        Assert.Equal("A system is reassessed 12 months after both sides sign its cycle off; a cycle CoGov opens on schedule is due 90 days after it opens.",
            Text(terms.Find("[data-term=reassessment]")));
    }

    [Fact]
    public void SingleDaysAndMissingStepsReadAsSuch()
    {
        var terms = Render<ClockTerms>(p => p.Add(c => c.Terms, Riverside with
        {
            Holidays = [],
            DefaultDeadlineDays = 1,
            DeadlinesByTheme = [],
            ReminderDaysBeforeDue = [],
            Escalation = [],
        }));

        Assert.Equal("Monday to Friday in the Europe/London time zone; no holidays are listed.", Text(terms.Find("[data-term=calendar]")));
        Assert.Empty(terms.FindAll("details"));
        Assert.Equal("1 working day from when a question is sent.", Text(terms.Find("[data-term=deadline]")));
        Assert.Equal("None before the deadline.", Text(terms.Find("[data-term=reminders]")));
        Assert.Equal("The manager is told the answer is overdue.", Text(terms.Find("[data-term=escalation]")));
    }

    // Text nodes joined with spaces, as a reader hears them: a summary's words do not run into the sentence before it.
    private static string Text(AngleSharp.Dom.INode node) => Regex.Replace(string.Join(" ", TextNodes(node)), @"\s+", " ").Trim();

    private static IEnumerable<string> TextNodes(AngleSharp.Dom.INode node) =>
        node is AngleSharp.Dom.IText text ? [text.Data] : node.ChildNodes.SelectMany(TextNodes);
}
