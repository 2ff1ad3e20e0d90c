using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Api;

/// <summary>Clients of the API as a program holds them: a real token its member made, sent as a bearer token.</summary>
public static class ApiClients
{
    /// <summary>How the API writes JSON (camel case, enums by name), for reading its answers back.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A client of the API with a fresh token made by the member, as they would in their account pages.</summary>
    public static async Task<HttpClient> ApiClientAsync(this WebApplicationFactory<Program> app, string email, string organisationKey, TokenAccess access = TokenAccess.ReadWrite) =>
        app.ApiClientWith((await app.CreateTokenAsync(email, organisationKey, access)).Secret);

    /// <summary>A client of the API presenting exactly this token (or none).</summary>
    public static HttpClient ApiClientWith(this WebApplicationFactory<Program> app, string? token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>Makes a token through the same command the account page sends, as the member signed in.</summary>
    public static async Task<CreatedAccessToken> CreateTokenAsync(
        this WebApplicationFactory<Program> app, string email, string organisationKey, TokenAccess access = TokenAccess.ReadWrite, int days = 30) =>
        (CreatedAccessToken)(await app.SendAsAsync(email, new CreatePersonalAccessToken(organisationKey, "Test program", access, days)))!;

    /// <summary>Sends a request through the pipeline as the login signed in on a page would.</summary>
    public static async Task<object?> SendAsAsync(this WebApplicationFactory<Program> app, string email, object request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No login {email}.");
        ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoGovUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(principal);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>The problem details of a refused request, after checking it is one.</summary>
    public static async Task<ProblemBody> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemBody>(Json))!;
    }

    public sealed record ProblemBody(string Type, string Title, int Status, string? Detail, Dictionary<string, string[]>? Errors, string[]? Rules, string? Reload);
}
