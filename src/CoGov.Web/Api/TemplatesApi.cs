using CoGov.Web.Infrastructure;
using CoGov.Workflows.Common;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Api;

/// <summary>The questionnaires the organisation may assess with: the library's and its own, the version it adopted, and uploading its own.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/organisations/{organisationKey}/templates").WithTags("Templates");

        templates.MapGet("", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var overview = await mediator.Send(new GetTemplates(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(overview.Questionnaires, q => ApiPaging.Key(q.Key), after, limit));
            })
            .WithName("ListTemplates")
            .WithSummary("Each questionnaire the organisation may use, with its versions newest first, the one adopted, and the open cycles that keep theirs.")
            .ProducesPageProblems();

        templates.MapGet("/{templateKey}", async (string organisationKey, string templateKey, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadTemplateAsync(mediator, organisationKey, templateKey, cancellationToken)))
            .WithName("GetTemplate")
            .WithSummary("One questionnaire: its versions newest first, which one the organisation adopted, and which it may adopt.");

        templates.MapPost("", async Task<Results<Created<QuestionnaireVersions>, ValidationProblem>> (
                string organisationKey, PoliciesApi.ImportFileBody body, IMediator mediator, IStringLocalizer<Refusals> refusals, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new ImportQuestionnaireTemplate(organisationKey, body.FileName ?? "", body.Content ?? ""), cancellationToken);
                if (!result.Succeeded)
                {
                    return PoliciesApi.ImportProblem(result, refusals);
                }
                var key = result.Key!;
                return TypedResults.Created(
                    $"{ApiRegistration.Prefix}/organisations/{Uri.EscapeDataString(organisationKey)}/templates/{Uri.EscapeDataString(key)}",
                    await ReadTemplateAsync(mediator, organisationKey, key, cancellationToken));
            })
            .WithName("ImportQuestionnaireTemplate")
            .WithSummary("Uploads a questionnaire of the organisation's own (YAML, as the library's are written); a file with problems changes nothing and lists each.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/templates");

        templates.MapPost("/{templateKey}/versions/{version:int}/adopt", async (string organisationKey, string templateKey, int version, bool? own, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new AdoptTemplate(organisationKey, templateKey, version, own ?? false), cancellationToken);
                return TypedResults.Ok(await ReadTemplateAsync(mediator, organisationKey, templateKey, cancellationToken));
            })
            .WithName("AdoptTemplate")
            .WithSummary("Adopts a version of a questionnaire (own=true: the organisation's own with that number) for the cycles opened from now on.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/templates/{templateKey}");

        return api;
    }

    private static async Task<QuestionnaireVersions> ReadTemplateAsync(IMediator mediator, string organisationKey, string templateKey, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetTemplates(organisationKey), cancellationToken)).Questionnaires.SingleOrDefault(q => q.Key == templateKey)
        ?? throw new NotFoundException($"There is no questionnaire '{templateKey}'.");
}
