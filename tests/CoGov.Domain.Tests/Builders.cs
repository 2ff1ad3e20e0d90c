using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Domain.Tests;

/// <summary>
/// A small organisation to test against: a balanced joint committee, one system, an 8-question template in 3 themes,
/// and a fake clock. Every test gets a fresh one.
/// </summary>
/// <remarks>
/// People: Amara Okafor (workers' chair), Tomasz Nowak (workers' member), Kwame Asante (workers' side, no seat),
/// Helen Marsh (management chair), Priya Nair (management member, Helen's report, the cycle's accountable manager),
/// Daniel Reyes (manager, no seat). Oscar Lind is a manager of another organisation.
/// </remarks>
internal sealed class World
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public World()
    {
        Clock = new FakeTimeProvider(Start);
        Organisation = new Organisation("riverside-hospital", "Riverside Municipal Hospital", "Health", "gb", "en",
            "Joint Committee on Algorithmic Systems");
        Steward = Organisation.AddPerson("amara", "Amara Okafor", Side.Workers, "Unison steward", "amara@example.org");
        Rep = Organisation.AddPerson("tomasz", "Tomasz Nowak", Side.Workers, "Nurses' rep", "tomasz@example.org");
        Worker = Organisation.AddPerson("kwame", "Kwame Asante", Side.Workers, "Porter", "kwame@example.org");
        Director = Organisation.AddPerson("helen", "Helen Marsh", Side.Management, "Director of Operations", "helen@example.org");
        Manager = Organisation.AddPerson("priya", "Priya Nair", Side.Management, "Head of Workforce", "priya@example.org", Director);
        UnseatedManager = Organisation.AddPerson("daniel", "Daniel Reyes", Side.Management, "IT Manager", "daniel@example.org");
        Organisation.SeatOnCommittee(Steward, CommitteeRole.Chair);
        Organisation.SeatOnCommittee(Rep, CommitteeRole.Member);
        Organisation.SeatOnCommittee(Director, CommitteeRole.Chair);
        Organisation.SeatOnCommittee(Manager, CommitteeRole.Member);

        OtherOrganisation = new Organisation("northgate-logistics", "Northgate Logistics", null, null, "en", "Northgate Joint Committee");
        OutsideManager = OtherOrganisation.AddPerson("oscar", "Oscar Lind", Side.Management, "Site Manager", "oscar@example.org");

        Rostering = SystemBuilder.Rostering(Organisation.Id);
        Template = QuestionnaireTemplate.Create(Templates.Valid());
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Clock rules in UTC with no reminders or escalation, so tests about other things see no scheduled entries.</summary>
    public DeadlineRules Rules { get; } = new(WorkingCalendar.Utc, clarificationDays: 5, reminderDaysBeforeDue: [], escalation: [], escalationIntervalDays: 3);

    /// <summary>
    /// Clock rules in UTC with the default policy's reminders and escalation: reminders 5 and 1 working days before
    /// the deadline, then escalation to the assignee's superior and to the committee chairs, 3 working days apart, and
    /// 3 working days to answer a clarification.
    /// </summary>
    public DeadlineRules ClockRules { get; } = new(WorkingCalendar.Utc, clarificationDays: 3, reminderDaysBeforeDue: [5, 1],
        escalation: [EscalationStep.Superior, EscalationStep.CommitteeChairs], escalationIntervalDays: 3);

    public Organisation Organisation { get; }
    public Person Steward { get; }
    public Person Rep { get; }
    public Person Worker { get; }
    public Person Director { get; }
    public Person Manager { get; }

    /// <summary>A manager of the organisation without a committee seat.</summary>
    public Person UnseatedManager { get; }

    public Organisation OtherOrganisation { get; }
    public Person OutsideManager { get; }
    public AlgorithmicSystem Rostering { get; }
    public QuestionnaireTemplate Template { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Moves the clock on an hour and returns the new time, so every action happens at its own moment.</summary>
    public DateTimeOffset Tick()
    {
        Clock.Advance(TimeSpan.FromHours(1));
        return Clock.GetUtcNow();
    }

    /// <summary>Moves the clock forward to <paramref name="at"/> (never back) and returns it.</summary>
    public DateTimeOffset MoveTo(DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        return at;
    }

    /// <summary>A moment in UTC, written as the calendar reads it.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public Actor As(Person person) => Organisation.ActorFor(person.Id);

    public Actor Outsider => OtherOrganisation.ActorFor(OutsideManager.Id);

    public Assessment Open(Person? openedBy = null) =>
        Assessment.Open(Organisation, Rostering, Template, 1, Manager, Now, Now.AddDays(60), openedBy is null ? null : As(openedBy));

    public Assessment OpenByStewardAndSend(params int[] numbers)
    {
        var assessment = Open(Steward);
        Send(assessment, numbers);
        return assessment;
    }

    public void Send(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            var at = Tick();
            assessment.Send(number, Manager, at.AddDays(14), As(Steward), at, Rules);
        }
    }

    public void SendAll(Assessment assessment) => Send(assessment, AllNumbers(assessment));

    public void Answer(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.Answer(number, $"Answer to question {number}.", As(Manager), Tick());
        }
    }

    public void Accept(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.Accept(number, As(Steward), Tick());
        }
    }

    public void Clarify(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.RequestClarification(number, $"What does answer {number} mean for night shifts?", As(Steward), Tick(), Rules);
        }
    }

    public void Challenge(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.Challenge(number, $"Answer {number} does not say who can override the system.", As(Steward), Tick(), Organisation);
        }
    }

    public void Resolve(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.RecordResolution(number, $"The committee agreed a fix for question {number}.", As(Steward), Tick());
        }
    }

    public void Withdraw(Assessment assessment, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            assessment.Withdraw(number, $"Question {number} is covered elsewhere.", As(Steward), Tick());
        }
    }

    /// <summary>Sends, answers and accepts every question: the cycle ends up awaiting sign-off.</summary>
    public Assessment SettledAssessment()
    {
        var assessment = Open(Steward);
        var all = AllNumbers(assessment);
        Send(assessment, all);
        Answer(assessment, all);
        Accept(assessment, all);
        return assessment;
    }

    public void SignOff(Assessment assessment) =>
        assessment.SignOff("Management confirms the answers given in this cycle.", As(Manager), Tick());

    public void Countersign(Assessment assessment) =>
        assessment.Countersign("The workers' side countersigns the cycle.", As(Steward), Tick());

    /// <summary>A cycle signed by both sides: read-only.</summary>
    public Assessment SignedOffAssessment()
    {
        var assessment = SettledAssessment();
        SignOff(assessment);
        Countersign(assessment);
        return assessment;
    }

    public static int[] AllNumbers(Assessment assessment) => [.. assessment.Questions.Select(q => q.Number)];
}

