using Bunit;
using CoGov.Web.Components.Shared;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Shared;

public sealed class PageBreadcrumbsTests : BunitContext
{
    public PageBreadcrumbsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void TheLevelsAboveAreLinksAndThePageItselfIsMarkedCurrentWithoutALink()
    {
        var crumbs = Render<PageBreadcrumbs>(p => p
            .Add(c => c.Above, [("Riverside", "organisations/riverside"), ("Rostering", "organisations/riverside/systems/rostering")])
            .Add(c => c.Current, "Question 7"));

        var items = crumbs.FindAll("li.mud-breadcrumb-item");
        Assert.Equal(3, items.Count);
        Assert.Equal(
            ["organisations/riverside", "organisations/riverside/systems/rostering"],
            items.Take(2).Select(i => i.QuerySelector("a")!.GetAttribute("href")));
        Assert.Null(items[2].QuerySelector("a"));
        Assert.Null(items[2].QuerySelector("[href]"));
        Assert.Equal("Question 7", items[2].QuerySelector("[aria-current=page]")!.TextContent);
        Assert.Empty(crumbs.FindAll("a[href='#']"));
    }
}
