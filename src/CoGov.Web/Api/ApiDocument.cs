using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoGov.Web.Api;

/// <summary>The OpenAPI document's own parts: its title, and the bearer scheme every operation needs.</summary>
internal static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        // Only the API's operations: the pages, downloads and account endpoints are not part of it.
        options.ShouldInclude = description => description.RelativePath?.StartsWith(ApiRegistration.Prefix.TrimStart('/'), StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CoGov API",
                Version = "v1",
                Description = "The co-governance questions, their answers and records, for programs. Authenticate with a personal access token "
                    + "made in your account pages: `Authorization: Bearer <token>`. Refusals are problem details (RFC 9457) whose `type` "
                    + $"is one of the addresses under `{ApiProblemTypes.Base}`. Lists are paged by cursor: pass a page's `next` as `after`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerTokenAuthentication.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token (cogov_pat_…), for one organisation, read-only or read-write.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerTokenAuthentication.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        });
    }
}
