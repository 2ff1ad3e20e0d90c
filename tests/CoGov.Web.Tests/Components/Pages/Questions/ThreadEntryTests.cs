using Bunit;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Web.Components.Pages.Questions;
using CoGov.Workflows.Questions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Pages.Questions;

public sealed class ThreadEntryTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 14, 5, 0, TimeSpan.Zero);

    public ThreadEntryTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void AnAnswerIsRenderedFromMarkdownWithoutItsScriptsOrDangerousLinks()
    {
        var entry = Render<ThreadEntry>(p => p.Add(e => e.Entry, new QuestionLogEntry(7, At, "Daniel Reyes", Side.Management, LogEntryKind.Answered,
            "**Yes.** <script>alert(1)</script> [policy](https://intranet.example/p) [click](javascript:alert(1))")));

        var text = entry.Find(".cogov-entry-text");
        Assert.Equal("Yes.", text.QuerySelector("strong")!.TextContent);
        Assert.Empty(text.QuerySelectorAll("script"));
        Assert.Contains("<script>", text.TextContent, StringComparison.Ordinal);
        var link = Assert.Single(text.QuerySelectorAll("a"));
        Assert.Equal("https://intranet.example/p", link.GetAttribute("href"));
        Assert.Equal("nofollow noopener", link.GetAttribute("rel"));
        Assert.Contains("click", text.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherEntriesArePlainTextEvenWhenTheyLookLikeMarkdownOrHtml()
    {
        var entry = Render<ThreadEntry>(p => p.Add(e => e.Entry, new QuestionLogEntry(8, At, "Amara Okafor", Side.Workers, LogEntryKind.Challenged,
            "**Not** acceptable <b>at all</b>")));

        var text = entry.Find(".cogov-entry-text");
        Assert.Equal("**Not** acceptable <b>at all</b>", text.TextContent);
        Assert.Contains("Challenged the answer", entry.Find(".cogov-entry-kind").TextContent, StringComparison.Ordinal);
        Assert.Contains("Amara Okafor", entry.Find(".cogov-entry-who").TextContent, StringComparison.Ordinal);
        Assert.Equal("entry-8", entry.Find("li").Id);
    }

    [Fact]
    public void WhatCoGovDidByItselfSaysSoAndAnEntryNamedByAFailedCheckIsMarked()
    {
        var entry = Render<ThreadEntry>(p => p
            .Add(e => e.Entry, new QuestionLogEntry(9, At, "CoGov", null, LogEntryKind.Reminded, "Reminder 1: the answer is due 2026-11-23 09:30 UTC."))
            .Add(e => e.IsBroken, true));

        Assert.Contains("CoGov (automatic)", entry.Find(".cogov-entry-who").TextContent, StringComparison.Ordinal);
        Assert.NotNull(entry.Find(".cogov-entry-broken"));
        Assert.Equal("2026-11-20T14:05:00.0000000+00:00", entry.Find("time").GetAttribute("datetime"));
    }
}
