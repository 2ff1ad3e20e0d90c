using CoGov.Domain.Common;

namespace CoGov.Domain.Policies;

/// <summary>
/// The organisation's working days: Monday to Friday in its own time zone, less its listed holidays. Deadlines are
/// counted in working days, and a manager's clock only runs on them.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public WorkingCalendar(string timeZoneId, IEnumerable<DateOnly> holidays)
    {
        TimeZoneId = timeZoneId;
        TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : throw new DomainRuleException([new RuleViolation("timeZone", new Phrase("'{0}' is not a time zone; use an IANA name such as 'Europe/London'.", timeZoneId))]);
        _holidays = [.. holidays];
    }

    public static WorkingCalendar Utc { get; } = new("UTC", []);

    public string TimeZoneId { get; }
    public TimeZoneInfo TimeZone { get; }
    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>
    /// The same local time of day <paramref name="workingDays"/> working days later (or earlier, when negative).
    /// Starting on a weekend or holiday, the count begins at the start of the next working day, so that N working days
    /// always hold N full days of working time and a later start never gives an earlier deadline.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays)
    {
        var local = TimeZoneInfo.ConvertTime(from, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var step = workingDays >= 0 ? 1 : -1;
        if (workingDays > 0 && !IsWorkingDay(day))
        {
            do
            {
                day = day.AddDays(1);
            }
            while (!IsWorkingDay(day));
            local = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }
        return AtLocal(day, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>
    /// Working time from <paramref name="from"/> to <paramref name="to"/>: only the hours that fall on working days count.
    /// Negative when <paramref name="to"/> is earlier (an overdue deadline).
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -WorkingTimeBetween(to, from);
        }
        var total = TimeSpan.Zero;
        var cursor = from;
        while (cursor < to)
        {
            var local = TimeZoneInfo.ConvertTime(cursor, TimeZone);
            var day = DateOnly.FromDateTime(local.DateTime);
            var nextMidnight = AtLocal(day.AddDays(1), TimeOnly.MinValue);
            var end = nextMidnight < to ? nextMidnight : to;
            if (IsWorkingDay(day))
            {
                total += end - cursor;
            }
            cursor = end;
        }
        return total;
    }

    /// <summary>The moment that leaves <paramref name="workingTime"/> of working time after <paramref name="from"/> (before it, when negative).</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        var cursor = from;
        var left = workingTime.Duration();
        var forward = workingTime >= TimeSpan.Zero;
        while (left > TimeSpan.Zero)
        {
            var local = TimeZoneInfo.ConvertTime(cursor, TimeZone);
            var day = DateOnly.FromDateTime(local.DateTime);
            var boundary = forward ? AtLocal(day.AddDays(1), TimeOnly.MinValue) : AtLocal(day, TimeOnly.MinValue);
            // Exactly at midnight going backwards the day to consume is the one before; a day a time zone skipped
            // altogether (Samoa, 30 December 2011) has no midnight of its own, so keep stepping until time moves.
            while (forward ? boundary <= cursor : boundary >= cursor)
            {
                day = day.AddDays(forward ? 1 : -1);
                boundary = forward ? AtLocal(day.AddDays(1), TimeOnly.MinValue) : AtLocal(day, TimeOnly.MinValue);
            }
            var span = (boundary - cursor).Duration();
            if (IsWorkingDay(day))
            {
                if (span >= left)
                {
                    return forward ? cursor + left : cursor - left;
                }
                left -= span;
            }
            cursor = boundary;
        }
        return cursor;
    }

    private DateTimeOffset AtLocal(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // A time skipped by a clock change: take the first valid moment after it.
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
