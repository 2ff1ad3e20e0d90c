namespace CoGov.Workflows.Cycles;

/// <summary>What a change to a cycle needs loaded besides the cycle itself and the person acting.</summary>
[Flags]
public enum CycleNeeds
{
    None = 0,

    /// <summary>The organisation's people and committee, read-only: to name other people, superiors, chairs.</summary>
    Organisation = 1,

    /// <summary>The routing policy, read-only: its calendar and clock rules.</summary>
    Policy = 2,

    /// <summary>The system, tracked: for a change that schedules its next cycle.</summary>
    System = 4,
}
