namespace CoGov.Domain.Policies;

/// <summary>Who changed a policy, when, and from what when it is worth saying (a file, by name); a form says nothing more.</summary>
/// <param name="By">Their name as it was then, kept as text like the audit log's.</param>
/// <param name="Source">Put before the change's words, for example "Imported from file policy.yaml".</param>
public sealed record PolicyEdit(DateTimeOffset At, string By, string? Source = null);

/// <summary>
/// One version of a routing policy as it was put in force: the whole document, who, when and what changed in words.
/// Append-only, so the committee can see what any deadline or routing was at any time and take an old version back.
/// </summary>
public sealed class RoutingPolicyVersion
{
    private RoutingPolicyVersion()
    {
        Spec = null!;
        By = Change = "";
    }

    internal RoutingPolicyVersion(Guid policyId, int number, RoutingPolicySpec spec, PolicyEdit edit, string change)
    {
        Id = Guid.CreateVersion7();
        PolicyId = policyId;
        Number = number;
        Spec = spec;
        At = edit.At.ToUniversalTime();
        By = edit.By;
        Change = change;
    }

    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }

    /// <summary>From 1, one more with each change.</summary>
    public int Number { get; private set; }

    public RoutingPolicySpec Spec { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; }

    /// <summary>What this version changed from the one before, in English, as the audit log says it.</summary>
    public string Change { get; private set; }
}