internal static class SystemBuilder
{
    public static AlgorithmicSystem Rostering(Guid organisationId) => new(
        organisationId,
        "rostering",
        "ShiftWise Rostering",
        "Builds the nursing rota four weeks ahead.",
        "ShiftWise Ltd",
        Sourcing.Procured,
        "Vendor keeps the model; hospital owns the data.",
        ["shift history", "sickness absence", "shift history", " "],
        "Workforce");
}

/// <summary>Questionnaire specs, bilingual (en, fr), that tests bend one rule at a time.</summary>
internal static class Templates
{
    public static readonly string[] ThemeKeys = ["purpose", "accountability", "redress", "data", "review"];

    public static LocalizedText Text(string english) => new([new("en", english), new("fr", "[fr] " + english)]);

    public static LocalizedText Text(params (string Language, string Text)[] texts) =>
        new(texts.Select(t => new KeyValuePair<string, string>(t.Language, t.Text)));

    /// <summary>The valid template: purpose (1-3), accountability (4-6), redress (7-8).</summary>
    public static QuestionnaireTemplateSpec Valid() => Numbered([1, 2, 3], [4, 5, 6], [7, 8]);

    /// <summary>A spec whose themes hold questions with these numbers, in this order.</summary>
    public static QuestionnaireTemplateSpec Numbered(params int[][] numbersPerTheme) => new(
        "psi-co-governance",
        1,
        ["en", "fr"],
        Text("Co-Governance of Algorithmic Systems"),
        Text("PSI, Co-Governance of Algorithmic Systems: a guide for trade unions"),
        [.. numbersPerTheme.Select((numbers, i) => new ThemeSpec(
            ThemeKeys[i],
            Text($"Theme {i + 1}"),
            Text($"Why theme {i + 1} matters"),
            [.. numbers.Select(n => new QuestionSpec(n, Text($"Question {n}?")))]))]);

