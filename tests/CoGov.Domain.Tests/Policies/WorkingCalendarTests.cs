using CoGov.Domain.Common;
using CoGov.Domain.Policies;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Policies;

/// <summary>
/// Working days: Monday to Friday in the organisation's time zone, less its listed holidays. Every date below is
/// worked out by hand with a calendar for November and December 2026 (1 November 2026 is a Sunday).
/// </summary>
public sealed class WorkingCalendarTests
{
    /// <summary>Friday 25 December 2026, and Monday 28 December 2026 (Boxing Day falls on the Saturday, so it moves).</summary>
    private static readonly DateOnly[] Christmas = [new(2026, 12, 25), new(2026, 12, 28)];

    private static readonly WorkingCalendar UtcWithChristmas = new("UTC", Christmas);
    private static readonly WorkingCalendar London = new("Europe/London", []);

    // ---- Working days ----

    [Theory]
    [InlineData(2026, 11, 9, true)]    // Monday
    [InlineData(2026, 11, 13, true)]   // Friday
    [InlineData(2026, 11, 7, false)]   // Saturday
    [InlineData(2026, 11, 8, false)]   // Sunday
    [InlineData(2026, 12, 24, true)]   // Thursday, Christmas Eve, not listed
    [InlineData(2026, 12, 25, false)]  // Friday, listed
    [InlineData(2026, 12, 28, false)]  // Monday, listed
    public void WeekdaysAreWorkingDaysUnlessTheyAreListedHolidays(int year, int month, int day, bool working)
    {
        Assert.Equal(working, UtcWithChristmas.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void TheUtcCalendarHasNoHolidays()
    {
        Assert.Equal("UTC", WorkingCalendar.Utc.TimeZoneId);
        Assert.Empty(WorkingCalendar.Utc.Holidays);
        Assert.Equal(Christmas, UtcWithChristmas.Holidays.Order());
    }

    // ---- Adding working days ----

    [Fact]
    public void AddingWorkingDaysSkipsTheWeekends()
    {
        // Tuesday 3 November 2026 + 10 working days: 4, 5, 6, 9, 10, 11, 12, 13, 16, 17 = Tuesday 17 November.
        Assert.Equal(Utc(2026, 11, 17, 9), WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 3, 9), 10));

        // Friday 6 November 2026 15:00 + 1 working day = Monday 9 November 15:00.
        Assert.Equal(Utc(2026, 11, 9, 15), WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 6, 15), 1));
    }

    [Fact]
    public void AddingWorkingDaysSkipsListedHolidays()
    {
        // Wednesday 23 December 2026 + 3 working days: Thursday 24 (1); Friday 25 holiday; weekend; Monday 28 holiday;
        // Tuesday 29 (2); Wednesday 30 (3) = Wednesday 30 December.
        Assert.Equal(Utc(2026, 12, 30, 14), UtcWithChristmas.AddWorkingDays(Utc(2026, 12, 23, 14), 3));
    }

    [Fact]
    public void SubtractingWorkingDaysSkipsTheWeekendsBackwards()
    {
        // Monday 9 November 2026 - 1 working day = Friday 6 November; - 5 working days = Monday 2 November.
        Assert.Equal(Utc(2026, 11, 6, 10), WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 9, 10), -1));
        Assert.Equal(Utc(2026, 11, 2, 10), WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 9, 10), -5));
    }

    [Fact]
    public void SubtractingWorkingDaysSkipsListedHolidaysBackwards()
    {
        // Wednesday 30 December 2026 - 3 working days: Tuesday 29 (1); Monday 28 holiday; weekend; Friday 25 holiday;
        // Thursday 24 (2); Wednesday 23 (3) = Wednesday 23 December.
        Assert.Equal(Utc(2026, 12, 23, 14), UtcWithChristmas.AddWorkingDays(Utc(2026, 12, 30, 14), -3));
    }

    // A start on a Saturday, Sunday or holiday counts from the next working day (Monday after a weekend). Whatever the
    // exact convention, a later start must never give an earlier deadline, and N working days counted from a weekend
    // must hold at least N working days of working time: the clock (stopping, resuming, refusals) measures time that way.

    [Fact]
    public void ALaterStartNeverGivesAnEarlierDeadline()
    {
        // Friday 6 November 2026 18:00 + 1 working day = Monday 9 November 18:00.
        var fromFriday = WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 6, 18), 1);
        Assert.Equal(Utc(2026, 11, 9, 18), fromFriday);

        // Saturday 7 November 09:00 is 15 hours later, so its deadline cannot come before Monday 9 November 18:00.
        var fromSaturday = WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 7, 9), 1);

        Assert.True(fromSaturday >= fromFriday,
            $"Saturday 09:00 + 1 working day = {fromSaturday:yyyy-MM-dd HH:mm}, before Friday 18:00 + 1 working day = {fromFriday:yyyy-MM-dd HH:mm}.");
    }

    [Theory]
    [InlineData(2026, 11, 7, 1)]   // Saturday 7 November 2026 09:00 + 1: Monday 9 November is working day 1
    [InlineData(2026, 11, 8, 5)]   // Sunday 8 November 2026 09:00 + 5: Monday 9 to Friday 13 November
    [InlineData(2026, 12, 25, 1)]  // Friday 25 December 2026 (holiday) 09:00 + 1: Tuesday 29 December is working day 1
    public void WorkingDaysCountedFromADayOffHoldAtLeastThatManyWorkingDays(int year, int month, int day, int workingDays)
    {
        var from = Utc(year, month, day, 9);

        var due = UtcWithChristmas.AddWorkingDays(from, workingDays);

        var given = UtcWithChristmas.WorkingTimeBetween(from, due);
        Assert.True(given >= TimeSpan.FromDays(workingDays),
            $"{from:yyyy-MM-dd HH:mm} + {workingDays} working days = {due:yyyy-MM-dd HH:mm}, which leaves only {given} of working time.");
    }

    [Fact]
    public void SaturdayAndSundayStartsCountAlike()
    {
        Assert.Equal(
            WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 7, 9), 5),
            WorkingCalendar.Utc.AddWorkingDays(Utc(2026, 11, 8, 9), 5));
    }

    [Fact]
    public void AddingWorkingDaysKeepsTheLocalTimeOfDayWhenTheClocksGoBack()
    {
        // Tuesday 20 October 2026 09:30 UTC is 10:30 in London (BST, UTC+1). The clocks go back on Sunday 25 October.
        // + 10 working days: 21, 22, 23, 26, 27, 28, 29, 30 October, 2, 3 November = Tuesday 3 November, 10:30 local,
        // which is 10:30 UTC in GMT.
        var sent = Utc(2026, 10, 20, 9, 30);

        var due = London.AddWorkingDays(sent, 10);

        Assert.Equal(Utc(2026, 11, 3, 10, 30), due);
        Assert.Equal(new TimeSpan(10, 30, 0), TimeZoneInfo.ConvertTime(due, London.TimeZone).TimeOfDay);
        Assert.Equal(sent, London.AddWorkingDays(due, -10));
    }

    [Fact]
    public void AddingWorkingDaysKeepsTheLocalTimeOfDayWhenTheClocksGoForward()
    {
        // Monday 23 March 2026 09:00 UTC is 09:00 in London (GMT). The clocks go forward on Sunday 29 March.
        // + 5 working days: 24, 25, 26, 27, 30 March = Monday 30 March 09:00 BST = 08:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 8), London.AddWorkingDays(Utc(2026, 3, 23, 9), 5));
    }

    [Fact]
    public void ResultsAreInUtcWhateverOffsetTheyWereGivenIn()
    {
        // Tuesday 3 November 2026 10:00 in Paris (UTC+1) is 09:00 UTC; + 1 working day = Wednesday 4 November 09:00 UTC.
        var due = WorkingCalendar.Utc.AddWorkingDays(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(1)), 1);

        Assert.Equal(Utc(2026, 11, 4, 9), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    // ---- Working time ----

    [Fact]
    public void OnlyTheHoursOfWorkingDaysCount()
    {
        // Friday 6 November 18:00 to Monday 9 November 06:00: 6 hours of Friday, none of the weekend, 6 hours of Monday.
        Assert.Equal(TimeSpan.FromHours(12), WorkingCalendar.Utc.WorkingTimeBetween(Utc(2026, 11, 6, 18), Utc(2026, 11, 9, 6)));

        // Within Tuesday 10 November: 09:00 to 17:00.
        Assert.Equal(TimeSpan.FromHours(8), WorkingCalendar.Utc.WorkingTimeBetween(Utc(2026, 11, 10, 9), Utc(2026, 11, 10, 17)));

        // Saturday 7 November 00:00 to Monday 9 November 00:00: the whole weekend.
        Assert.Equal(TimeSpan.Zero, WorkingCalendar.Utc.WorkingTimeBetween(Utc(2026, 11, 7, 0), Utc(2026, 11, 9, 0)));
    }

    [Fact]
    public void TheHoursOfListedHolidaysDoNotCount()
    {
        // Thursday 24 December 12:00 to Tuesday 29 December 12:00: 12 hours of the 24th and 12 of the 29th; the 25th,
        // the weekend and the 28th do not count.
        Assert.Equal(TimeSpan.FromHours(24), UtcWithChristmas.WorkingTimeBetween(Utc(2026, 12, 24, 12), Utc(2026, 12, 29, 12)));
    }

    [Fact]
    public void WorkingTimeIsNegativeWhenTheEndComesFirst()
    {
        Assert.Equal(TimeSpan.FromHours(-12), WorkingCalendar.Utc.WorkingTimeBetween(Utc(2026, 11, 9, 6), Utc(2026, 11, 6, 18)));
    }

    [Theory]
    // From Friday 6 November 2026 18:00 (6 working hours left that Friday):
    [InlineData(1, 2026, 11, 6, 19)]   // within the Friday
    [InlineData(6, 2026, 11, 7, 0)]    // to the end of the Friday exactly
    [InlineData(7, 2026, 11, 9, 1)]    // the weekend skipped: 1 hour into Monday
    [InlineData(72, 2026, 11, 11, 18)] // 6 (Friday) + 24 (Monday) + 24 (Tuesday) + 18 = Wednesday 11 November 18:00
    public void AddingWorkingTimeIsTheInverseOfWorkingTimeBetweenAcrossAWeekend(int hours, int year, int month, int day, int hour)
    {
        var friday = Utc(2026, 11, 6, 18);
        var expected = Utc(year, month, day, hour);

        var forward = WorkingCalendar.Utc.AddWorkingTime(friday, TimeSpan.FromHours(hours));

        Assert.Equal(expected, forward);
        Assert.Equal(TimeSpan.FromHours(hours), WorkingCalendar.Utc.WorkingTimeBetween(friday, forward));
        Assert.Equal(friday, WorkingCalendar.Utc.AddWorkingTime(forward, TimeSpan.FromHours(-hours)));
    }

    [Fact]
    public void AddingWorkingTimeFromAWeekendStartsOnMonday()
    {
        // Saturday 7 November 12:00 + 1 working hour = Monday 9 November 01:00.
        Assert.Equal(Utc(2026, 11, 9, 1), WorkingCalendar.Utc.AddWorkingTime(Utc(2026, 11, 7, 12), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddingWorkingTimeSkipsListedHolidays()
    {
        // Thursday 24 December 12:00 + 24 working hours: 12 on the 24th, then the 29th from midnight to 12:00.
        Assert.Equal(Utc(2026, 12, 29, 12), UtcWithChristmas.AddWorkingTime(Utc(2026, 12, 24, 12), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void AddingNoWorkingTimeIsTheSameMoment()
    {
        Assert.Equal(Utc(2026, 11, 7, 12), WorkingCalendar.Utc.AddWorkingTime(Utc(2026, 11, 7, 12), TimeSpan.Zero));
    }

    // ---- Time zone ----

    [Fact]
    public void AnUnknownTimeZoneIsRefusedAtTheTimeZonePath()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => new WorkingCalendar("Mars/Olympus_Mons", []));

        var violation = Assert.Single(refusal.Violations);
        Assert.Equal("timeZone", violation.Path);
        Assert.Equal("'Mars/Olympus_Mons' is not a time zone; use an IANA name such as 'Europe/London'.", violation.Message);
    }
}
