using System.Globalization;
using CoGov.Domain.Common;
using CoGov.Domain.Policies;
using CoGov.Workflows.Import;

namespace CoGov.Workflows.Policies;

/// <summary>
/// The YAML form of a routing policy (see <c>seed/policy/default.yaml</c>): a file of its own, or the <c>policy</c>
/// section of an organisation file. The shape is checked here; the rules (people, themes, systems, positive numbers)
/// by <see cref="RoutingPolicy.Check"/>, and both come back with their line.
/// </summary>
internal static class RoutingPolicyFile
{
    private static readonly Dictionary<string, EscalationStep> Steps = new()
    {
        ["superior"] = EscalationStep.Superior,
        ["committee-chairs"] = EscalationStep.CommitteeChairs,
    };

    /// <summary>Reads the fields of a policy mapping; returns null when its shape is wrong (the reader holds the errors).</summary>
    public static RoutingPolicySpec? Read(YamlDocumentReader reader, YamlDocumentReader.Fields fields)
    {
        var errorsBefore = reader.Errors.Count;
        var timeZone = fields.Text("timeZone");
        var holidays = new List<DateOnly>();
        var holidayTexts = fields.TextList("holidays", required: false);
        for (var i = 0; i < holidayTexts.Count; i++)
        {
            if (DateOnly.TryParseExact(holidayTexts[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                reader.Fail($"{fields.Child("holidays")}[{i}]", new Phrase("'{0}' is not a date written as yyyy-mm-dd.", holidayTexts[i]));
            }
        }

        var (defaultManager, managerByTheme) = ReadManagers(reader, fields.Record("managers", required: false));

        int? defaultDays = null, clarificationDays = null;
        var deadlineByTheme = new Dictionary<string, int>(StringComparer.Ordinal);
        if (fields.Record("deadlines") is { } deadlines)
        {
            defaultDays = deadlines.Integer("default");
            clarificationDays = deadlines.Integer("clarification");
            if (deadlines.Record("themes", required: false) is { } themes)
            {
                foreach (var (theme, value, path) in themes.Entries())
                {
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
                    {
                        deadlineByTheme[theme] = days;
                    }
                    else
                    {
                        reader.Fail(path, new Phrase("'{0}' is not a whole number of working days.", value));
                    }
                }
            }
            deadlines.Done();
        }

        var reminders = new List<int>();
        var reminderTexts = fields.TextList("reminders", required: false);
        for (var i = 0; i < reminderTexts.Count; i++)
        {
            if (int.TryParse(reminderTexts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            {
                reminders.Add(days);
            }
            else
            {
                reader.Fail($"{fields.Child("reminders")}[{i}]", new Phrase("'{0}' is not a whole number of working days before the deadline.", reminderTexts[i]));
            }
        }

        var steps = new List<EscalationStep>();
        int? intervalDays = null;
        if (fields.Record("escalation") is { } escalation)
        {
            var stepTexts = escalation.TextList("steps");
            for (var i = 0; i < stepTexts.Count; i++)
            {
                if (Steps.TryGetValue(stepTexts[i], out var step))
                {
                    steps.Add(step);
                }
                else
                {
                    reader.Fail($"{escalation.Child("steps")}[{i}]", new Phrase("'{0}' is not an escalation step; use {1}.", stepTexts[i], string.Join(" or ", Steps.Keys)));
                }
            }
            intervalDays = escalation.Integer("intervalDays");
            escalation.Done();
        }

        int? intervalMonths = null, cycleLengthDays = null;
        if (fields.Record("reassessment") is { } reassessment)
        {
            intervalMonths = reassessment.Integer("intervalMonths");
            cycleLengthDays = reassessment.Integer("cycleLengthDays");
            reassessment.Done();
        }

        var systems = new Dictionary<string, SystemRoutingSpec>(StringComparer.Ordinal);
        if (fields.Record("systems", required: false) is { } systemFields)
        {
            foreach (var (systemKey, _, _) in systemFields.Entries(scalarsOnly: false))
            {
                if (systemFields.Record(systemKey) is not { } system)
                {
                    continue;
                }
                var (systemDefault, systemThemes) = ReadManagers(reader, system.Record("managers", required: false));
                var months = system.Integer("reassessmentIntervalMonths", required: false);
                system.Done();
                systems[systemKey] = new SystemRoutingSpec(systemDefault, systemThemes, months);
            }
            systemFields.Done();
        }
        fields.Done();

        if (reader.Errors.Count > errorsBefore)
        {
            return null;
        }
        return new RoutingPolicySpec(
            timeZone!,
            holidays,
            defaultManager,
            managerByTheme,
            defaultDays!.Value,
            deadlineByTheme,
            clarificationDays!.Value,
            reminders,
            steps,
            intervalDays!.Value,
            intervalMonths!.Value,
            cycleLengthDays!.Value,
            systems);
    }

    private static (string? Default, Dictionary<string, string> ByTheme) ReadManagers(YamlDocumentReader reader, YamlDocumentReader.Fields? managers)
    {
        var byTheme = new Dictionary<string, string>(StringComparer.Ordinal);
        if (managers is null)
        {
            return (null, byTheme);
        }
        var fallback = managers.Text("default", required: false);
        if (managers.Record("themes", required: false) is { } themes)
        {
            foreach (var (theme, person, _) in themes.Entries())
            {
                if (person is not null)
                {
                    byTheme[theme] = person;
                }
            }
        }
        managers.Done();
        return (fallback, byTheme);
    }
}
