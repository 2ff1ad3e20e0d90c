using CoGov.Domain.Common;

namespace CoGov.Domain.Organisations;

/// <summary>
/// A named person of an organisation: a steward on the workers' side or an accountable manager on management's side.
/// Questions are always routed to a person, never to a department, so someone is always answerable.
/// </summary>
public sealed class Person
{
    private Person()
    {
        Key = Name = Title = Email = "";
    }

    internal Person(Guid organisationId, string key, string name, Side side, string title, string email, Guid? superiorId)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Key = key;
        Name = name;
        Side = side;
        Title = title;
        Email = email;
        SuperiorId = superiorId;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Key { get; private set; }
    public string Name { get; private set; }
    public Side Side { get; private set; }

    /// <summary>The person's job or union title, as the committee would introduce them.</summary>
    public string Title { get; private set; }

    public string Email { get; private set; }

    /// <summary>For a manager: the named superior that overdue questions escalate to.</summary>
    public Guid? SuperiorId { get; private set; }

    public bool IsAccountableManager => Side == Side.Management;

    public override string ToString() => $"{Name} ({Side})";
}
