using System.Globalization;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Policies;

/// <summary>
/// What changed between two versions of a policy, in English words for the version history and the audit log: people
/// by name (as they were named then), themes and systems by key, each setting once.
/// </summary>
public static class PolicyDifferences
{
    public static IReadOnlyList<string> Between(RoutingPolicySpec before, RoutingPolicySpec after, Organisation? organisation)
    {
        var changes = new List<string>();
        string Person(string? key) => key is null ? "nobody" : organisation?.FindPerson(key)?.Name ?? key;
        string Days(IEnumerable<int> days) => days.Any() ? string.Join(", ", days.Select(d => d.ToString(CultureInfo.InvariantCulture))) : "none";
        void Setting(string what, string was, string now)
        {
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                changes.Add($"{what} {was} → {now}");
            }
        }

        Setting("time zone", before.TimeZone, after.TimeZone);
        var added = after.Holidays.Except(before.Holidays).Order().ToList();
        var removed = before.Holidays.Except(after.Holidays).Order().ToList();
        if (added.Count > 0)
        {
            changes.Add($"holidays added {string.Join(", ", added.Select(Date))}");
        }
        if (removed.Count > 0)
        {
            changes.Add($"holidays removed {string.Join(", ", removed.Select(Date))}");
        }
        Managers("", before.DefaultManager, before.ManagerByTheme, after.DefaultManager, after.ManagerByTheme);
        Setting("deadline", Number(before.DefaultDeadlineDays), Number(after.DefaultDeadlineDays));
        foreach (var theme in Keys(before.DeadlineDaysByTheme, after.DeadlineDaysByTheme))
        {
            Setting($"deadline for {theme}", Optional(before.DeadlineDaysByTheme, theme), Optional(after.DeadlineDaysByTheme, theme));
        }
        Setting("clarification deadline", Number(before.ClarificationDeadlineDays), Number(after.ClarificationDeadlineDays));
        Setting("reminders (working days before the deadline)", Days(before.ReminderDaysBeforeDue.OrderDescending()), Days(after.ReminderDaysBeforeDue.OrderDescending()));
        Setting("escalation steps", Steps(before.Escalation), Steps(after.Escalation));
        Setting("working days between escalation steps", Number(before.EscalationIntervalDays), Number(after.EscalationIntervalDays));
        Setting("months between cycles", Number(before.ReassessmentIntervalMonths), Number(after.ReassessmentIntervalMonths));
        Setting("days a cycle runs", Number(before.CycleLengthDays), Number(after.CycleLengthDays));
        foreach (var system in Keys(before.Systems, after.Systems))
        {
            var was = before.Systems.GetValueOrDefault(system);
            var now = after.Systems.GetValueOrDefault(system);
            var empty = new Dictionary<string, string>();
            Managers($"{system}: ", was?.DefaultManager, was?.ManagerByTheme ?? empty, now?.DefaultManager, now?.ManagerByTheme ?? empty);
            Setting($"{system}: months between cycles", was?.ReassessmentIntervalMonths is { } a ? Number(a) : "as for the organisation",
                now?.ReassessmentIntervalMonths is { } b ? Number(b) : "as for the organisation");
        }
        return changes;

        void Managers(string prefix, string? wasDefault, IReadOnlyDictionary<string, string> wasThemes, string? nowDefault, IReadOnlyDictionary<string, string> nowThemes)
        {
            Setting($"{prefix}default manager", Person(wasDefault), Person(nowDefault));
            foreach (var theme in Keys(wasThemes, nowThemes))
            {
                Setting($"{prefix}manager for {theme}", Person(wasThemes.GetValueOrDefault(theme)), Person(nowThemes.GetValueOrDefault(theme)));
            }
        }
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Optional(IReadOnlyDictionary<string, int> days, string theme) =>
        days.TryGetValue(theme, out var value) ? Number(value) : "the default";

    private static string Steps(IEnumerable<EscalationStep> steps) =>
        steps.Any() ? string.Join(" then ", steps.Select(s => s == EscalationStep.Superior ? "superior" : "committee chairs")) : "none";

    private static IEnumerable<string> Keys<T>(IReadOnlyDictionary<string, T> before, IReadOnlyDictionary<string, T> after) =>
        before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
