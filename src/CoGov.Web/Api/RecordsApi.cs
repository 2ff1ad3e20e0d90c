using CoGov.Workflows.Records;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace CoGov.Web.Api;

/// <summary>
/// The records the organisation keeps: a cycle's assessment record and the committee's meeting packs, printed once and
/// kept byte for byte. A download carries its SHA-256 as its ETag and as a digest (RFC 9530), so a program can check it
/// holds exactly the document that was kept.
/// </summary>
public static class RecordsApi
{
    /// <param name="MeetingDate">The day the committee meets, which the pack is for.</param>
    public sealed record GenerateMeetingPackBody(DateOnly MeetingDate);

    public static RouteGroupBuilder MapRecordsApi(this RouteGroupBuilder api)
    {
        var organisation = api.MapGroup("/organisations/{organisationKey}").WithTags("Records");

        organisation.MapGet("/systems/{systemKey}/records", async (string organisationKey, string systemKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var records = await mediator.Send(new GetSystemRecords(organisationKey, systemKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(records, r => ApiPaging.Key(long.MaxValue - r.GeneratedAt.UtcTicks, r.Id), after, limit));
            })
            .WithName("ListSystemRecords")
            .WithSummary("The records kept of a system's cycles, newest first, each with its SHA-256 and the log head it quotes.")
            .ProducesPageProblems();

        organisation.MapPost("/systems/{systemKey}/cycles/{cycle:int}/record", async (string organisationKey, string systemKey, int cycle, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var record = await mediator.Send(new GenerateAssessmentRecord(organisationKey, systemKey, cycle), cancellationToken);
                return TypedResults.Created(Location(organisationKey, record), record);
            })
            .WithName("GenerateAssessmentRecord")
            .WithSummary("Prints the cycle's assessment record as it stands and keeps the PDF; answers it, with the address to download it from.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/systems/{systemKey}/records");

        organisation.MapPost("/committee/pack", async (string organisationKey, GenerateMeetingPackBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var record = await mediator.Send(new GenerateMeetingPack(organisationKey, body.MeetingDate), cancellationToken);
                return TypedResults.Created(Location(organisationKey, record), record);
            })
            .WithName("GenerateMeetingPack")
            .WithSummary("Prints the committee's meeting pack for a meeting day and keeps the PDF; answers it, with the address to download it from.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/committee/dashboard");

        organisation.MapGet("/records/{recordId:guid}", async (string organisationKey, Guid recordId, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var file = await mediator.Send(new GetStoredRecord(organisationKey, recordId), cancellationToken);
                // RFC 9530's digest of the representation, the same SHA-256 in hexadecimal as the record lists show it, and as the ETag.
                context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.Sha256))}:";
                context.Response.Headers["X-Content-SHA256"] = file.Sha256;
                return TypedResults.File(file.Content, "application/pdf", file.FileName, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
            })
            .WithName("DownloadRecord")
            .WithSummary("A kept record's PDF, byte for byte as it was printed; its ETag and Repr-Digest give its SHA-256.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf");

        return api;
    }

    private static string Location(string organisationKey, StoredRecordSummary record) =>
        $"{ApiRegistration.Prefix}/organisations/{Uri.EscapeDataString(organisationKey)}/records/{record.Id:D}";
}
