using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Common;
using Mediator;

namespace CoGov.Web.Api;

/// <summary>The token a program presents: what it is for, and how the program revokes it when it knows it leaked.</summary>
public static class TokenApi
{
    public sealed record TokenDescription(Guid Id, string OrganisationKey, TokenAccess Access);

    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        var token = api.MapGroup("/token").WithTags("Token");

        token.MapGet("", (UserContext user) => user.Token is { } grant
                ? TypedResults.Ok(new TokenDescription(grant.Id, grant.OrganisationKey, grant.Access))
                : throw new ForbiddenException("Only a personal access token describes itself."))
            .WithName("GetToken")
            .WithSummary("Which organisation the presented token is for, and whether it may write.");

        token.MapDelete("", async (UserContext user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var grant = user.Token ?? throw new ForbiddenException("Only a personal access token revokes itself.");
                await mediator.Send(new RevokePersonalAccessToken(grant.OrganisationKey, grant.Id), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("RevokeToken")
            .WithSummary("Revokes the presented token: every later request with it answers 401.")
            .ProducesCommandProblems();
        return api;
    }
}
