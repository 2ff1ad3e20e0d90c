namespace CoGov.Workflows.Identity;

/// <summary>
/// A user's membership of one organisation, and the person they are in it. A user may belong to several organisations
/// (a regional officer, an administrator); an administrator need not be one of its people.
/// </summary>
public sealed class Membership
{
    private Membership()
    {
        UserId = "";
    }

    public Membership(string userId, Guid organisationId, Guid? personId)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        OrganisationId = organisationId;
        PersonId = personId;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid? PersonId { get; private set; }
}
