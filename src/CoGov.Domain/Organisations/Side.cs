using CoGov.Domain.Common;

namespace CoGov.Domain.Organisations;

/// <summary>Which side of the joint committee a person speaks for.</summary>
public enum Side
{
    /// <summary>Union stewards and other worker representatives.</summary>
    Workers = 1,

    /// <summary>Accountable managers and the rest of the employer's side.</summary>
    Management = 2,
}

public static class SideNames
{
    /// <summary>How the committee says it: "the workers' side", "the management side".</summary>
    public static Phrase Describe(this Side side) => side switch
    {
        Side.Workers => new Phrase("the workers' side"),
        Side.Management => new Phrase("the management side"),
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, null),
    };
}
