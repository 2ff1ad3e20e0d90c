using CoGov.Domain.Common;
using static CoGov.Domain.Tests.World;

namespace CoGov.Domain.Tests.Systems;

/// <summary>When a system's next reassessment opens: a number of months after its last cycle was signed off.</summary>
public sealed class ReassessmentScheduleTests
{
    private readonly World _world = new();

    [Fact]
    public void ANewSystemHasNoReassessmentScheduled()
    {
        Assert.Null(_world.Rostering.NextCycleOpensAt);
    }

    [Fact]
    public void TheReassessmentIsScheduledMonthsAfterSignOffInUtc()
    {
        // Tuesday 17 November 2026 15:00 in Paris (UTC+1) is 14:00 UTC; 12 months later: 17 November 2027 14:00 UTC.
        _world.Rostering.ScheduleReassessment(new DateTimeOffset(2026, 11, 17, 15, 0, 0, TimeSpan.FromHours(1)), 12);

        Assert.Equal(Utc(2027, 11, 17, 14), _world.Rostering.NextCycleOpensAt);
        Assert.Equal(TimeSpan.Zero, _world.Rostering.NextCycleOpensAt!.Value.Offset);
    }

    [Fact]
    public void AMonthAfterTheThirtyFirstOfJanuaryIsTheLastDayOfFebruary()
    {
        _world.Rostering.ScheduleReassessment(Utc(2026, 1, 31, 10), 1);

        Assert.Equal(Utc(2026, 2, 28, 10), _world.Rostering.NextCycleOpensAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-6)]
    public void AReassessmentIntervalIsAtLeastAMonth(int months)
    {
        _world.Rostering.ScheduleReassessment(Utc(2026, 1, 31, 10), 6);

        var refusal = Assert.Throws<DomainRuleException>(() => _world.Rostering.ScheduleReassessment(Utc(2026, 11, 17, 14), months));

        Assert.Equal($"A reassessment interval is at least one month, not {months}.", refusal.Message);
        Assert.Equal(Utc(2026, 7, 31, 10), _world.Rostering.NextCycleOpensAt);
    }

    [Fact]
    public void OpeningTheScheduledReassessmentClearsTheSchedule()
    {
        _world.Rostering.ScheduleReassessment(Utc(2026, 11, 17, 14), 12);

        _world.Rostering.ReassessmentOpened();

        Assert.Null(_world.Rostering.NextCycleOpensAt);
    }

    [Fact]
    public void SigningOffAgainReschedulesFromTheNewSignOff()
    {
        _world.Rostering.ScheduleReassessment(Utc(2026, 11, 17, 14), 12);
        _world.Rostering.ReassessmentOpened();

        _world.Rostering.ScheduleReassessment(Utc(2027, 12, 1, 9), 6);

        Assert.Equal(Utc(2028, 6, 1, 9), _world.Rostering.NextCycleOpensAt);
    }
}
