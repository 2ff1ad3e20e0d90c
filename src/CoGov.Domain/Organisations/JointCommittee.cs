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
        QuorumMinimumPerSide = QuorumRule.EqualRepresentation.MinimumPerSide;
        QuorumSidesEqual = QuorumRule.EqualRepresentation.SidesEqual;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<CommitteeSeat> Seats => _seats.AsReadOnly();

    // Stored as two columns rather than the record itself, so a committee read back is checked by the same constructor.
    public int QuorumMinimumPerSide { get; private set; }
    public bool QuorumSidesEqual { get; private set; }

    /// <summary>When the committee may decide (checked at its meetings).</summary>
    public QuorumRule Quorum => new(QuorumMinimumPerSide, QuorumSidesEqual);

    public bool IsBalanced => ParityProblem is null;

    /// <summary>What keeps the committee from parity, in words, or null when both sides have equal seats and a chair each.</summary>
    public Phrase? ParityProblem => ParityProblemOf(_seats.Select(s => (s.Side, s.Role)).ToList());

    private Phrase? ParityProblemOf(IReadOnlyList<(Side Side, CommitteeRole Role)> seats)
    {
        var workers = seats.Count(s => s.Side == Side.Workers);
        var management = seats.Count(s => s.Side == Side.Management);
        if (workers != management)
        {
            return new Phrase("{0} must give both sides equal seats; the workers' side has {1} and the management side {2}.", Name, workers, management);
        }
        foreach (var side in new[] { Side.Workers, Side.Management })
        {
            if (!seats.Any(s => s.Side == side && s.Role == CommitteeRole.Chair))
            {
                return new Phrase("{0} has no chair for {1}; each side chairs jointly.", Name, side.Describe());
            }
        }
        return null;
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

    /// <summary>
    /// Replaces the seats with the composition given, checked whole: each person once, one chair a side, and parity on
    /// the result. People who keep their seat keep it (with its new role), so its identity and history stay.
    /// </summary>
    /// <returns>The changes in English, for the audit log.</returns>
    internal IReadOnlyList<string> Recompose(IReadOnlyList<(Person Person, CommitteeRole Role)> seats, Func<Guid, string> nameOf)
    {
        var twice = seats.GroupBy(s => s.Person.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainRuleException("{0} is given more than one seat on {1}.", twice.First().Person.Name, Name);
        }
        foreach (var side in new[] { Side.Workers, Side.Management })
        {
            if (seats.Count(s => s.Person.Side == side && s.Role == CommitteeRole.Chair) > 1)
            {
                throw new DomainRuleException("{0} can have only one chair for {1}.", Name, side.Describe());
            }
        }
        if (ParityProblemOf(seats.Select(s => (s.Person.Side, s.Role)).ToList()) is { } problem)
        {
            throw new DomainRuleException(problem);
        }
        var perSide = seats.Count(s => s.Person.Side == Side.Workers);
        if (perSide < QuorumMinimumPerSide)
        {
            throw new DomainRuleException("{0} needs at least {1} present from each side to decide, so its seats cannot drop to {2} a side; lower the quorum first.",
                Name, QuorumMinimumPerSide, perSide);
        }

        var changes = new List<string>();
        foreach (var seat in _seats.Where(s => seats.All(n => n.Person.Id != s.PersonId)).ToList())
        {
            _seats.Remove(seat);
            changes.Add($"{nameOf(seat.PersonId)} no longer holds a seat");
        }
        foreach (var (person, role) in seats)
        {
            if (SeatOf(person.Id) is { } kept)
            {
                if (kept.Role != role)
                {
                    kept.ChangeRole(role);
                    changes.Add($"{person.Name} is now {Describe(role)}");
                }
            }
            else
            {
                _seats.Add(new CommitteeSeat(Id, person.Id, person.Side, role));
                changes.Add($"{person.Name} seated as {Describe(role)} for {(person.Side == Side.Workers ? "the workers' side" : "the management side")}");
            }
        }
        return changes;

        static string Describe(CommitteeRole role) => role == CommitteeRole.Chair ? "chair" : "member";
    }

    /// <summary>
    /// Sets when the committee may decide. A minimum above the seats a side holds could never be met, so it is refused
    /// while the committee has seats; an empty committee may set its rule before it is seated.
    /// </summary>
    /// <returns>The change in English for the audit log, or null when the rule is the one already held.</returns>
    internal string? ChangeQuorum(QuorumRule rule)
    {
        var perSide = SeatsOf(Side.Workers).Count();
        if (perSide > 0 && rule.MinimumPerSide > perSide)
        {
            throw new DomainRuleException("{0} has {1} seats a side, so a quorum of {2} from each side could never be met.", Name, perSide, rule.MinimumPerSide);
        }
        if (rule == Quorum)
        {
            return null;
        }
        QuorumMinimumPerSide = rule.MinimumPerSide;
        QuorumSidesEqual = rule.SidesEqual;
        return $"The quorum of {Name} is now at least {rule.MinimumPerSide} present from each side"
            + (rule.SidesEqual ? ", in equal numbers" : ", in any proportion");
    }
}
