using CoGov.Domain.Common;

namespace CoGov.Domain.Organisations;

/// <summary>
/// When the joint committee may decide: at least <see cref="MinimumPerSide"/> present from each side and, when
/// <see cref="SidesEqual"/>, as many from one side as from the other. Equal representation is the default because a
/// decision taken while one side outnumbers the other is not a joint decision, whatever the seats say.
/// </summary>
public sealed record QuorumRule
{
    /// <summary>The rule a committee starts with: each side present, in equal numbers.</summary>
    public static QuorumRule EqualRepresentation { get; } = new(1, sidesEqual: true);

    public QuorumRule(int minimumPerSide, bool sidesEqual)
    {
        if (minimumPerSide < 1)
        {
            throw new DomainRuleException("A quorum needs at least one person present from each side; {0} is not enough.", minimumPerSide);
        }
        MinimumPerSide = minimumPerSide;
        SidesEqual = sidesEqual;
    }

    public int MinimumPerSide { get; }
    public bool SidesEqual { get; }

    /// <summary>Why a meeting with these numbers present may not decide, or null when it is quorate.</summary>
    public Phrase? ProblemWith(int workersPresent, int managementPresent)
    {
        if (workersPresent < MinimumPerSide || managementPresent < MinimumPerSide)
        {
            return new Phrase("Not quorate: the rule needs at least {0} present from each side; {1} from the workers' side and {2} from the management side are present.",
                MinimumPerSide, workersPresent, managementPresent);
        }
        if (SidesEqual && workersPresent != managementPresent)
        {
            return new Phrase("Not quorate: equal representation needs as many present from each side; {0} from the workers' side and {1} from the management side are present.",
                workersPresent, managementPresent);
        }
        return null;
    }
}
