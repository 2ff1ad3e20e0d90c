using System.Security.Cryptography;
using System.Text;
using CoGov.Workflows.Calendar;

namespace CoGov.Web.Calendar;

/// <summary>The calendar feeds: their reader and writer, and the one address calendar apps fetch them from.</summary>
public static class CalendarFeedsRegistration
{
    public static IHostApplicationBuilder AddCalendarFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CalendarFeedReader>();
        builder.Services.AddScoped<CalendarFeedWriter>();
        return builder;
    }

    /// <summary>The address of a feed, relative to the app: give it to <c>PublicOrigin.Link</c> for the one people subscribe to.</summary>
    public static string FeedUrl(string secret) => $"calendar/{Uri.EscapeDataString(secret)}.ics";

    /// <summary>
    /// A feed, fetched without a cookie by a calendar app: the secret in the address is the only credential, and an
    /// unknown, regenerated or revoked one answers 404 like an address that never existed. Never cached by a proxy,
    /// since the address alone decides whose data it is; an ETag lets a calendar that already has it skip the download.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/{secret}.ics", async (string secret, CalendarFeedReader reader, CalendarFeedWriter writer, HttpContext context) =>
            {
                var feed = await reader.ReadAsync(secret, context.RequestAborted);
                if (feed is null)
                {
                    return Results.NotFound();
                }
                var text = writer.Write(feed);
                var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]}\"";
                context.Response.Headers.CacheControl = "private, no-cache";
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag)))
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
                return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .WithMetadata(new CalendarFeedEndpoint());
        return endpoints;
    }
}

/// <summary>Marks the feed endpoint, so the rate limiter counts its requests without writing its address again.</summary>
public sealed class CalendarFeedEndpoint;
