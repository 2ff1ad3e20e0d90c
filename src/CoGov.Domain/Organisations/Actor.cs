namespace CoGov.Domain.Organisations;

/// <summary>
/// A person acting in an organisation, with what the organisation knows of their standing:
/// their side and their seat on the joint committee. The rules of who may do what are checked against this.
/// </summary>
public sealed record Actor(Guid PersonId, string Name, Guid OrganisationId, Side Side, CommitteeRole? CommitteeRole)
{
    /// <summary>
    /// The login acting as this person (a CoGov account's id), which the log records beside the person; empty when
    /// CoGov acts on the person's behalf (an import of past events, seeding), which the log records as CoGov's.
    /// </summary>
    public string? Login { get; init; }

    public bool IsCommitteeMember => CommitteeRole is not null;

    public bool IsCommitteeChair => CommitteeRole == Organisations.CommitteeRole.Chair;
}
