using System.Security.Claims;

namespace CoGov.Workflows.Common;

/// <summary>
/// Who is sending commands in this scope. The web app sets it from the signed-in user for each request and circuit;
/// start-up seeding acts as CoGov itself. Authorisation is decided from this in the pipeline, never in a page.
/// </summary>
public sealed class UserContext
{
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    /// <summary>CoGov itself: start-up seeding and scheduled work. It may do anything.</summary>
    public bool IsSystem { get; private set; }

    public string? UserId => _principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsAuthenticated => IsSystem || _principal.Identity?.IsAuthenticated == true;

    /// <summary>
    /// The key of the organisation the latest request concerned, set by the authorisation behaviour from the user's
    /// membership of it; empty outside a request about an organisation.
    /// </summary>
    public string? OrganisationKey { get; private set; }

    /// <summary>The roles the user holds in <see cref="OrganisationKey"/>; none outside a request about an organisation.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>Whether the user holds the role in the organisation the current request concerns (CoGov itself holds every role).</summary>
    public bool IsInRole(string role) => IsSystem || Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Whether the user holds a role <typeparamref name="TRequest"/> needs (its <see cref="RequiresRoleAttribute"/>) in
    /// the organisation the current request concerns: what a query asks before offering that request as an action, so
    /// a page never offers what the pipeline would refuse.
    /// </summary>
    public bool MaySend<TRequest>() =>
        (AnswerLink is null || AnswerLinks.AnswerLinkGrant.MaySend(typeof(TRequest)))
        && (typeof(TRequest).GetCustomAttributes(typeof(RequiresRoleAttribute), inherit: false) is not [RequiresRoleAttribute required]
            || required.Roles.Any(IsInRole));

    /// <summary>
    /// The answer link this request came through, instead of a login: the second way in beside memberships, good for
    /// one question, one person and the requests marked as answerable through a link (decision record 21).
    /// </summary>
    public AnswerLinks.AnswerLinkGrant? AnswerLink { get; private set; }

    /// <summary>Acts for the bearer of a verified answer link, and for no signed-in user, for the rest of this scope.</summary>
    internal void ActThroughAnswerLink(AnswerLinks.AnswerLinkGrant grant)
    {
        _principal = new ClaimsPrincipal(new ClaimsIdentity());
        IsSystem = false;
        Forget();
        Token = null;
        AnswerLink = grant;
    }

    /// <summary>
    /// Whether the user holds the role in this organisation, as the pipeline found it for the page's own request: a
    /// page's navigation asks this after its query ran, and gets no for an organisation no request has concerned.
    /// </summary>
    public bool HoldsRoleIn(string organisationKey, string role) =>
        IsSystem || (string.Equals(OrganisationKey, organisationKey, StringComparison.Ordinal) && IsInRole(role));

    /// <summary>
    /// The person the user is in the organisation the current request concerns, set by the authorisation behaviour
    /// from their membership; empty for CoGov itself and for members who are not one of the organisation's people.
    /// </summary>
    public Guid? PersonId => Actor?.PersonId;

    /// <summary>The person acting, with their side and committee seat, when the member is one of the organisation's people.</summary>
    public Domain.Organisations.Actor? Actor { get; private set; }

    internal void ActAs(string organisationKey, Domain.Organisations.Actor? actor, IReadOnlyList<string> roles)
    {
        OrganisationKey = organisationKey;
        Actor = actor;
        Roles = roles;
    }

    /// <summary>
    /// The personal access token this request came with, when it came through the API rather than a page: the
    /// pipeline then lets it send only its own organisation's requests, and only queries when it is read-only
    /// (decision record 25).
    /// </summary>
    public AccessTokens.AccessTokenGrant? Token { get; private set; }

    public void SignIn(ClaimsPrincipal principal)
    {
        _principal = principal;
        IsSystem = false;
        Forget();
        Token = AccessTokens.AccessTokenGrant.From(principal);
    }

    public void ActAsSystem()
    {
        _principal = new ClaimsPrincipal(new ClaimsIdentity());
        IsSystem = true;
        Forget();
        Token = null;
    }

    private void Forget()
    {
        AnswerLink = null;
        OrganisationKey = null;
        Actor = null;
        Roles = [];
    }
}
