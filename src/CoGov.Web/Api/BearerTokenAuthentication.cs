using System.Security.Claims;
using System.Text.Encodings.Web;
using CoGov.Workflows.AccessTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Api;

/// <summary>
/// Personal access tokens as bearer tokens (RFC 6750), for the API alone: the principal is the token's login with the
/// token's grant, and the pipeline authorises it as it would the login on a page, narrowed to the token's organisation
/// and access (decision record 25). A cookie never authenticates an API request, so no page can be made to send one.
/// </summary>
public sealed class BearerTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenReader tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var holder = await tokens.FindAsync(header[(SchemeName.Length + 1)..].Trim(), Context.RequestAborted);
        if (holder is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its member was removed or locked out.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, holder.UserId), .. holder.Grant.Claims()], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        // RFC 6750 §3: say which scheme, and whether a token was given and refused.
        Response.Headers.WWWAuthenticate = presented
            ? $"{SchemeName} realm=\"CoGov\", error=\"invalid_token\", error_description=\"The token is unknown, revoked or expired\""
            : $"{SchemeName} realm=\"CoGov\"";
        await ApiProblems.WriteAsync(Context, ApiProblemTypes.Unauthorized, StatusCodes.Status401Unauthorized,
            presented
                ? "The token given is unknown, revoked or expired, or its member was removed or locked out."
                : "Send a personal access token as `Authorization: Bearer <token>`; make one in your account pages.");
    }
}
