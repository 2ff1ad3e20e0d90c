using System.Globalization;
using System.Text;
using CoGov.Domain.Policies;

namespace CoGov.Workflows.Policies;

/// <summary>
/// Writes a routing policy in the YAML form <see cref="RoutingPolicyFile"/> reads, so an administrator can download the
/// policy in force, change it and upload it again rather than start from an empty file. Keys, person keys and dates are
/// written as they are (their rules keep them plain); the time zone is quoted.
/// </summary>
internal static class RoutingPolicyYaml
{
    private static readonly Dictionary<EscalationStep, string> Steps = new()
    {
        [EscalationStep.Superior] = "superior",
        [EscalationStep.CommitteeChairs] = "committee-chairs",
    };

    public static string Write(RoutingPolicySpec spec)
    {
        var yaml = new StringBuilder();
        void Line(int indent, string text) => yaml.Append(' ', indent * 2).Append(text).Append('\n');
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        static string List(IEnumerable<string> items) => $"[{string.Join(", ", items)}]";

        Line(0, $"timeZone: \"{spec.TimeZone.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        Line(0, $"holidays: {List(spec.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
        WriteManagers(0, spec.DefaultManager, spec.ManagerByTheme);
        Line(0, "deadlines:");
        Line(1, $"default: {Number(spec.DefaultDeadlineDays)}");
        Line(1, $"clarification: {Number(spec.ClarificationDeadlineDays)}");
        if (spec.DeadlineDaysByTheme.Count > 0)
        {
            Line(1, "themes:");
            foreach (var (theme, days) in spec.DeadlineDaysByTheme.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                Line(2, $"{theme}: {Number(days)}");
            }
        }
        Line(0, $"reminders: {List(spec.ReminderDaysBeforeDue.Select(Number))}");
        Line(0, "escalation:");
        Line(1, $"steps: {List(spec.Escalation.Select(s => Steps[s]))}");
        Line(1, $"intervalDays: {Number(spec.EscalationIntervalDays)}");
        Line(0, "reassessment:");
        Line(1, $"intervalMonths: {Number(spec.ReassessmentIntervalMonths)}");
        Line(1, $"cycleLengthDays: {Number(spec.CycleLengthDays)}");
        if (spec.Systems.Count > 0)
        {
            Line(0, "systems:");
            foreach (var (system, routing) in spec.Systems.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                Line(1, $"{system}:");
                var empty = true;
                if (routing.DefaultManager is not null || routing.ManagerByTheme.Count > 0)
                {
                    WriteManagers(2, routing.DefaultManager, routing.ManagerByTheme);
                    empty = false;
                }
                if (routing.ReassessmentIntervalMonths is { } months)
                {
                    Line(2, $"reassessmentIntervalMonths: {Number(months)}");
                    empty = false;
                }
                if (empty)
                {
                    // A system named with nothing of its own: an empty mapping, not a null, so the file reads back.
                    yaml.Length -= 1;
                    yaml.Append(" {}\n");
                }
            }
        }
        return yaml.ToString();

        void WriteManagers(int indent, string? fallback, IReadOnlyDictionary<string, string> byTheme)
        {
            if (fallback is null && byTheme.Count == 0)
            {
                return;
            }
            Line(indent, "managers:");
            if (fallback is not null)
            {
                Line(indent + 1, $"default: {fallback}");
            }
            if (byTheme.Count > 0)
            {
                Line(indent + 1, "themes:");
                foreach (var (theme, person) in byTheme.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    Line(indent + 2, $"{theme}: {person}");
                }
            }
        }
    }
}
