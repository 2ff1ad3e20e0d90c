namespace CoGov.Domain.Organisations;

/// <summary>One seat on the joint committee, held by a named person of the organisation.</summary>
public sealed class CommitteeSeat
{
    private CommitteeSeat()
    {
    }

    internal CommitteeSeat(Guid committeeId, Guid personId, Side side, CommitteeRole role)
    {
        Id = Guid.CreateVersion7();
        CommitteeId = committeeId;
        PersonId = personId;
        Side = side;
        Role = role;
    }

    public Guid Id { get; private set; }
    public Guid CommitteeId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The side the seat belongs to: always the side of the person holding it.</summary>
    public Side Side { get; private set; }

    public CommitteeRole Role { get; private set; }

    internal void ChangeRole(CommitteeRole role) => Role = role;
}
