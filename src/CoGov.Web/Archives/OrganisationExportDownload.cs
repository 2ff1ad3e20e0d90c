using CoGov.Workflows.Archives;
using CoGov.Workflows.Common;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;

namespace CoGov.Web.Archives;

/// <summary>
/// The organisation's archive, for its administrators (decision record 26). A form's POST, not a link's GET, because an
/// export writes the audit log and mails both chairs: a GET must change nothing, and a prefetching browser or a
/// crawler following links must not export. The answer is the file itself. Not found and not yours both answer 404,
/// as for a kept record.
/// </summary>
public static class OrganisationExportDownload
{
    public static string Url(string organisationKey) => $"organisations/{Uri.EscapeDataString(organisationKey)}/export.zip";

    public static IEndpointRouteBuilder MapOrganisationExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/organisations/{organisationKey}/export.zip",
            async (string organisationKey, IMediator mediator, IAntiforgery antiforgery, HttpContext context) =>
            {
                // Checked before anything is read: the form's token proves the administrator's own page sent it.
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }
                try
                {
                    var export = await mediator.Send(new ExportOrganisation(organisationKey), context.RequestAborted);
                    context.Response.Headers["X-Content-SHA256"] = export.Sha256;
                    context.Response.Headers.CacheControl = "no-store";
                    return Results.File(export.Content, "application/zip", export.FileName);
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
