namespace CoGov.Workflows.Scheduling;

/// <summary>The <c>Scheduling</c> section of configuration.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Run the sweep in this process. Several nodes may all say yes: clustering lets one run each sweep.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweep runs; a reminder goes out at most this late.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
