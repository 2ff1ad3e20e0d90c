using CoGov.Domain.Policies;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Policies;

/// <summary>When reminders and escalation steps fall, counted in working days from the deadline.</summary>
public sealed class DeadlineRulesTests
{
    /// <summary>Monday 16 November 2026 09:00 UTC.</summary>
    private static readonly DateTimeOffset Deadline = Utc(2026, 11, 16, 9);

    [Fact]
    public void RemindersAreKeptEarliestFirstWhateverOrderTheyAreGivenIn()
    {
        var rules = new DeadlineRules(WorkingCalendar.Utc, 3, [1, 5], [], 3);

        Assert.Equal([5, 1], rules.ReminderDaysBeforeDue);
    }

    [Fact]
    public void RemindersFallWorkingDaysBeforeTheDeadline()
    {
        var rules = new DeadlineRules(WorkingCalendar.Utc, 3, [5, 1], [], 3);

        // Monday 16 November - 5 working days: 13, 12, 11, 10, 9 = Monday 9 November.
        Assert.Equal(Utc(2026, 11, 9, 9), rules.ReminderAt(Deadline, 0));
        // Monday 16 November - 1 working day = Friday 13 November.
        Assert.Equal(Utc(2026, 11, 13, 9), rules.ReminderAt(Deadline, 1));
    }

    [Fact]
    public void EscalationStepsFallAnIntervalOfWorkingDaysApartAfterTheDeadline()
    {
        var rules = new DeadlineRules(WorkingCalendar.Utc, 3, [], [EscalationStep.Superior, EscalationStep.CommitteeChairs], 3);

        // Monday 16 November + 3 working days: 17, 18, 19 = Thursday 19 November.
        Assert.Equal(Utc(2026, 11, 19, 9), rules.EscalationAt(Deadline, 1));
        // + 6 working days: 17, 18, 19, 20, 23, 24 = Tuesday 24 November.
        Assert.Equal(Utc(2026, 11, 24, 9), rules.EscalationAt(Deadline, 2));
    }

    [Fact]
    public void RemindersKeepTheLocalTimeOfDayAcrossTheClockChange()
    {
        var london = new DeadlineRules(new WorkingCalendar("Europe/London", []), 3, [5, 1], [], 3);
        // Due Thursday 29 October 2026 10:30 GMT (10:30 UTC), after the clocks went back on Sunday 25 October.
        var deadline = Utc(2026, 10, 29, 10, 30);

        // - 5 working days: 28, 27, 26, 23, 22 = Thursday 22 October 10:30 BST = 09:30 UTC.
        Assert.Equal(Utc(2026, 10, 22, 9, 30), london.ReminderAt(deadline, 0));
        // - 1 working day = Wednesday 28 October 10:30 GMT.
        Assert.Equal(Utc(2026, 10, 28, 10, 30), london.ReminderAt(deadline, 1));
    }
}
