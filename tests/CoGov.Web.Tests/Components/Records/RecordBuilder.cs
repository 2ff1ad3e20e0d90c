using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Records;

namespace CoGov.Web.Tests.Components.Records;

/// <summary>Assessment records made up for the component's and the printer's tests: the PSI guide's shape, 7 themes and 19 questions.</summary>
internal static class RecordBuilder
{
    public static readonly DateTimeOffset Opened = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How many questions each of the 7 themes holds, in order: 19 in all.</summary>
    private static readonly int[] QuestionsPerTheme = [3, 3, 3, 3, 3, 2, 2];

    public const string HeadHash = "3f5a0c9be1d24f7a8c6b5e4d3c2b1a09f8e7d6c5b4a392817065f4e3d2c1b0a9";

    public static string QuestionText(int number) => $"Question text number {number}: what does the system do with workers' data?";

    public static string AnswerText(int number) => $"Answer number {number} from the accountable manager.";

    /// <param name="answer">The answer to each question by number; all accepted.</param>
    public static AssessmentRecord Record(
        Func<int, string>? answer = null,
        RecordSignature? management = null,
        RecordSignature? workers = null,
        string organisationName = "Riverside Municipal Hospital",
        int logEntries = 3)
    {
        answer ??= AnswerText;
        var themes = new List<RecordTheme>();
        var number = 1;
        for (var t = 0; t < QuestionsPerTheme.Length; t++)
        {
            var questions = new List<RecordQuestion>();
            for (var q = 0; q < QuestionsPerTheme[t]; q++, number++)
            {
                questions.Add(new RecordQuestion(
                    number,
                    QuestionText(number),
                    "Daniel Reyes",
                    null,
                    null,
                    false,
                    QuestionState.Accepted,
                    new RecordAnswer(answer(number), "Daniel Reyes", Opened.AddDays(number), IsAccepted: true),
                    null,
                    null,
                    number == 4 ? [new RecordEvent(LogEntryKind.ClarificationRequested, Opened.AddDays(3)), new RecordEvent(LogEntryKind.Challenged, Opened.AddDays(6))] : []));
            }
            themes.Add(new RecordTheme($"theme-{t + 1}", $"Theme {t + 1} title", questions));
        }
        var cover = new RecordCover(
            "riverside-hospital", organisationName, "rostering", "ShiftWise Rostering", "Generates rosters.",
            2, "Co-Governance of Algorithmic Systems", 1,
            management is not null && workers is not null ? AssessmentState.SignedOff : AssessmentState.AwaitingSignOff,
            Opened, Opened.AddDays(60), management is not null && workers is not null ? workers.At : null,
            "Daniel Reyes", "Joint Committee on Algorithmic Systems",
            [new RecordMember("Leila Haddad", "Branch secretary", CommitteeRole.Chair), new RecordMember("Amara Okafor", "Steward", CommitteeRole.Member)],
            [new RecordMember("Helen Marsh", "Chief Operating Officer", CommitteeRole.Chair), new RecordMember("Daniel Reyes", "Director of Workforce Planning", CommitteeRole.Member)]);
        var log = Enumerable.Range(1, logEntries)
            .Select(i => new RecordLogEntry(i, Opened.AddHours(i), i == 1 ? "CoGov" : "Amara Okafor", i == 1 ? LogEntryKind.Opened : LogEntryKind.Sent, i == 1 ? null : Math.Min(i - 1, 19), $"Log entry {i}."))
            .ToList();
        return new AssessmentRecord(
            cover,
            themes,
            new RecordSignatures(management, workers),
            log,
            new LogVerification(true, logEntries, HeadHash, null, null),
            "en",
            "Europe/London",
            Opened.AddDays(70),
            MayStore: true);
    }

    public static RecordSignature ManagementSignature => new("Daniel Reyes", "Management confirms that all 19 questions were answered.", Opened.AddDays(61));

    public static RecordSignature WorkersSignature => new("Leila Haddad", "The workers' side countersigns the record.", Opened.AddDays(62));
}
