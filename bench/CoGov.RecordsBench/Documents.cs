using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Records;

namespace CoGov.RecordsBench;

/// <summary>Documents of known size, made up in memory: the printer is measured, not the database.</summary>
internal static class Documents
{
    private static readonly string[] Words =
        ("the roster engine weighs contracted hours skill mix and the fair distribution of nights and weekends across wards "
        + "while the committee asks which data is used who can see it how long it is kept and what a worker can do when a "
        + "decision seems wrong the manager answers with the procedure the evidence and the people responsible for it").Split(' ');

    private static readonly DateTimeOffset Opened = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public static string Text(int words, int seed)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Words[(i * 7 + seed * 13) % Words.Length];
            text.Append(i % 15 == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            text.Append(i % 15 == 14 ? ". " : i % 60 == 59 ? ".\n\n" : " ");
        }
        return text.ToString().TrimEnd() + ".";
    }

    /// <summary>The PSI guide's shape: 7 themes, 19 questions, each accepted with an answer of <paramref name="answerWords"/> words.</summary>
    public static AssessmentRecord Record(int answerWords, int logEntries)
    {
        int[] perTheme = [3, 3, 3, 3, 3, 2, 2];
        var themes = new List<RecordTheme>();
        var number = 1;
        for (var t = 0; t < perTheme.Length; t++)
        {
            var questions = new List<RecordQuestion>();
            for (var q = 0; q < perTheme[t]; q++, number++)
            {
                questions.Add(new RecordQuestion(number, $"Question {number}: " + Text(20, number), "Daniel Reyes", null, null, false,
                    QuestionState.Accepted, new RecordAnswer(Text(answerWords, number), "Daniel Reyes", Opened.AddDays(number), true), null, null,
                    number % 5 == 0 ? [new RecordEvent(LogEntryKind.ClarificationRequested, Opened.AddDays(number))] : []));
            }
            themes.Add(new RecordTheme($"theme-{t}", $"Theme {t + 1}", questions));
        }
        var cover = new RecordCover("riverside-hospital", "Riverside Municipal Hospital", "rostering", "ShiftWise Rostering", Text(40, 1), 2,
            "Co-Governance of Algorithmic Systems", 1, AssessmentState.SignedOff, Opened, Opened.AddDays(60), Opened.AddDays(62), "Daniel Reyes",
            "Joint Committee on Algorithmic Systems",
            [new("Leila Haddad", "Branch secretary", CommitteeRole.Chair), new("Amara Okafor", "Steward", CommitteeRole.Member), new("Tomasz Nowak", "Steward", CommitteeRole.Member)],
            [new("Helen Marsh", "Chief Operating Officer", CommitteeRole.Chair), new("Daniel Reyes", "Director of Workforce Planning", CommitteeRole.Member), new("Priya Nair", "Data Protection Officer", CommitteeRole.Member)]);
        var log = Enumerable.Range(1, logEntries)
            .Select(i => new RecordLogEntry(i, Opened.AddHours(i), i % 2 == 0 ? "Amara Okafor" : "Daniel Reyes", i % 2 == 0 ? LogEntryKind.Accepted : LogEntryKind.Answered,
                (i % 19) + 1, i % 2 == 0 ? "" : Text(30, i)))
            .ToList();
        return new AssessmentRecord(cover, themes,
            new RecordSignatures(new("Daniel Reyes", Text(40, 2), Opened.AddDays(61)), new("Leila Haddad", Text(40, 3), Opened.AddDays(62))),
            log, new LogVerification(true, logEntries, new string('a', 64), null, null), "en", "Europe/London", Opened.AddDays(70), true);
    }

    /// <summary>A pack for an organisation of <paramref name="systems"/> systems with plenty on the agenda.</summary>
    public static MeetingPack Pack(int systems)
    {
        var now = Opened.AddDays(40);
        string[] managers = ["Daniel Reyes", "Priya Nair", "Kwame Asante", "Helen Marsh", "Ana Silva", "Tom Baker"];
        var rows = Enumerable.Range(1, systems).Select(s => new SystemRow($"system-{s}", $"System {s}", 1 + s % 3, AssessmentState.AwaitingAnswers,
            Enumerable.Range(1, 7).Select(t => new ThemeCell($"theme-{t}", 3, 1, s % 2, 1, 0, 1, 0)).ToList())).ToList();
        ChaseRow Chase(int i, QuestionState state) => new($"system-{i % systems + 1}", $"System {i % systems + 1}", 1, i % 19 + 1, Text(18, i), state,
            managers[i % managers.Length], state == QuestionState.Answered ? null : now.AddDays(-(i % 20)), i % 20, state == QuestionState.Answered ? now.AddDays(-2) : null, null, true);
        var overdue = Enumerable.Range(0, 3 * systems).Select(i => Chase(i, QuestionState.Sent)).ToList();
        var challenged = Enumerable.Range(0, systems / 2).Select(i => new AgendaItem($"system-{i + 1}", $"System {i + 1}", 1, i % 19 + 1, "Right of Redress", Text(18, i),
            Text(150, i), "Daniel Reyes", now.AddDays(-10), Text(60, i + 1), "Amara Okafor", now.AddDays(-5), [], true)).ToList();
        return new MeetingPack("riverside-hospital", "Riverside Municipal Hospital", "Joint Committee on Algorithmic Systems", new DateOnly(2026, 11, 30), "en", now,
            rows, [],
            overdue.GroupBy(r => r.Manager).Select(g => new ManagerOverdue(g.Key, g.ToList())).ToList(),
            challenged,
            Enumerable.Range(0, systems).Select(i => Chase(i, QuestionState.Answered)).ToList(),
            Enumerable.Range(1, 10).Select(i => new UpcomingCycle($"system-{i}", $"System {i}", 2, UpcomingKind.Opens, now.AddDays(i * 8), null, false)).ToList(),
            Enumerable.Range(1, 3).Select(i => new PendingSignOff($"system-{i}", $"System {i}", 1, "Daniel Reyes", i == 1, i == 1 ? now : null)).ToList(),
            true);
    }
}
