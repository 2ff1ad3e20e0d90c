using CoGov.Workflows.Common;
using CoGov.Workflows.Records;
using Mediator;

namespace CoGov.Web.Records;

public static class RecordsRegistration
{
    /// <summary>One printer for the app, shared by every request, so one browser serves them all.</summary>
    public static IHostApplicationBuilder AddRecordPrinting(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RecordPrinterOptions>(builder.Configuration.GetSection(RecordPrinterOptions.SectionName));
        builder.Services.AddSingleton<RecordPrinter>();
        builder.Services.AddSingleton<IRecordPrinter>(services => services.GetRequiredService<RecordPrinter>());
        return builder;
    }

    public static string DownloadUrl(string organisationKey, Guid recordId) =>
        $"organisations/{Uri.EscapeDataString(organisationKey)}/records/{recordId:D}/download";

    /// <summary>
    /// A kept document, returned byte for byte as it was printed. An endpoint rather than a page, since it answers with
    /// a file; the engine checks membership as for any query, and not-found and not-yours both answer 404.
    /// </summary>
    public static IEndpointRouteBuilder MapRecordDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organisations/{organisationKey}/records/{recordId:guid}/download", async (string organisationKey, Guid recordId, IMediator mediator, HttpContext context) =>
            {
                try
                {
                    var file = await mediator.Send(new GetStoredRecord(organisationKey, recordId), context.RequestAborted);
                    // The digest travels with the file, so a client can check it has exactly the document that was kept.
                    context.Response.Headers["X-Content-SHA256"] = file.Sha256;
                    return Results.File(file.Content, "application/pdf", file.FileName);
                }
                catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
                {
                    return Results.NotFound();
                }
            })
            .RequireAuthorization();
        return endpoints;
    }
}
