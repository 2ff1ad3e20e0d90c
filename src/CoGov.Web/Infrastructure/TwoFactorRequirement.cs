using System.Security.Claims;
using CoGov.Web.Components.Account.Pages.Manage;
using CoGov.Workflows.Identity;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Sends a signed-in administrator or chair who has no second factor, of an organisation that requires one, to set one
/// up before any of that organisation's pages: who must is decided once, by <see cref="SecondFactorDemands"/>; this
/// only redirects. Other organisations' pages and their own account pages stay open to them.
/// </summary>
public static class TwoFactorRequirement
{
    public static IHostApplicationBuilder AddCoGovTwoFactorRequirement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SecondFactorDemands>();
        return builder;
    }

    public static IApplicationBuilder UseCoGovTwoFactorRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Every page and download of an organisation is routed by its key.
            if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                && context.GetRouteValue("OrganisationKey") is string key
                && await context.RequestServices.GetRequiredService<SecondFactorDemands>().MustEnrolAsync(userId, key, context.RequestAborted))
            {
                if (Api.ApiProblems.IsApiRequest(context))
                {
                    // A program cannot set one up; a token must not be the way round the requirement either.
                    await Api.ApiProblems.WriteAsync(context, Api.ApiProblemTypes.SecondFactorRequired, StatusCodes.Status403Forbidden,
                        "This organisation requires its administrators and committee chairs to use a second factor; set one up in your account pages first.");
                    return;
                }
                context.Response.Redirect($"{context.Request.PathBase}/{TwoFactorAuthentication.Url(key)}");
                return;
            }
            await next(context);
        });
}
