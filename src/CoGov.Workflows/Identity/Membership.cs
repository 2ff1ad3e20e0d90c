namespace CoGov.Workflows.Identity;

/// <summary>
/// A user's membership of one organisation, the person they are in it and the roles they hold there. A user may belong
/// to several organisations (a regional officer, an administrator) with different roles in each; an administrator need
/// not be one of its people.
/// </summary>
public sealed class Membership
{
    private Membership()
    {
        UserId = "";
    }

    public Membership(string userId, Guid organisationId, Guid? personId, IEnumerable<string>? roles = null)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        OrganisationId = organisationId;
        PersonId = personId;
        SetRoles(roles ?? []);
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid? PersonId { get; private set; }

    /// <summary>The roles held in this organisation, in the order of <see cref="Identity.Roles.All"/>.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The roles given are the ones held afterwards; anything that is not a role is ignored (validators refuse it first).</summary>
    public void SetRoles(IEnumerable<string> roles)
    {
        var wanted = roles.ToHashSet(StringComparer.Ordinal);
        Roles = [.. Identity.Roles.All.Where(wanted.Contains)];
    }

    public bool Holds(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Whether this member must have a second factor to use the organisation: its administrators and committee chairs
    /// do, unless the organisation has turned the requirement off. The one place this rule is written (decision record 16).
    /// </summary>
    public bool MustUseSecondFactor(bool organisationRequiresIt) =>
        organisationRequiresIt && (Holds(Identity.Roles.Admin) || Holds(Identity.Roles.CommitteeChair));
}
