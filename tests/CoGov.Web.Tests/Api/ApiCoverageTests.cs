using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Api;

/// <summary>
/// Every operation of the API, found in the app's own endpoints rather than listed by hand, so an endpoint added later
/// is covered: each answers 401 without a token and 404 to another organisation's token (storing nothing), and each is
/// in the OpenAPI document with an id, a summary, a tag, its answer's schema and the problems it may answer.
/// </summary>
[Trait("Category", "Attack")]
public sealed partial class ApiCoverageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisationKey"] = DemoLogins.Organisation,
        ["systemKey"] = "rostering",
        ["cycle"] = "2",
        ["number"] = "6",
        ["personKey"] = "amara-okafor",
    };

    [Fact]
    public async Task EveryOperationAnswers401WithAProblemWithoutAToken()
    {
        var client = app.ApiClientWith(token: null);
        var wrong = new List<string>();
        foreach (var (method, address) in Operations())
        {
            var response = await client.SendAsync(Request(method, address));
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{method} {address}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryOperationOnAnOrganisationIsNotFoundToAnotherOrganisationsTokenAndStoresNothing()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);
        // Used once first, so its last use (kept to the minute) is already written when the fingerprint is taken.
        Assert.Equal(HttpStatusCode.OK, (await northfield.GetAsync("/api/v1/token")).StatusCode);
        var before = await AttackSurface.FingerprintAsync(app);

        var wrong = new List<string>();
        var tried = 0;
        foreach (var (method, address) in Operations().Where(o => o.Address.Contains($"/organisations/{DemoLogins.Organisation}", StringComparison.Ordinal)))
        {
            tried++;
            var response = await northfield.SendAsync(Request(method, address));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains(ApiProblemTypes.NotFound, StringComparison.Ordinal))
            {
                wrong.Add($"{method} {address}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.Equal(Endpoints().Count(e => e.Template.Contains("{organisationKey}", StringComparison.OrdinalIgnoreCase)), tried);
    }

    [Fact]
    public async Task EveryOperationIsInTheOpenApiDocumentWithItsIdSummaryTagSchemaAndProblems()
    {
        using var document = JsonDocument.Parse(await app.ApiClientWith(token: null).GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var wrong = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints())
        {
            var (method, template) = (endpoint.Method, "/" + endpoint.Template.Trim('/'));
            var name = $"{method} {template}";
            if (!paths.TryGetProperty(RouteConstraint().Replace(template, "{$1}"), out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                wrong.Add($"{name}: not in the document");
                continue;
            }
            if (!operation.TryGetProperty("operationId", out var id) || !ids.Add(id.GetString()!))
            {
                wrong.Add($"{name}: no operationId, or one another operation has");
            }
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                wrong.Add($"{name}: no summary");
            }
            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                wrong.Add($"{name}: no tag");
            }
            var responses = operation.GetProperty("responses");
            var expected = new List<string> { "401", "403", "404" };
            if (method is not "GET")
            {
                expected.AddRange(["400", "409", "422"]);
            }
            foreach (var status in expected.Where(s => !responses.TryGetProperty(s, out _)))
            {
                wrong.Add($"{name}: no {status} response");
            }
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                wrong.Add($"{name}: no success response");
            }
            foreach (var answer in success.Where(r => r.Name != "204" && !r.Value.TryGetProperty("content", out _)))
            {
                wrong.Add($"{name}: its {answer.Name} response has no schema");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task ABodyTheApiCannotReadIsAValidationProblemNotAnEmptyAnswerOrAPage()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, DemoLogins.Organisation);
        // Only the operations that read a JSON body: an action with nothing to say (accept, remind) takes none.
        var readingJson = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)
            .Select(e => e.RoutePattern.RawText)
            .ToHashSet(StringComparer.Ordinal);
        var tried = 0;
        foreach (var (method, address) in Operations(readingJson).Where(o => o.Method is "POST" or "PUT" or "PATCH"))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), address)
            {
                Content = new StringContent("{ this is not json", Encoding.UTF8, "application/json"),
            });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {address} answered {(int)response.StatusCode}.");
            Assert.Equal(ApiProblemTypes.Validation, (await response.ProblemAsync()).Type);
            tried++;
        }
        Assert.True(tried > 10, $"Only {tried} operations read a JSON body.");
    }

    private IEnumerable<(string Method, string Template)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiRegistration.Prefix, StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 }
                && !e.RoutePattern.RawText.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (method, e.RoutePattern.RawText!)))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.method, StringComparer.Ordinal);

    /// <summary>Each operation at an address of the demo hospital's, its route values filled in.</summary>
    private IEnumerable<(string Method, string Address)> Operations(IReadOnlySet<string?>? only = null) =>
        Endpoints().Where(e => only is null || only.Contains(e.Template)).Select(e => (e.Method, RouteParameter().Replace(e.Template, m =>
            RouteValues.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Groups[1].Value.EndsWith("Id", StringComparison.Ordinal) ? Guid.Empty.ToString() : "x")));

    private static HttpRequestMessage Request(string method, string address) =>
        new(new HttpMethod(method), address)
        {
            Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{([A-Za-z]+):[^}]*\}")]
    private static partial Regex RouteConstraint();
}
