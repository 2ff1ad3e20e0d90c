using CoGov.Domain.Common;

namespace CoGov.Domain.Organisations;

/// <summary>
/// The joint worker-management committee that co-governs the organisation's algorithmic systems.
/// Parity is the point of it: both sides hold the same number of seats, and each side has one chair.
/// </summary>
public sealed class JointCommittee
{
    private readonly List<CommitteeSeat> _seats = [];

    private JointCommittee()
    {
        Name = "";
    }

    internal JointCommittee(Guid organisationId, string name)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<CommitteeSeat> Seats => _seats.AsReadOnly();

    public bool IsBalanced => ParityProblem is null;

    /// <summary>What keeps the committee from parity, in words, or null when both sides have equal seats and a chair each.</summary>
    public Phrase? ParityProblem
    {
        get
        {
            var workers = SeatsOf(Side.Workers).Count();
            var management = SeatsOf(Side.Management).Count();
            if (workers != management)
            {
                return new Phrase("{0} must give both sides equal seats; the workers' side has {1} and the management side {2}.", Name, workers, management);
            }
            foreach (var side in new[] { Side.Workers, Side.Management })
            {
                if (!SeatsOf(side).Any(s => s.Role == CommitteeRole.Chair))
                {
                    return new Phrase("{0} has no chair for {1}; each side chairs jointly.", Name, side.Describe());
                }
            }
            return null;
        }
    }

    public IEnumerable<CommitteeSeat> SeatsOf(Side side) => _seats.Where(s => s.Side == side);

    public CommitteeSeat? SeatOf(Guid personId) => _seats.FirstOrDefault(s => s.PersonId == personId);

    internal void Seat(Person person, CommitteeRole role)
    {
        if (SeatOf(person.Id) is not null)
        {
            throw new DomainRuleException("{0} already holds a seat on {1}.", person.Name, Name);
        }
        if (role == CommitteeRole.Chair && SeatsOf(person.Side).Any(s => s.Role == CommitteeRole.Chair))
        {
            throw new DomainRuleException("{0} already has a chair for {1}.", Name, person.Side.Describe());
        }
        _seats.Add(new CommitteeSeat(Id, person.Id, person.Side, role));
    }
}
