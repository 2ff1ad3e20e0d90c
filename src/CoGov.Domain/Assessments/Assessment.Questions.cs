using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;

namespace CoGov.Domain.Assessments;

/// <summary>The moves of one question: sending, answering, reviewing, routing and more time; each writes one log entry.</summary>
public sealed partial class Assessment
{
    public QuestionItem Question(int number) =>
        _questions.FirstOrDefault(q => q.Number == number)
        ?? throw new DomainRuleException("Cycle {0} has no question {1}.", Cycle, number);

    /// <summary>Routes a draft question to a named accountable manager of the same organisation and starts their clock.</summary>
    public void Send(int number, Person assignee, DateTimeOffset deadline, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, assignee);
        if (deadline <= at)
        {
            throw new DomainRuleException("The deadline for question {0} must be after the moment it is sent.", number);
        }
        Fire(item, QuestionTrigger.Send, by);
        item.Route(assignee, by.PersonId, at.ToUniversalTime());
        item.StartClock(deadline.ToUniversalTime(), rules, at);
        var carried = item.CarriedOverAnswer is null ? "" : $" Carried over from cycle {item.CarriedOverFromCycle}: confirm or update the answer settled then.";
        var entry = Append(at, by, LogEntryKind.Sent, number, $"Sent to {assignee.Name}, answer due {Invariant(deadline)}.{carried}");
        Notify(NotificationKind.QuestionArrived, assignee.Id, entry);
    }

    /// <summary>The accountable manager the question is routed to, or their delegate, answers it; their clock stops.</summary>
    public void Answer(int number, string text, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var answer = RequireText(text, new Phrase("The answer to question {0} is empty.", number));
        Fire(item, QuestionTrigger.Answer, by);
        item.RecordAnswer(answer, at.ToUniversalTime());
        item.ClearSchedule();
        item.ClearExtensionRequest();
        var entry = Append(at, by, LogEntryKind.Answered, number, answer);
        NotifySender(NotificationKind.Answered, item, entry);
    }

    /// <summary>The workers' side accepts the answer.</summary>
    public void Accept(int number, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        Fire(item, QuestionTrigger.Accept, by);
        NotifyIfReadyToSignOff(Append(at, by, LogEntryKind.Accepted, number, ""));
    }

    /// <summary>The workers' side sends the question back, saying what is unclear; the manager gets a fresh, shorter deadline.</summary>
    public void RequestClarification(int number, string whatIsUnclear, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        var text = RequireText(whatIsUnclear, new Phrase("Say what is unclear in the answer to question {0}.", number));
        Fire(item, QuestionTrigger.RequestClarification, by);
        var deadline = rules.Calendar.AddWorkingDays(at, rules.ClarificationDays);
        item.StartClock(deadline, rules, at);
        var entry = Append(at, by, LogEntryKind.ClarificationRequested, number, text);
        NotifyAnswerers(NotificationKind.ClarificationRequested, item, entry);
    }

    /// <summary>The workers' side challenges the answer (right of redress): the question goes on the committee's agenda.</summary>
    public void Challenge(int number, string grounds, Actor by, DateTimeOffset at, Organisation organisation)
    {
        var item = Prepare(number, by);
        var text = RequireText(grounds, new Phrase("Give the grounds for challenging the answer to question {0}.", number));
        Fire(item, QuestionTrigger.Challenge, by);
        var entry = Append(at, by, LogEntryKind.Challenged, number, text);
        foreach (var chair in Chairs(organisation))
        {
            Notify(NotificationKind.Challenged, chair, entry);
        }
    }

    /// <summary>A chair of the joint committee records the committee's resolution of a challenge.</summary>
    public void RecordResolution(int number, string resolution, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var text = RequireText(resolution, new Phrase("The committee's resolution of question {0} is empty.", number));
        Fire(item, QuestionTrigger.Resolve, by);
        NotifyIfReadyToSignOff(Append(at, by, LogEntryKind.Resolved, number, text));
    }

    /// <summary>The workers' side withdraws a question it no longer needs answered in this cycle.</summary>
    public void Withdraw(int number, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        var text = RequireText(reason, new Phrase("Give the reason for withdrawing question {0}.", number));
        Fire(item, QuestionTrigger.Withdraw, by);
        item.ClearSchedule();
        item.ClearExtensionRequest();
        NotifyIfReadyToSignOff(Append(at, by, LogEntryKind.Withdrawn, number, text));
    }

    /// <summary>The workers' side routes a question to another named accountable manager; the deadline stands.</summary>
    public void Reassign(int number, Person to, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, to);
        var text = RequireText(reason, new Phrase("Give the reason for reassigning question {0}.", number));
        if (item.AssigneeId == to.Id)
        {
            throw new DomainRuleException("Question {0} is already routed to {1}.", number, to.Name);
        }
        Fire(item, QuestionTrigger.Reassign, by);
        // Those it leaves are told too: otherwise a manager keeps working on, or being chased in their head for, an
        // answer that is no longer theirs to give.
        var leaving = new[] { item.AssigneeId, item.DelegateId }.OfType<Guid>().Where(id => id != to.Id).Distinct().ToList();
        item.Reassign(to);
        var entry = Append(at, by, LogEntryKind.Reassigned, number, $"Reassigned to {to.Name}: {text}");
        Notify(NotificationKind.QuestionArrived, to.Id, entry);
        foreach (var person in leaving)
        {
            Notify(NotificationKind.ReassignedAway, person, entry);
        }
    }

    /// <summary>The accountable manager delegates the answer to another manager, with a reason, and stays accountable.</summary>
    public void Delegate(int number, Person to, string reason, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        RequireAccountableManager(number, to);
        var text = RequireText(reason, new Phrase("Give the reason for delegating question {0}.", number));
        if (item.AssigneeId == to.Id || item.DelegateId == to.Id)
        {
            throw new DomainRuleException("{0} can already answer question {1}.", to.Name, number);
        }
        Fire(item, QuestionTrigger.Delegate, by);
        item.DelegateTo(to);
        var entry = Append(at, by, LogEntryKind.Delegated, number, $"Delegated to {to.Name}: {text}");
        Notify(NotificationKind.QuestionArrived, to.Id, entry);
    }

    /// <summary>The manager asks for more time; their clock stops until the workers' side decides.</summary>
    public void RequestExtension(int number, int workingDays, string reason, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        if (workingDays is < 1 or > 60)
        {
            throw new DomainRuleException("Ask for between 1 and 60 working days more for question {0}, not {1}.", number, workingDays);
        }
        var text = RequireText(reason, new Phrase("Give the reason for asking for more time on question {0}.", number));
        var returnTo = item.State;
        Fire(item, QuestionTrigger.RequestExtension, by);
        item.RecordExtensionRequest(workingDays, returnTo);
        item.StopClock(rules, at);
        var entry = Append(at, by, LogEntryKind.ExtensionRequested, number, $"{workingDays} more working day{(workingDays == 1 ? "" : "s")} asked: {text}");
        NotifySender(NotificationKind.ExtensionRequested, item, entry);
    }

    /// <summary>The workers' side grants or refuses more time; the manager's clock resumes where it stood, plus the time granted.</summary>
    public void DecideExtension(int number, bool grant, string? comment, Actor by, DateTimeOffset at, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        var days = item.RequestedExtensionDays ?? 0;
        Fire(item, grant ? QuestionTrigger.GrantExtension : QuestionTrigger.RefuseExtension, by);
        item.ResumeClock(rules, at, grant ? days : 0);
        item.ClearExtensionRequest();
        var decision = grant ? $"{days} more working day{(days == 1 ? "" : "s")} granted" : "More time refused";
        // The steward's words are kept as written; a full stop is added only where their sentence has none.
        var note = comment?.Trim() is { Length: > 0 } said ? $": {said}{(said[^1] is '.' or '!' or '?' ? "" : ".")}" : ".";
        var entry = Append(at, by, grant ? LogEntryKind.ExtensionGranted : LogEntryKind.ExtensionRefused, number,
            $"{decision}{note} Answer now due {Invariant(item.Deadline!.Value)}.");
        NotifyAnswerers(NotificationKind.ExtensionDecided, item, entry);
    }

    private QuestionItem Prepare(int number, Actor by)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        return Question(number);
    }

    private static void Fire(QuestionItem item, QuestionTrigger trigger, Actor by) => item.Fire(trigger, by);

    private void RequireAccountableManager(int number, Person person)
    {
        if (person.OrganisationId != OrganisationId)
        {
            throw new DomainRuleException("{0} is not part of this organisation; question {1} can only go to one of its accountable managers.", person.Name, number);
        }
        if (person.Side != Side.Management)
        {
            throw new DomainRuleException("{0} is on {1}; question {2} must go to a named accountable manager on the management side.", person.Name, person.Side.Describe(), number);
        }
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is retired; question {1} must go to an accountable manager who is still here.", person.Name, number);
        }
    }
}
