using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CoGov.Web.Components.Account.Pages;
using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Components.Pages.Records;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// How often the actions an attacker repeats may be taken: signing in, asking for a reset or a confirmation mail and
/// accepting an invitation, counted per client address; sending invitations and printing records, counted per login.
/// Only the posts that act are counted: every page still opens. Each limit is a fixed window, read from the
/// <c>RateLimits</c> section so operators (and tests) can tune it (decision record 16).
/// </summary>
public static class RateLimits
{
    public const string SectionName = "RateLimits";

    public const string SignIn = nameof(SignIn);
    public const string PasswordReset = nameof(PasswordReset);
    public const string ConfirmationMail = nameof(ConfirmationMail);
    public const string InvitationAcceptance = nameof(InvitationAcceptance);
    public const string Invitations = nameof(Invitations);
    public const string Printing = nameof(Printing);
    public const string AnswerLinks = nameof(AnswerLinks);
    public const string CalendarFeeds = nameof(CalendarFeeds);
    public const string Api = nameof(Api);

    public static readonly IReadOnlyList<string> Names = [SignIn, PasswordReset, ConfirmationMail, InvitationAcceptance, Invitations, Printing, AnswerLinks, CalendarFeeds, Api];

    /// <summary>
    /// Sized for a union branch: a meeting signs in from one office address at once, while a guesser gets a handful of
    /// tries a minute on top of each login's own lockout. A print starts a browser, so a person's prints are few.
    /// </summary>
    private static readonly Dictionary<string, RateLimit> Defaults = new()
    {
        [SignIn] = new(30, TimeSpan.FromMinutes(1)),
        [PasswordReset] = new(5, TimeSpan.FromMinutes(15)),
        [ConfirmationMail] = new(5, TimeSpan.FromMinutes(15)),
        [InvitationAcceptance] = new(10, TimeSpan.FromMinutes(15)),
        [Invitations] = new(50, TimeSpan.FromHours(1)),
        [Printing] = new(10, TimeSpan.FromMinutes(10)),
        // Every visit and post of an answer link's page, per client address: a manager answering uses a handful, while
        // someone trying codes or flooding a mailbox with them soon waits (decision record 21).
        [AnswerLinks] = new(60, TimeSpan.FromMinutes(10)),
        // Calendar apps fetch a feed every quarter of an hour or so; a whole office behind one address stays well under this.
        [CalendarFeeds] = new(120, TimeSpan.FromMinutes(10)),
        // Every API request, per token: a program syncing a branch's spreadsheet needs a few hundred a minute at most,
        // and a runaway loop should not hold the server from the people using its pages (decision record 24).
        [Api] = new(600, TimeSpan.FromMinutes(1)),
    };

    /// <summary>The Blazor form that sends an invitation from the members page (<c>Members.InviteForm</c>).</summary>
    private const string InviteFormName = "invite";

    public static IHostApplicationBuilder AddCoGovRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = Names.ToDictionary(name => name, name =>
        {
            var section = builder.Configuration.GetSection($"{SectionName}:{name}");
            var fallback = Defaults[name];
            return new RateLimit(section.GetValue("PermitLimit", fallback.PermitLimit), section.GetValue("Window", fallback.Window));
        });
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PolicyOf(context.Request) is { } policy
                    ? RateLimitPartition.GetFixedWindowLimiter($"{policy}|{PartitionKey(context, policy)}", _ => limits[policy].Options())
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = RefuseAsync;
        });
        return builder;
    }

    /// <summary>After authentication (signed-in limits count per login) and after forwarded headers have set the client address.</summary>
    public static IApplicationBuilder UseCoGovRateLimits(this IApplicationBuilder app)
    {
        // The members page holds several forms; only the invitation counts, and which form was sent is in the body.
        // Reading it here keeps it for the page, which reads the same cached form.
        app.Use(async (context, next) =>
        {
            if (IsPost(context.Request) && PageOf(context) == typeof(Members) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>Which limit a request counts against, by the page its endpoint renders, so no address is written twice.</summary>
    private static string? PolicyOf(HttpRequest request)
    {
        // Opening an answer link can mail a code, so its page counts every request, not only posts.
        if (PageOf(request.HttpContext) == typeof(Components.Pages.AnswerLinks.AnswerLinkPage))
        {
            return AnswerLinks;
        }
        // A feed's address is its only credential, so fetching feeds is what a guesser repeats: GETs count here too.
        if (request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Calendar.CalendarFeedEndpoint>() is not null)
        {
            return CalendarFeeds;
        }
        if (CoGov.Web.Api.ApiProblems.IsApiRequest(request.HttpContext))
        {
            return RateLimits.Api;
        }
        if (!IsPost(request))
        {
            return null;
        }
        if (string.Equals(request.Path.Value, "/Account/PasskeyRequestOptions", StringComparison.OrdinalIgnoreCase))
        {
            return SignIn;
        }
        var page = PageOf(request.HttpContext);
        if (page == typeof(Login) || page == typeof(LoginWith2fa) || page == typeof(LoginWithRecoveryCode))
        {
            return SignIn;
        }
        if (page == typeof(ForgotPassword) || page == typeof(ResetPassword))
        {
            return PasswordReset;
        }
        if (page == typeof(ResendEmailConfirmation))
        {
            return ConfirmationMail;
        }
        if (page == typeof(AcceptInvitation))
        {
            return InvitationAcceptance;
        }
        if (page == typeof(Members) && request.HasFormContentType
            && request.HttpContext.Features.Get<IFormFeature>()?.Form is { } form && form["_handler"] == InviteFormName)
        {
            return Invitations;
        }
        // The record's and the meeting pack's only form prints.
        if (page == typeof(AssessmentRecordPage) || page == typeof(MeetingPackPage))
        {
            return Printing;
        }
        return null;
    }

    private static Type? PageOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;

    private static string PartitionKey(HttpContext context, string policy) =>
        policy == RateLimits.Api && context.User.FindFirstValue(Workflows.AccessTokens.AccessTokenGrant.IdClaim) is { } token
            ? $"token:{token}"
            : policy is Invitations or Printing && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } login
                ? $"login:{login}"
                : $"ip:{ClientAddress(context)}";

    /// <summary>IPv6 clients get a /64 each, so one machine cannot take a fresh address for every try.</summary>
    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (CoGov.Web.Api.ApiProblems.IsApiRequest(rejected.HttpContext))
        {
            await CoGov.Web.Api.ApiProblems.WriteAsync(rejected.HttpContext, CoGov.Web.Api.ApiProblemTypes.TooManyRequests, StatusCodes.Status429TooManyRequests,
                $"Too many requests with this token; wait {seconds} seconds.");
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many tries · CoGov</title></head>
            <body><main><h1>Too many tries</h1>
            <p>This has been tried too often in a short time. Wait {minutes} minute{(minutes == 1 ? "" : "s")}, then go back and try again.</p>
            </main></body></html>
            """, cancellationToken);
    }

    private static bool IsPost(HttpRequest request) => HttpMethods.IsPost(request.Method);

    private sealed record RateLimit(int PermitLimit, TimeSpan Window)
    {
        public FixedWindowRateLimiterOptions Options() => new()
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
