using CoGov.Domain.Common;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Api;

/// <summary>
/// The stable <c>type</c> of every refusal the API gives (RFC 9457): a program branches on these, never on the wording,
/// which follows the reader's language. Relative to the instance, so the same on every CoGov, and each one answers
/// with its description when fetched (decision record 24).
/// </summary>
public static class ApiProblemTypes
{
    public const string Base = "/api/problems/";

    /// <summary>No token, or one that is unknown, revoked or expired, or whose member was removed or locked: 401.</summary>
    public const string Unauthorized = Base + "unauthorized";

    /// <summary>The token's member lacks the role, the token is read-only, or the request concerns no organisation: 403.</summary>
    public const string Forbidden = Base + "forbidden";

    /// <summary>The organisation requires a second factor of this administrator or chair, who has none: 403.</summary>
    public const string SecondFactorRequired = Base + "second-factor-required";

    /// <summary>It does not exist, or it is not the token's member's to know of (another organisation's): 404.</summary>
    public const string NotFound = Base + "not-found";

    /// <summary>The input is wrong; <c>errors</c> lists the messages by field: 400.</summary>
    public const string Validation = Base + "validation";

    /// <summary>A rule of the committee's process refuses it (a question already answered, a sign-off too early); <c>rules</c> lists each: 422.</summary>
    public const string RuleRefused = Base + "rule-refused";

    /// <summary>Someone changed the same thing at the same moment; nothing was saved; <c>reload</c> says what to read again: 409.</summary>
    public const string Conflict = Base + "conflict";

    /// <summary>The If-Match given is not the thing's current ETag: it moved since it was read; nothing was saved: 412.</summary>
    public const string PreconditionFailed = Base + "precondition-failed";

    /// <summary>Too many requests from this address; <c>Retry-After</c> says when to try again: 429.</summary>
    public const string TooManyRequests = Base + "too-many-requests";

    /// <summary>Each type with its status and what it means, for the reference page and the type addresses themselves.</summary>
    public static readonly IReadOnlyList<(string Type, int Status, string Title, string Meaning)> All =
    [
        (Unauthorized, 401, "Unauthorized", "No personal access token was given, or the one given is unknown, revoked or expired, or its member was removed or locked out. Send `Authorization: Bearer <token>` with a token made in your account pages."),
        (Forbidden, 403, "Forbidden", "The token's member does not hold a role this needs, the token is read-only and this changes something, or the request concerns no organisation."),
        (SecondFactorRequired, 403, "Second factor required", "The organisation requires administrators and committee chairs to use a second factor; set one up in your account pages first."),
        (NotFound, 404, "Not found", "It does not exist, or it belongs to an organisation the token is not for."),
        (Validation, 400, "Invalid input", "The input is wrong; `errors` lists the messages by field."),
        (RuleRefused, 422, "Refused by a rule", "A rule of the committee's process refuses this as things stand; `rules` lists each rule's message."),
        (Conflict, 409, "Conflict", "Someone changed the same thing at the same moment, so nothing was saved; read `reload` again and retry."),
        (PreconditionFailed, 412, "Precondition failed", "The If-Match header is not the current ETag: the thing moved since it was read, so nothing was saved. Read it again."),
        (TooManyRequests, 429, "Too many requests", "Too many requests in a short time; wait for the seconds `Retry-After` gives."),
    ];
}

/// <summary>A write sent with an If-Match that is no longer the thing's ETag.</summary>
public sealed class PreconditionFailedException(string currentETag) : Exception("The thing changed since it was read.")
{
    public string CurrentETag { get; } = currentETag;
}

/// <summary>
/// Where a client reads again after a conflict, as a route template filled from the request's own route values:
/// put on a write endpoint with <see cref="ApiRegistration.ReloadFrom{TBuilder}"/>.
/// </summary>
public sealed record ReloadAddress(string Template);

/// <summary>
/// Turns what the engine refuses into problem details (RFC 9457) with a stable type, for every API endpoint: the
/// endpoints only send requests and shape results. Texts are in the reader's language, as on the pages.
/// </summary>
public sealed class ApiProblems(IStringLocalizer<Refusals> refusals) : IEndpointFilter
{
    public const string ContentType = "application/problem+json";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // The API's middleware (ApiRegistration.MapCoGovApi) has already turned the browser's status code pages off.
        try
        {
            return await next(context);
        }
        catch (NotFoundException ex)
        {
            return Problem(ApiProblemTypes.NotFound, 404, ex.Message);
        }
        catch (ForbiddenException ex)
        {
            return Problem(ApiProblemTypes.Forbidden, 403, ex.Message);
        }
        catch (InputRejectedException ex)
        {
            return Validation(ex.Errors.ToDictionary(e => Camel(e.Key), e => e.Value.Select(refusals.Say).ToArray()));
        }
        catch (DomainRuleException ex)
        {
            var rules = ex.Violations.Select(v => refusals.Say(v.Text)).ToArray();
            return Problem(ApiProblemTypes.RuleRefused, 422, string.Join(" ", rules), new() { ["rules"] = rules });
        }
        catch (ConflictException ex)
        {
            return Problem(ApiProblemTypes.Conflict, 409, refusals.Say(ex.Text), new() { ["reload"] = Reload(context.HttpContext) });
        }
        catch (PreconditionFailedException ex)
        {
            context.HttpContext.Response.Headers.ETag = ex.CurrentETag;
            return Problem(ApiProblemTypes.PreconditionFailed, 412, ex.Message, new() { ["reload"] = Reload(context.HttpContext) });
        }
    }

    /// <summary>A problem of one of <see cref="ApiProblemTypes"/>, with its title.</summary>
    public static ProblemHttpResult Problem(string type, int status, string? detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, type: type, statusCode: status, title: Title(type), extensions: extensions);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ApiProblemTypes.Validation, title: Title(ApiProblemTypes.Validation));

    /// <summary>A validation problem about one field the endpoint itself reads (a cursor, a limit), before any request is sent.</summary>
    public static InputRejectedException InputRejected(string field, Phrase phrase) => new(new Dictionary<string, Phrase[]> { [field] = [phrase] });

    /// <summary>Writes a problem outside an endpoint (the bearer challenge, the two-factor requirement, the rate limiter).</summary>
    public static Task WriteAsync(HttpContext context, string type, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Type = type, Status = status, Title = Title(type), Detail = detail, Instance = context.Request.Path },
            options: null, contentType: ContentType);
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ApiRegistration.Prefix);

    private static string? Reload(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ReloadAddress>() is not { } reload)
        {
            return null;
        }
        var address = reload.Template;
        foreach (var (name, value) in context.Request.RouteValues)
        {
            address = address.Replace("{" + name + "}", Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""), StringComparison.OrdinalIgnoreCase);
        }
        return ApiRegistration.Prefix + address;
    }

    private static string Title(string type) => ApiProblemTypes.All.FirstOrDefault(p => p.Type == type).Title ?? "Error";

    /// <summary>The engine names fields as its records do (Answer); JSON bodies name them in camel case (answer).</summary>
    private static string Camel(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
