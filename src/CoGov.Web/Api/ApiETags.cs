using Microsoft.Net.Http.Headers;

namespace CoGov.Web.Api;

/// <summary>
/// Optimistic concurrency, visible: a read of a thing answers its ETag, a write may send it back as If-Match, and is
/// refused with 412 when the thing moved since (decision record 24). A write without If-Match is still protected by
/// the engine's own concurrency check (409), as a page's form is.
/// </summary>
public static class ApiETags
{
    /// <summary>The strong ETag of a version the engine gives (a log position, a row version).</summary>
    public static string Of(string version) => new EntityTagHeaderValue($"\"{version}\"").ToString();

    public static void Set(HttpContext context, string etag) => context.Response.Headers.ETag = etag;

    /// <summary>Refuses the write (412) when If-Match is given and names neither <paramref name="current"/> nor <c>*</c>.</summary>
    public static void RequireMatch(HttpContext context, string current)
    {
        var given = context.Request.GetTypedHeaders().IfMatch;
        if (given.Count == 0 || given.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(EntityTagHeaderValue.Parse(current), useStrongComparison: true)))
        {
            return;
        }
        throw new PreconditionFailedException(current);
    }
}
