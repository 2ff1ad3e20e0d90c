using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using Stateless;

namespace CoGov.Domain.Assessments;

/// <summary>
/// One question of one cycle: who must answer it, by when, and where it stands. Its lifecycle is a Stateless machine;
/// changes go through <see cref="Assessment"/>, which writes the log entry for each.
/// </summary>
public sealed class QuestionItem
{
    private StateMachine<QuestionState, QuestionTrigger>? _machine;

    private QuestionItem()
    {
        ThemeKey = "";
    }

    internal QuestionItem(Guid assessmentId, int number, string themeKey)
    {
        Id = Guid.CreateVersion7();
        AssessmentId = assessmentId;
        Number = number;
        ThemeKey = themeKey;
        State = QuestionState.Draft;
    }

    public Guid Id { get; private set; }
    public Guid AssessmentId { get; private set; }

    /// <summary>The question's number in the template (1..N).</summary>
    public int Number { get; private set; }

    public string ThemeKey { get; private set; }
    public QuestionState State { get; private set; }

    /// <summary>The named accountable manager the question is routed to.</summary>
    public Guid? AssigneeId { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>The most recent answer in full; earlier answers stay in the log.</summary>
    public string? LatestAnswer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsOverdue(DateTimeOffset now) => State.IsWithManagement() && Deadline is { } due && now > due;

    public bool CanFire(QuestionTrigger trigger) => Machine.CanFire(trigger);

    /// <summary>The machine's graph in DOT, from Stateless's own export, for the docs and the help page.</summary>
    public static string DotGraph() =>
        Stateless.Graph.UmlDotGraph.Format(new QuestionItem(Guid.Empty, 1, "graph").Machine.GetInfo());

    internal void Send(Person assignee, DateTimeOffset deadline, DateTimeOffset at)
    {
        Fire(QuestionTrigger.Send);
        AssigneeId = assignee.Id;
        SentAt = at;
        Deadline = deadline;
    }

    internal void Answer(string text, DateTimeOffset at)
    {
        Fire(QuestionTrigger.Answer);
        LatestAnswer = text;
        AnsweredAt = at;
    }

    internal void Fire(QuestionTrigger trigger) => Machine.Fire(trigger);

    /// <summary>The reason a trigger is refused in the current state, in the committee's words.</summary>
    internal string Refusal(QuestionTrigger trigger, bool happenedBefore)
    {
        var again = happenedBefore ? " again" : " now";
        return $"Question {Number} is {Describe(State)}; it cannot be {PastParticiple(trigger)}{again}.";
    }

    private StateMachine<QuestionState, QuestionTrigger> Machine => _machine ??= Configure();

    private StateMachine<QuestionState, QuestionTrigger> Configure()
    {
        var machine = new StateMachine<QuestionState, QuestionTrigger>(() => State, s => State = s);

        machine.Configure(QuestionState.Draft)
            .Permit(QuestionTrigger.Send, QuestionState.Sent)
            .Permit(QuestionTrigger.Withdraw, QuestionState.Withdrawn);

        machine.Configure(QuestionState.Sent)
            .Permit(QuestionTrigger.Answer, QuestionState.Answered)
            .Permit(QuestionTrigger.Withdraw, QuestionState.Withdrawn);

        machine.Configure(QuestionState.ClarificationRequested)
            .Permit(QuestionTrigger.Answer, QuestionState.Answered)
            .Permit(QuestionTrigger.Withdraw, QuestionState.Withdrawn);

        machine.Configure(QuestionState.Answered)
            .Permit(QuestionTrigger.Accept, QuestionState.Accepted)
            .Permit(QuestionTrigger.RequestClarification, QuestionState.ClarificationRequested)
            .Permit(QuestionTrigger.Challenge, QuestionState.Challenged);

        machine.Configure(QuestionState.Challenged)
            .Permit(QuestionTrigger.Resolve, QuestionState.Resolved);

        // Accepted, Resolved and Withdrawn are final for the cycle; the next cycle carries them over.
        return machine;
    }

    private static string Describe(QuestionState state) => state switch
    {
        QuestionState.Draft => "a draft (not sent yet)",
        QuestionState.Sent => "Sent (awaiting an answer)",
        QuestionState.Answered => "Answered (awaiting review)",
        QuestionState.ClarificationRequested => "awaiting clarification",
        QuestionState.Challenged => "Challenged (on the committee's agenda)",
        QuestionState.Accepted => "Accepted",
        QuestionState.Resolved => "Resolved by the committee",
        QuestionState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    private static string PastParticiple(QuestionTrigger trigger) => trigger switch
    {
        QuestionTrigger.Send => "sent",
        QuestionTrigger.Answer => "answered",
        QuestionTrigger.RequestClarification => "sent back for clarification",
        QuestionTrigger.Accept => "accepted",
        QuestionTrigger.Challenge => "challenged",
        QuestionTrigger.Resolve => "resolved",
        QuestionTrigger.Withdraw => "withdrawn",
        _ => trigger.ToString(),
    };
}
