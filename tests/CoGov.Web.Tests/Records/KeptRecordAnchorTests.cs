using System.Net;
using CoGov.Domain.Assessments;
using CoGov.Web.Components.Pages.Records;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Common;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.Records;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Records;

/// <summary>Decision record 19: a kept record is an anchor of the log it printed, mailed to both chairs and compared with the log.</summary>
public sealed class KeptRecordAnchorTests : IAsyncLifetime
{
    private readonly CoGovWebApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task KeepingARecordMailsItsLogHeadToBothChairsAndTheRecordShowsTheAnchorsAgreeAndTheLoginsThatActed()
    {
        using var client = await _app.SignedInClientAsync(DemoLogins.Steward);
        var cyclePage = "/organisations/riverside-hospital/systems/rostering?cycle=1";
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(cyclePage));
        var form = page.NamedForm(AssessmentRecordPage.GenerateForm)!;

        var posted = await client.PostAsync("/" + form.GetAttribute("action"), new FormUrlEncodedContent(form.Fields()));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var stored = await _app.WithDbAsync(db => db.StoredRecords.AsNoTracking().SingleAsync());
        var head = await _app.WithDbAsync(db => db.LogEntries.AsNoTracking().SingleAsync(e => e.AssessmentId == stored.AssessmentId && e.Sequence == stored.LogLength));
        var anchor = await _app.WithDbAsync(db => db.LogAnchors.AsNoTracking().SingleAsync());
        var mailed = await _app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == NotificationKind.LogAnchored && m.LogEntryId == head.Id));
        Assert.Equal(head.Hash, stored.LogHeadHash);
        Assert.Equal((AnchorReason.RecordStored, head.Sequence, head.Hash), (anchor.Reason, anchor.LogLength, anchor.LogHeadHash));
        Assert.Equal(2, mailed);
        Assert.Single(await File.ReadAllLinesAsync(_app.AnchorFile));

        var record = await AsCoGovAsync(mediator => mediator.Send(new GetAssessmentRecord(DemoLogins.Organisation, "rostering", 1)));
        // The imported sign-off and countersignature keep their heads too.
        Assert.Equal([AnchorSource.SignOff, AnchorSource.Countersignature, AnchorSource.StoredRecord, AnchorSource.Mailed, AnchorSource.AnchorFile],
            record.Anchors!.Select(a => a.Source));
        Assert.All(record.Anchors!, a => Assert.True(a.Agrees, a.Disagreement));

        // The demo's past was imported, so CoGov itself wrote those entries.
        var html = await CoGovWebApp.ParseAsync(await client.GetAsync(AssessmentRecordPage.Url(DemoLogins.Organisation, "rostering", 1)));
        Assert.Equal(5, html.QuerySelectorAll(".doc-anchors li").Length);
        Assert.Contains("(login CoGov)", html.QuerySelector(".doc-log")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<T> AsCoGovAsync<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }
}
