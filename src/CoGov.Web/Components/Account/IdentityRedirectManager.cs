using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using CoGov.Workflows.Identity;

namespace CoGov.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<IdentityRedirectManager> localizer)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    /// <summary>
    /// A failure travels in a cookie of its own, so the page after the redirect shows it as one in every language
    /// rather than by finding the English "Error" at the start of the text.
    /// </summary>
    public const string ErrorCookieName = "Identity.ErrorMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
        => RedirectWithCookie(uri, StatusCookieName, message, context);

    public void RedirectToWithError(string uri, string message, HttpContext context)
        => RedirectWithCookie(uri, ErrorCookieName, message, context);

    private void RedirectWithCookie(string uri, string cookieName, string message, HttpContext context)
    {
        context.Response.Cookies.Append(cookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToCurrentPageWithError(string message, HttpContext context)
        => RedirectToWithError(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<CoGovUser> userManager, HttpContext context)
        => RedirectToWithError("Account/InvalidUser", localizer["Error: CoGov could not load the login with ID '{0}'.", userManager.GetUserId(context.User) ?? ""], context);
}
