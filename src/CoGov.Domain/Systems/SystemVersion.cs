namespace CoGov.Domain.Systems;

/// <summary>
/// One version of a system's register entry: the whole entry as it stood after a change, who made the change and when,
/// and what changed in words. Append-only, like the audit log: a version is written once and never changed, so the
/// register's history is what both sides saw at the time. Who is kept as text (and the person's id when they are one
/// of the organisation's people) so a version reads the same after a person is renamed or retired.
/// </summary>
public sealed class SystemVersion
{
    private SystemVersion()
    {
        By = Change = Entry = "";
    }

    /// <param name="by">The name of who made the change (a person, a login's name, or CoGov).</param>
    /// <param name="change">What changed, in English words ("Registered.", "Changed retention and owner.").</param>
    public SystemVersion(AlgorithmicSystem system, RegisterSnapshot entry, DateTimeOffset at, string by, Guid? byPersonId, string change)
    {
        Id = Guid.CreateVersion7();
        SystemId = system.Id;
        Number = system.RegisterVersion;
        At = at.ToUniversalTime();
        By = by;
        ByPersonId = byPersonId;
        Change = change;
        Entry = entry.ToJson();
    }

    public Guid Id { get; private set; }
    public Guid SystemId { get; private set; }

    /// <summary>Numbered from 1 (registration) up, one per change; unique per system.</summary>
    public int Number { get; private set; }

    public DateTimeOffset At { get; private set; }
    public string By { get; private set; }
    public Guid? ByPersonId { get; private set; }
    public string Change { get; private set; }

    /// <summary>The whole register entry as JSON (<see cref="RegisterSnapshot"/>).</summary>
    public string Entry { get; private set; }

    public RegisterSnapshot Snapshot() => RegisterSnapshot.FromJson(Entry);
}
