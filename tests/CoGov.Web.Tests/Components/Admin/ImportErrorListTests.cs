using System.Text.RegularExpressions;
using Bunit;
using CoGov.Domain.Common;
using CoGov.Web.Components.Admin;
using CoGov.Workflows.Import;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Admin;

public sealed class ImportErrorListTests : BunitContext
{
    public ImportErrorListTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void EachProblemIsListedInFileOrderWithItsLineColumnAndField()
    {
        var list = Render<ImportErrorList>(p => p
            .Add(c => c.FileName, "survey.yaml")
            .Add(c => c.Errors,
            [
                new ImportError("survey.yaml", 14, 9, "themes[1].questions[0].number", new Phrase("question numbers start at 1; 0 is not allowed.")),
                new ImportError("survey.yaml", 3, 1, "languages", new Phrase("list at least one language, such as [en].")),
                new ImportError("survey.yaml", 14, 17, "themes[1].questions[0].text", new Phrase("there is no 'en' text.")),
            ]));

        Assert.Equal("alert", list.Find("div").GetAttribute("role"));
        Assert.Equal("survey.yaml was not imported, and nothing has changed. Fix these 3 problems and upload the file again:", Text(list.Find("p")));
        Assert.Equal(
            [
                "Line 3, column 1: field languages: list at least one language, such as [en].",
                "Line 14, column 9: field themes[1].questions[0].number: question numbers start at 1; 0 is not allowed.",
                "Line 14, column 17: field themes[1].questions[0].text: there is no 'en' text.",
            ],
            list.FindAll("li").Select(Text));
        Assert.Equal(["3", "14", "14"], list.FindAll("li").Select(li => li.GetAttribute("data-line")));
    }

    [Fact]
    public void AProblemOfTheWholeFileComesFirstAndNamesNoLineOrField()
    {
        var list = Render<ImportErrorList>(p => p
            .Add(c => c.FileName, "empty.yaml")
            .Add(c => c.Errors, [new ImportError("empty.yaml", 0, 0, "", new Phrase("the file is empty: it holds no YAML document."))]));

        Assert.Equal("empty.yaml was not imported, and nothing has changed. Fix this problem and upload the file again:", Text(list.Find("p")));
        Assert.Equal("The file as a whole: the file is empty: it holds no YAML document.", Text(list.Find("li")));
        Assert.Empty(list.FindAll("code"));
    }

    [Fact]
    public void NoProblemsShowNothing()
    {
        var list = Render<ImportErrorList>(p => p.Add(c => c.FileName, "fine.yaml").Add(c => c.Errors, []));

        Assert.Equal("", list.Markup.Trim());
    }

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
