using Bunit;
using CoGov.Web.Components.Records;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RecordData = CoGov.Workflows.Records.AssessmentRecord;

namespace CoGov.Web.Tests.Components.Records;

public sealed class AssessmentRecordTests : BunitContext
{
    public AssessmentRecordTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void EveryThemeAndEveryQuestionAppearsInTheQuestionnairesOrderWithItsAnswer()
    {
        // Dates are written in the reader's culture.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var record = Render(RecordBuilder.Record());

        Assert.Equal(Enumerable.Range(1, 7).Select(t => $"Theme {t} title"), record.FindAll(".doc-theme > h2").Select(h => h.TextContent));
        var questions = record.FindAll(".doc-question");
        Assert.Equal(Enumerable.Range(1, 19).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), questions.Select(q => q.GetAttribute("data-number")));
        Assert.All(questions.Select((q, i) => (q, Number: i + 1)), x =>
        {
            Assert.Equal($"{x.Number}. {RecordBuilder.QuestionText(x.Number)}", x.q.QuerySelector("h3")!.TextContent);
            Assert.Equal(RecordBuilder.AnswerText(x.Number), x.q.QuerySelector(".doc-answer")!.TextContent.Trim());
            Assert.Contains("Accepted", x.q.QuerySelector(".doc-question-state")!.TextContent, StringComparison.Ordinal);
        });
        // Question 4's clarification and challenge, in one line with their dates; the others say there was none.
        Assert.Equal("Clarification asked 4 September 2026; challenged 7 September 2026.", Summary(record, 4), ignoreCase: true);
        Assert.Equal("No clarification, challenge or request for more time.", Summary(record, 5));
    }

    [Fact]
    public void TheCoverNamesTheOrganisationSystemCycleDatesAndBothSidesOfTheCommitteeAndTheDocumentItsLanguage()
    {
        var record = Render(RecordBuilder.Record());

        var cover = record.Find(".doc-cover");
        Assert.Equal("Riverside Municipal Hospital", cover.QuerySelector(".doc-kicker")!.TextContent);
        Assert.Equal("Assessment record: ShiftWise Rostering", cover.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Leila Haddad, Branch secretary (chair)", "Amara Okafor, Steward"], record.FindAll("[data-side=workers] li").Select(li => li.TextContent));
        Assert.Equal(["Helen Marsh, Chief Operating Officer (chair)", "Daniel Reyes, Director of Workforce Planning"], record.FindAll("[data-side=management] li").Select(li => li.TextContent));
        Assert.Contains("Not signed off yet", cover.TextContent, StringComparison.Ordinal);
        Assert.Equal("en", record.Find(".cogov-record").GetAttribute("lang"));
        Assert.Equal(RecordBuilder.HeadHash, record.Find("[data-head-hash]").TextContent);
    }

    [Fact]
    public void TheCoverShowsTheSystemsRegisterEntryWithTheAddressOfEachImpactAssessment()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var data = RecordBuilder.Record();
        data = data with
        {
            Cover = data.Cover with
            {
                Register = new CoGov.Workflows.Records.RecordRegister(
                    CoGov.Domain.Systems.SystemStatus.Retired, new DateOnly(2026, 10, 1), "Daniel Reyes", "rota@riverside-hospital.example",
                    "Who works which shift.", "The ward manager approves each rota.", "UK", "Six years.",
                    [new("DPIA 2025", "https://intranet.example/dpia")], 4),
            },
        };

        var record = Render(data);

        var register = record.Find(".doc-register");
        var facts = register.QuerySelectorAll("dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent.Trim())).ToList();
        Assert.Equal(
            [("Status", "Retired since 01/10/2026"), ("Owner", "Daniel Reyes (rota@riverside-hospital.example)"), ("Decisions supported", "Who works which shift."),
             ("Human oversight", "The ward manager approves each rota."), ("Where the data is stored", "UK"), ("Retention", "Six years."),
             ("Impact assessments", "DPIA 2025 https://intranet.example/dpia")],
            facts);
        Assert.Equal("https://intranet.example/dpia", register.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("version 4", record.Find(".doc-cover").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ACoverWithoutARegisterEntryShowsNone()
    {
        var record = Render(RecordBuilder.Record());

        Assert.Empty(record.FindAll(".doc-register"));
    }

    [Fact]
    public void ACycleSignedByBothSidesShowsBothNamesAndStatements()
    {
        var record = Render(RecordBuilder.Record(management: RecordBuilder.ManagementSignature, workers: RecordBuilder.WorkersSignature));

        Assert.Equal("Management confirms that all 19 questions were answered.", record.Find("[data-side=management] .doc-statement").TextContent);
        Assert.Contains("Daniel Reyes", record.Find("[data-side=management] .doc-meta").TextContent, StringComparison.Ordinal);
        Assert.Equal("The workers' side countersigns the record.", record.Find("[data-side=workers] .doc-statement").TextContent);
        Assert.Contains("Leila Haddad", record.Find("[data-side=workers] .doc-meta").TextContent, StringComparison.Ordinal);
        Assert.Empty(record.FindAll(".doc-signature .doc-none"));
        Assert.DoesNotContain("Not signed off yet", record.Find(".doc-cover").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ACycleSignedByManagementAloneSaysTheWorkersSideHasNotSignedYet()
    {
        var record = Render(RecordBuilder.Record(management: RecordBuilder.ManagementSignature));

        Assert.Equal("Management confirms that all 19 questions were answered.", record.Find("[data-side=management] .doc-statement").TextContent);
        Assert.Equal("Not yet signed.", record.Find("[data-side=workers] .doc-none").TextContent);
        Assert.Empty(record.FindAll("[data-side=workers] .doc-statement"));
    }

    [Fact]
    public void ACycleNobodyHasSignedSaysSoForBothSides()
    {
        var record = Render(RecordBuilder.Record());

        Assert.Equal(["Not yet signed.", "Not yet signed."], record.FindAll(".doc-signature .doc-none").Select(p => p.TextContent));
        Assert.Empty(record.FindAll(".doc-statement"));
    }

    [Fact]
    public void HostileTextInAnswersStatementsAndNamesIsShownAsTextAndNeverRunsOrLoadsAnything()
    {
        const string hostile = "<script>alert(1)</script><img src=\"https://tracker.example/x.png\" onerror=\"alert(2)\"> ![pixel](https://tracker.example/p.png) [click](javascript:alert(3))";
        var record = Render(RecordBuilder.Record(
            answer: _ => hostile,
            management: RecordBuilder.ManagementSignature with { Statement = hostile },
            organisationName: "Evil \"}</style><script>alert(4)</script>"));

        Assert.Empty(record.FindAll("script"));
        Assert.Empty(record.FindAll("img"));
        Assert.Empty(record.FindAll("[onerror]"));
        Assert.DoesNotContain(record.FindAll("a"), a => a.GetAttribute("href")?.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains("<script>alert(1)</script>", record.Find("[data-number='1'] .doc-answer").TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", record.Find("[data-side=management] .doc-statement").TextContent, StringComparison.Ordinal);
        // The organisation's name goes into the stylesheet's running header as escapes, so it cannot close the style element.
        var style = Assert.Single(record.FindAll("style"));
        Assert.DoesNotContain("</", style.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("Evil \\22 \\7d \\3c \\2f style\\3e ", style.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("Evil \"}</style><script>alert(4)</script>", record.Find(".doc-kicker").TextContent);
    }

    private IRenderedComponent<AssessmentRecord> Render(RecordData data) =>
        Render<AssessmentRecord>(p => p.Add(c => c.Record, data));

    private static string Summary(IRenderedComponent<AssessmentRecord> record, int number) =>
        record.Find($"[data-number='{number}'] .doc-summary").TextContent;
}
