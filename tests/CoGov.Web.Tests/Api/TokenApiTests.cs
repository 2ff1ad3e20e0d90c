using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoGov.Web.Api;
using CoGov.Workflows.AccessTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Api;

/// <summary>The API's ground rules, on the one endpoint every token has: bearer tokens only, problem details, its document.</summary>
public sealed class TokenApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    [Fact]
    public async Task WithoutATokenTheApiAnswers401WithAProblemAndABearerChallengeNeverALoginPage()
    {
        var response = await app.ApiClientWith(token: null).GetAsync("/api/v1/token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"CoGov\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Null(response.Headers.Location);
        var problem = await response.ProblemAsync();
        Assert.Equal(ApiProblemTypes.Unauthorized, problem.Type);
        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task ASignedInCookieIsNotACredentialForTheApi()
    {
        var browser = await app.SignedInClientAsync(DemoLogins.Amara);

        var response = await browser.GetAsync("/api/v1/token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Unauthorized, (await response.ProblemAsync()).Type);
    }

    [Fact]
    public async Task ATokenSaysWhichOrganisationItIsForAndWhetherItMayWrite()
    {
        var created = await app.CreateTokenAsync(DemoLogins.Amara, R, TokenAccess.ReadOnly);

        var response = await app.ApiClientWith(created.Secret).GetAsync("/api/v1/token");

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenApi.TokenDescription>(ApiClients.Json);
        Assert.Equal(new TokenApi.TokenDescription(created.Id, R, TokenAccess.ReadOnly), body);
        Assert.StartsWith(PersonalAccessToken.Prefix, created.Secret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseKeepsOnlyTheTokensHashAndItsLastUseToTheMinute()
    {
        var created = await app.CreateTokenAsync(DemoLogins.Daniel, R);
        await app.ApiClientWith(created.Secret).GetAsync("/api/v1/token");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoGovDbContext>();
        var row = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Id);
        Assert.Equal(PersonalAccessToken.Hash(created.Secret), row.TokenHash);
        Assert.NotEqual(created.Secret, row.TokenHash);
        var now = app.Clock.GetUtcNow();
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero), row.LastUsedAt);
    }

    [Fact]
    public async Task AnAddressTheApiDoesNotHaveIsANotFoundProblemNotThePage()
    {
        var response = await (await app.ApiClientAsync(DemoLogins.Amara, R)).GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiProblemTypes.NotFound, (await response.ProblemAsync()).Type);
    }

    [Fact]
    public async Task ATokenRevokesItselfAndIsRefusedFromThenOn()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/token")).StatusCode);

        var after = await client.GetAsync("/api/v1/token");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("error=\"invalid_token\"", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentIsServedWithoutATokenAndDescribesTheBearerScheme()
    {
        var response = await app.ApiClientWith(token: null).GetAsync("/openapi/v1.json");

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(root.GetProperty("paths").TryGetProperty("/api/v1/token", out _));
        Assert.All(root.GetProperty("paths").EnumerateObject(), path => Assert.StartsWith("/api/v1/", path.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryProblemTypeAddressAnswersWhatItMeans()
    {
        var client = app.ApiClientWith(token: null);
        foreach (var problem in ApiProblemTypes.All)
        {
            var text = await client.GetStringAsync(problem.Type);
            Assert.Contains(problem.Meaning, text, StringComparison.Ordinal);
        }
    }
}
