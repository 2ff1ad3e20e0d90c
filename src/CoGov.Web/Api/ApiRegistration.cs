using System.Text.Json.Serialization;
using CoGov.Workflows.AccessTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace CoGov.Web.Api;

/// <summary>
/// The REST API under <c>/api/v1</c>: bearer tokens only, problem details for every refusal, and its OpenAPI document
/// at <c>/openapi/v1.json</c>. Each feature maps its own endpoints on the group (<c>Api/&lt;Feature&gt;Api.cs</c>); each
/// endpoint sends the same request its page sends, and shapes nothing the engine decides (decision record 24).
/// </summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";
    public const string Policy = "Api";

    public static IHostApplicationBuilder AddCoGovApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccessTokenReader>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, displayName: null, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(BearerTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // A body or parameter that cannot be read answers 400 in every environment (Development would throw), and the
        // middleware in MapCoGovApi gives it a problem body.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        builder.Services.AddOpenApi("v1", ApiDocument.Configure);
        return builder;
    }

    public static WebApplication MapCoGovApi(this WebApplication app)
    {
        // Registered after the status code pages, so it runs inside them: an API answer is never swapped for the page a
        // browser gets, and one the framework left empty (a body it could not read, a method the address does not take)
        // still says what went wrong as a problem.
        app.UseWhen(ApiProblems.IsApiRequest, api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            await next(context);
            if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentType: null } response)
            {
                var (type, detail) = response.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => (ApiProblemTypes.Validation, "The request's parameters or JSON body could not be read; see the operation in /openapi/v1.json."),
                    StatusCodes.Status404NotFound => (ApiProblemTypes.NotFound, "There is no such address in the API; see /openapi/v1.json."),
                    StatusCodes.Status429TooManyRequests => (ApiProblemTypes.TooManyRequests, "Too many requests; wait for the seconds Retry-After gives."),
                    _ => ("about:blank", ReasonPhrases.GetReasonPhrase(response.StatusCode)),
                };
                await ApiProblems.WriteAsync(context, type, response.StatusCode, detail);
            }
        }));
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapApiReference();
        app.MapGet(ApiProblemTypes.Base + "{name}", (string name) =>
                ApiProblemTypes.All.FirstOrDefault(p => p.Type == ApiProblemTypes.Base + name) is { Type: not null } problem
                    ? Results.Text($"{problem.Title} ({problem.Status})\n\n{problem.Meaning}\n", "text/plain; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .AddEndpointFilter<ApiProblems>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapTokenApi();
        api.MapOrganisationsApi().MapPeopleApi().MapCommitteeApi().MapSystemsApi().MapPoliciesApi().MapTemplatesApi().MapRecordsApi();
        api.MapCyclesApi().MapQuestionsApi().MapChasingApi();

        // Anything else under the API is a problem too, never the not-found page.
        api.MapFallback(() => ApiProblems.Problem(ApiProblemTypes.NotFound, StatusCodes.Status404NotFound, "There is no such address in the API; see /openapi/v1.json."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The problems a command may answer besides those of every request: its input, its rules, a conflict.</summary>
    public static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Names where to read again after a conflict or a failed If-Match: a template of the API's own routes (after /api/v1), filled from the request's route values.</summary>
    public static TBuilder ReloadFrom<TBuilder>(this TBuilder builder, string template) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReloadAddress(template));

    /// <summary>The problem a list answers besides those of every request: a wrong cursor or limit.</summary>
    public static RouteHandlerBuilder ProducesPageProblems(this RouteHandlerBuilder endpoint) => endpoint.ProducesValidationProblem();
}
