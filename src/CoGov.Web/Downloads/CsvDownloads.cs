using System.Globalization;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Common;
using CoGov.Workflows.Systems;
using Mediator;

namespace CoGov.Web.Downloads;

/// <summary>
/// The CSV downloads of a cycle's questions and answers, the chase board and the committee's dashboard. Each is an
/// endpoint rather than a page, since it answers with a file, and sends the same query as its page: the engine checks
/// membership as for the page, and not-found and not-yours both answer 404, as for a kept record.
/// </summary>
public static class CsvDownloads
{
    public static IHostApplicationBuilder AddCsvDownloads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CsvColumns>();
        return builder;
    }

    public static string CycleUrl(string organisationKey, string systemKey, int cycle) =>
        $"organisations/{Uri.EscapeDataString(organisationKey)}/systems/{Uri.EscapeDataString(systemKey)}/cycles/{cycle}/questions.csv";

    public static string ChaseBoardUrl(string organisationKey) => $"organisations/{Uri.EscapeDataString(organisationKey)}/chase.csv";

    public static string CommitteeUrl(string organisationKey) => $"organisations/{Uri.EscapeDataString(organisationKey)}/committee.csv";

    public static IEndpointRouteBuilder MapCsvDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organisations/{organisationKey}/systems/{systemKey}/cycles/{cycle:int}/questions.csv",
            (string organisationKey, string systemKey, int cycle, IMediator mediator, CsvColumns columns, TimeProvider clock, CancellationToken cancellationToken) =>
                DownloadAsync(mediator, new GetSystemQuestions(organisationKey, systemKey, cycle), cancellationToken, view => CsvFile.Download(
                    FileName(clock, organisationKey, systemKey, $"cycle-{cycle}"),
                    columns.Cycle(view.Cycle!),
                    view.Cycle!.Themes.SelectMany(theme => theme.Questions.Select(question => new CycleCsvRow(theme, question))))))
            .RequireAuthorization();

        // Every row of every section: the page shows the first hundred of each, a spreadsheet wants them all.
        endpoints.MapGet("/organisations/{organisationKey}/chase.csv",
            (string organisationKey, IMediator mediator, CsvColumns columns, TimeProvider clock, CancellationToken cancellationToken) =>
                DownloadAsync(mediator, new GetChaseBoard(organisationKey, PerSection: null), cancellationToken, board => CsvFile.Download(
                    FileName(clock, organisationKey, "chase-board"), columns.ChaseBoard(), columns.ChaseRows(board))))
            .RequireAuthorization();

        endpoints.MapGet("/organisations/{organisationKey}/committee.csv",
            (string organisationKey, IMediator mediator, CsvColumns columns, TimeProvider clock, CancellationToken cancellationToken) =>
                DownloadAsync(mediator, new GetCommitteeDashboard(organisationKey), cancellationToken, dashboard => CsvFile.Download(
                    FileName(clock, organisationKey, "committee"), columns.Committee(), CsvColumns.CommitteeRows(dashboard))))
            .RequireAuthorization();

        return endpoints;
    }

    private static async Task<IResult> DownloadAsync<T>(IMediator mediator, IQuery<T> query, CancellationToken cancellationToken, Func<T, IResult> download)
    {
        try
        {
            return download(await mediator.Send(query, cancellationToken));
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            return Results.NotFound();
        }
    }

    /// <summary>What and when, so a folder of downloads sorts and reads: riverside-rostering-cycle-2-2026-12-03.csv.</summary>
    private static string FileName(TimeProvider clock, params string[] what) =>
        $"{string.Join('-', what)}-{clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
}
