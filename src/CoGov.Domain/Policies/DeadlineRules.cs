namespace CoGov.Domain.Policies;

/// <summary>
/// How a question's clock runs: in working days of the organisation's calendar, with reminders before the deadline and
/// escalation steps after it. Handed to the cycle whenever a change starts, stops or resets a manager's clock.
/// </summary>
public sealed class DeadlineRules(
    WorkingCalendar calendar,
    int clarificationDays,
    IReadOnlyList<int> reminderDaysBeforeDue,
    IReadOnlyList<EscalationStep> escalation,
    int escalationIntervalDays)
{
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>A clarification request gives a fresh, usually shorter, deadline of this many working days.</summary>
    public int ClarificationDays { get; } = clarificationDays;

    /// <summary>Working days before the deadline, earliest reminder first.</summary>
    public IReadOnlyList<int> ReminderDaysBeforeDue { get; } = reminderDaysBeforeDue.OrderDescending().ToList();

    public IReadOnlyList<EscalationStep> Escalation { get; } = escalation;
    public int EscalationIntervalDays { get; } = escalationIntervalDays;

    /// <summary>When the <paramref name="index"/>th reminder (from 0) falls for a deadline.</summary>
    public DateTimeOffset ReminderAt(DateTimeOffset deadline, int index) => Calendar.AddWorkingDays(deadline, -ReminderDaysBeforeDue[index]);

    /// <summary>When escalation step <paramref name="level"/> (from 1) falls for a deadline.</summary>
    public DateTimeOffset EscalationAt(DateTimeOffset deadline, int level) => Calendar.AddWorkingDays(deadline, level * EscalationIntervalDays);
}
