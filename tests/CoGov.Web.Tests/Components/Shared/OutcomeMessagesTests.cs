using Bunit;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Web.Components.Shared;
using CoGov.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Tests.Components.Shared;

public sealed class OutcomeMessagesTests : BunitContext
{
    public OutcomeMessagesTests() => Services.AddSingleton<IStringLocalizer<Refusals>>(new FrenchRefusals());

    [Fact]
    public void ARefusalReadsInTheReadersLanguageWithItsNestedPhraseTranslatedToo()
    {
        var refusal = new DomainRuleException("Only the workers' side can escalate question {0}; {1} is on {2}.", 7, "Kim Osei", Side.Management.Describe());

        var messages = Render<OutcomeMessages>(p => p.Add(c => c.Outcome, new CommandOutcome([.. refusal.Violations.Select(v => v.Text)], new Dictionary<string, Phrase[]>())));

        Assert.Equal("Seule la partie des travailleurs peut faire remonter la question 7 ; Kim Osei fait partie de la partie de la direction.",
            messages.Find("[role=alert] li").TextContent);
        Assert.DoesNotContain("workers' side", messages.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("management side", messages.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ASentenceNotYetTranslatedReadsInEnglishAndALibrarysTextAsItIs()
    {
        var outcome = new CommandOutcome(
            [new Phrase("Question {0} is not waiting on an answer from management; there is nothing to escalate.", 7)],
            new Dictionary<string, Phrase[]> { ["Email"] = [Phrase.Verbatim("'E-mail' ne doit pas être vide {sic}.")] });

        var items = Render<OutcomeMessages>(p => p.Add(c => c.Outcome, outcome)).FindAll("li").Select(li => li.TextContent);

        Assert.Equal(["Question 7 is not waiting on an answer from management; there is nothing to escalate.", "'E-mail' ne doit pas être vide {sic}."], items);
    }

    [Fact]
    public void NothingIsShownWhenTheCommandWasDone()
    {
        var messages = Render<OutcomeMessages>(p => p.Add(c => c.Outcome, CommandOutcome.Done));

        Assert.Empty(messages.Markup.Trim());
    }
}
