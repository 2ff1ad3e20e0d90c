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

    public bool IsInRole(string role) => IsSystem || _principal.IsInRole(role);

    /// <summary>
    /// The person the user is in the organisation the current request concerns, set by the authorisation behaviour
    /// from their membership; empty for CoGov itself and for members who are not one of the organisation's people.
    /// </summary>
    public Guid? PersonId => Actor?.PersonId;

    /// <summary>The person acting, with their side and committee seat, when the member is one of the organisation's people.</summary>
    public Domain.Organisations.Actor? Actor { get; private set; }

    internal void ActAs(Domain.Organisations.Actor? actor) => Actor = actor;

    public void SignIn(ClaimsPrincipal principal)
    {
        _principal = principal;
        IsSystem = false;
        Actor = null;
    }

    public void ActAsSystem()
    {
        _principal = new ClaimsPrincipal(new ClaimsIdentity());
        IsSystem = true;
        Actor = null;
    }
}
