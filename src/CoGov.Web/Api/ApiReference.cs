using NetEscapades.AspNetCore.SecurityHeaders;
using Scalar.AspNetCore;

namespace CoGov.Web.Api;

/// <summary>
/// The API's reference page, served by CoGov itself (Scalar, from the package's own embedded script): it loads nothing
/// from another host, so it works on an instance with no way out and tells no one who reads it. Its one inline script
/// (the page's configuration) runs by this response's CSP nonce, under a policy of its own; everywhere else no inline
/// script runs at all.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, (options, context) => options
                .WithTitle("CoGov API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument("v1")
                .WithNonce(context.GetNonce())
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .ShowOperationId()
                .AddPreferredSecuritySchemes(BearerTokenAuthentication.SchemeName))
            .AllowAnonymous()
            .WithSecurityHeadersPolicy(Infrastructure.SecurityHeaders.ScriptNoncePolicy);
        return app;
    }
}
