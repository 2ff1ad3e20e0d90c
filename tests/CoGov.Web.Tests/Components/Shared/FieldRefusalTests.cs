using System.Globalization;
using Bunit;
using CoGov.Domain.Common;
using CoGov.Web.Components.Shared;
using CoGov.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Tests.Components.Shared;

public sealed class FieldRefusalTests : BunitContext
{
    public FieldRefusalTests() => Services.AddSingleton<IStringLocalizer<Refusals>>(new FrenchRefusals());

    [Fact]
    public void AFieldsRefusalIsTranslatedWithNumbersWrittenTheReadersWay()
    {
        var outcome = new CommandOutcome([], new Dictionary<string, Phrase[]>
        {
            ["Answer"] = [new Phrase("The {0} is longer than {1:N0} characters.", new Phrase("answer"), 50_000)],
        });
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var refusal = Render<FieldRefusal>(p => p.Add(c => c.Outcome, outcome).Add(c => c.Field, "Answer").Add(c => c.Id, "answer-refusal"));

            var expected = $"Le texte (réponse) dépasse {50_000.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} caractères.";
            Assert.Equal(expected, refusal.Find("#answer-refusal span").TextContent);
            Assert.DoesNotContain("longer than", refusal.Markup, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void AnotherFieldsRefusalIsNotShownHere()
    {
        var outcome = new CommandOutcome([], new Dictionary<string, Phrase[]> { ["Reason"] = [new Phrase("Write the {0}.", new Phrase("reason for delegating"))] });

        var refusal = Render<FieldRefusal>(p => p.Add(c => c.Outcome, outcome).Add(c => c.Field, "Answer").Add(c => c.Id, "answer-refusal"));

        Assert.Empty(refusal.Markup.Trim());
    }
}
