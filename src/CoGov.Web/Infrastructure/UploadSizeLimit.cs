using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// A request larger than its page takes (the upload pages say how much with <c>[RequestSizeLimit]</c>; every other
/// address takes Kestrel's limit) is answered 413 with a short page that names the limit. A request that says its length
/// is refused before anything reads it; one sent in chunks to an upload page is counted as it arrives and refused at
/// the limit; anywhere else Kestrel cuts it off, and the exception reading then throws is turned into the same page,
/// never into an error page with its stack.
/// </summary>
public sealed class UploadSizeLimit(RequestDelegate next, IStringLocalizer<UploadSizeLimit> localizer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var pageLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var limit = pageLimit ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is { } most && context.Request.ContentLength > most)
        {
            await RefuseAsync(context, most);
            return;
        }
        if (pageLimit is { } cap && context.Request.ContentLength is null && HttpMethods.IsPost(context.Request.Method)
            && !await ArrivesWithinAsync(context, cap))
        {
            await RefuseAsync(context, cap);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsTooLarge(ex))
        {
            await RefuseAsync(context, limit);
        }
    }

    /// <summary>
    /// A body sent in chunks, read here up to the limit and kept for the page: antiforgery reads the form first and would
    /// report a body cut off by Kestrel as a missing token (400), not as too large.
    /// </summary>
    private static async Task<bool> ArrivesWithinAsync(HttpContext context, long limit)
    {
        context.Request.EnableBuffering();
        var chunk = new byte[81_920];
        var total = 0L;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if ((total += read) > limit)
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (IsTooLarge(ex))
        {
            return false;
        }
        context.Request.Body.Position = 0;
        return true;
    }

    /// <summary>Kestrel's limit (413), or a form's own limits on its parts, which the form reader throws as bad data.</summary>
    private static bool IsTooLarge(Exception ex) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode == StatusCodes.Status413PayloadTooLarge,
        InvalidDataException => ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase),
        _ => ex.InnerException is { } inner && IsTooLarge(inner),
    };

    private async Task RefuseAsync(HttpContext context, long? limit)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        response.ContentType = "text/html; charset=utf-8";
        var encoder = HtmlEncoder.Default;
        var title = localizer["Too large to send"];
        var size = limit is { } most
            ? localizer["This page takes at most {0} MB at once, and what was sent is larger. Nothing was read or changed.", (most / 1_000_000d).ToString("0.#", CultureInfo.CurrentCulture)]
            : localizer["What was sent is larger than this server takes at once. Nothing was read or changed."];
        var back = localizer["Back to the page"];
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{encoder.Encode(CultureInfo.CurrentUICulture.Name)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{encoder.Encode(title)} · CoGov</title></head>
            <body>
            <main>
            <h1>{encoder.Encode(title)}</h1>
            <p role="alert">{encoder.Encode(size)}</p>
            <p><a href="{encoder.Encode(context.Request.PathBase + context.Request.Path)}">{encoder.Encode(back)}</a></p>
            </main>
            </body>
            </html>
            """, context.RequestAborted);
    }
}

public static class UploadSizeLimitRegistration
{
    /// <summary>After routing, so each page's own limit is known, and before antiforgery, which is the first to read a form.</summary>
    public static IApplicationBuilder UseUploadSizeLimit(this IApplicationBuilder app) => app.UseMiddleware<UploadSizeLimit>();
}
