namespace CoGov.Domain.Systems;

/// <summary>
/// Where a system stands in its life, as public algorithm registers (UK ATRS, Amsterdam, Helsinki) publish it. The
/// order is the order a system lives through: a status moves only forward (<see cref="AlgorithmicSystem.ChangeStatus"/>).
/// </summary>
public enum SystemStatus
{
    Proposed = 1,
    Pilot = 2,
    InUse = 3,
    Retired = 4,
}

/// <summary>One status a system has held, the day it began, and why it changed (required to retire).</summary>
/// <param name="Since">The day the status began; null only for a system registered before dates were kept and given none.</param>
public sealed record StatusPeriod(SystemStatus Status, DateOnly? Since, string Reason);

public static class SystemStatusWords
{
    /// <summary>The status in the register's English words, for logs and version notes.</summary>
    public static string Describe(this SystemStatus status) => status switch
    {
        SystemStatus.Proposed => "proposed",
        SystemStatus.Pilot => "pilot",
        SystemStatus.InUse => "in use",
        SystemStatus.Retired => "retired",
        _ => status.ToString(),
    };
}
