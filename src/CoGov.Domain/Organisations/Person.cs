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

    internal Person(Guid organisationId, string key, string name, Side side, string title, string email, string? department, Guid? superiorId)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Key = key;
        Name = name;
        Side = side;
        Title = title;
        Email = email;
        Department = department;
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

    /// <summary>Where in the organisation they work, when the committee records it.</summary>
    public string? Department { get; private set; }

    /// <summary>
    /// When they left the organisation's work with CoGov. A retired person is never deleted: the logs and records name
    /// them, and their past answers and signatures stay theirs. They can no longer be chosen for anything new.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    /// <summary>For a manager: the named superior that overdue questions escalate to.</summary>
    public Guid? SuperiorId { get; private set; }

    public bool IsAccountableManager => Side == Side.Management;

    /// <summary>
    /// Whether questions reach them as signed answer links even when they have a login: for a manager who will not sign
    /// in to a union's tool, or shares a machine. Without a login they get links anyway (decision record 21).
    /// </summary>
    public bool PrefersAnswerLinks { get; private set; }

    internal bool ChangeAnswerLinkPreference(bool prefers)
    {
        if (PrefersAnswerLinks == prefers)
        {
            return false;
        }
        PrefersAnswerLinks = prefers;
        return true;
    }

    internal void Edit(string name, string title, string email, string? department, Guid? superiorId)
    {
        Name = name;
        Title = title;
        Email = email;
        Department = department;
        SuperiorId = superiorId;
    }

    internal void Retire(DateTimeOffset at) => RetiredAt = at.ToUniversalTime();

    public override string ToString() => $"{Name} ({Side})";
}