    public static QuestionnaireTemplateSpec WithTheme(this QuestionnaireTemplateSpec spec, int index, Func<ThemeSpec, ThemeSpec> change)
    {
        var themes = spec.Themes.ToList();
        themes[index] = change(themes[index]);
        return spec with { Themes = themes };
    }

    public static QuestionnaireTemplateSpec WithQuestion(this QuestionnaireTemplateSpec spec, int theme, int question, Func<QuestionSpec, QuestionSpec> change) =>
        spec.WithTheme(theme, t =>
        {
            var questions = t.Questions.ToList();
            questions[question] = change(questions[question]);
            return t with { Questions = questions };
        });
}

/// <summary>Everything about a cycle that a refused change must leave as it was.</summary>
internal sealed record Snapshot(
    AssessmentState State,
    int LogLength,
    string LogHeadHash,
    int LogCount,
    DateTimeOffset LastActivityAt,
    string Questions,
    int SignOffs,
    int PendingNotifications)
{
    public static Snapshot Of(Assessment assessment) => new(
        assessment.State,
        assessment.LogLength,
        assessment.LogHeadHash,
        assessment.Log.Count,
        assessment.LastActivityAt,
        string.Join("; ", assessment.Questions.Select(q =>
            $"{q.Number}:{q.State}:{q.AssigneeId}:{q.DelegateId}:{q.SentById}:{q.SentAt:O}:{q.Deadline:O}:{q.LatestAnswer}:{q.AnsweredAt:O}" +
            $":{q.ClockStoppedWith}:{q.StateBeforeExtension}:{q.RequestedExtensionDays}:{q.CarriedOverAnswer}:{q.CarriedOverFromCycle}" +
            $":{q.RemindersSent}:{q.OverdueNotified}:{q.EscalationLevel}:{q.NextActionAt:O}")),
        assessment.SignOffs.Count,
        PendingNotificationsOf(assessment));

    /// <summary>Counts the notifications raised and not yet taken, without taking them.</summary>
    private static int PendingNotificationsOf(Assessment assessment) =>
        ((List<Notification>)typeof(Assessment)
            .GetField("_notifications", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(assessment)!).Count;
}

internal static class Refusals
{
    /// <summary>Asserts that <paramref name="change"/> is refused with a rule exception and leaves the cycle exactly as it was.</summary>
    public static DomainRuleException AssertRefused(Assessment assessment, Action change)
    {
        var before = Snapshot.Of(assessment);

        var refusal = Assert.Throws<DomainRuleException>(change);

        Assert.Equal(before, Snapshot.Of(assessment));
        return refusal;
    }

    /// <summary>As <see cref="AssertRefused(Assessment, Action)"/>, with the exact message the committee would read.</summary>
    public static void AssertRefused(Assessment assessment, Action change, string expectedMessage) =>
        Assert.Equal(expectedMessage, AssertRefused(assessment, change).Message);
}
