using Bunit;
using CoGov.Web.Components.Pages.Questions;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using CoGov.Workflows.Common;
using CoGov.Workflows.Questions;

namespace CoGov.Web.Tests.Components.Pages.Questions;

public sealed class AnswerFormTests : BunitContext
{
    private static readonly QuestionAddress Question6 = new("riverside-hospital", "rostering", 2, 6);
    private readonly RecordingMediator _mediator;

    public AnswerFormTests()
    {
        var (mediator, recorder) = RecordingMediator.Create();
        _mediator = recorder;
        // Evidence links are the command's own rule: its validator refuses here as the engine's validation would.
        _mediator.Refuse = message => message is AnswerQuestion answer && new AnswerQuestionValidator().Validate(answer) is { IsValid: false } result
            ? InputRejectedException.From(result.Errors)
            : null;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(mediator);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void AnEmptyAnswerIsNotSentAndTheFormSaysToWriteOne()
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change("   ");
        form.Find("form").Submit();

        Assert.Contains("Write the answer.", Messages(form));
        Assert.Empty(_mediator.Sent);
    }

    [Fact]
    public void AnAnswerLongerThanTheRecordTakesIsNotSent()
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change(new string('a', AnswerForm.MaximumLength + 1));
        form.Find("form").Submit();

        Assert.Contains(Messages(form), m => m.Contains("characters", StringComparison.Ordinal) && m.Contains("50,000", StringComparison.Ordinal));
        Assert.Empty(_mediator.Sent);
    }

    [Fact]
    public void EvidenceLinksCountTowardsTheLengthOfTheAnswer()
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change(new string('a', AnswerForm.MaximumLength - 10));
        form.Find("#answer-evidence").Change("https://example.org/a-long-enough-report");
        form.Find("form").Submit();

        Assert.Contains(Messages(form), m => m.Contains("with its evidence links", StringComparison.Ordinal));
        Assert.Empty(_mediator.Sent);
    }

    [Theory]
    [InlineData("ftp://files.example.org/report.pdf")]
    [InlineData("www.example.org/report")]
    [InlineData("https://example.org/a report")]
    [InlineData("file:///etc/passwd")]
    public void AnEvidenceLinkThatIsNotAnHttpAddressIsRefusedByLine(string link)
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change("The vendor's report is attached.");
        form.Find("#answer-evidence").Change($"https://example.org/ok\n{link}");
        form.Find("form").Submit();

        var message = Assert.Single(Messages(form));
        Assert.StartsWith("Evidence link 2 is not a web address", message, StringComparison.Ordinal);
        Assert.Empty(_mediator.Sent);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("javascript://example.org/%0Aalert(1)")]
    public void AJavascriptLinkIsRefused(string link)
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change("See the link.");
        form.Find("#answer-evidence").Change(link);
        form.Find("form").Submit();

        Assert.Contains(Messages(form), m => m.StartsWith("Evidence link 1 is not a web address", StringComparison.Ordinal));
        Assert.Empty(_mediator.Sent);
    }

    [Fact]
    public void AValidAnswerIsSentWithItsEvidenceAsAMarkdownListAndThePageIsFetchedAgain()
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        form.Find("#answer-text").Change("  Staff can ask for a review.  ");
        form.Find("#answer-evidence").Change("https://intranet.example/policy\r\n\r\n  http://example.org/minutes?id=4  \n");
        form.Find("form").Submit();

        var command = Assert.IsType<AnswerQuestion>(Assert.Single(_mediator.Sent));
        Assert.Equal(new AnswerQuestion("riverside-hospital", "rostering", 2, 6,
            "Staff can ask for a review.\n\nEvidence:\n\n- <https://intranet.example/policy>\n- <http://example.org/minutes?id=4>"), command);
        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.EndsWith("organisations/riverside-hospital/systems/rostering/cycles/2/questions/6?done=answer", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void ACarriedOverAnswerStartsTheAnswerToConfirmOrUpdate()
    {
        var form = Render<AnswerForm>(p => p
            .Add(f => f.Question, Question6)
            .Add(f => f.CarriedOverAnswer, "Rosters are approved by ward managers."));

        Assert.Equal("Rosters are approved by ward managers.", form.Find("#answer-text").GetAttribute("value") ?? form.Find("#answer-text").TextContent);
        Assert.Contains("Confirm or update the answer", form.Find("h3").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAnswerKeepsADraftInTheBrowserUnderTheQuestionsKey()
    {
        var form = Render<AnswerForm>(p => p.Add(f => f.Question, Question6));

        Assert.Equal("answer:riverside-hospital:rostering:2:6", form.Find("#answer-text").GetAttribute("data-draft"));
        Assert.Equal("evidence:riverside-hospital:rostering:2:6", form.Find("#answer-evidence").GetAttribute("data-draft"));
        Assert.NotNull(form.Find("label[for=answer-text]"));
        Assert.NotNull(form.Find("label[for=answer-evidence]"));
    }

    private static List<string> Messages(IRenderedComponent<AnswerForm> form) =>
        form.FindAll(".validation-message, .cogov-field-refusal span").Select(m => m.TextContent.Trim()).ToList();
}
