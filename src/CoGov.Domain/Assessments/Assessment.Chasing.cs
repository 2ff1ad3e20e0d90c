using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;

namespace CoGov.Domain.Assessments;

/// <summary>Reminders and escalations, by a steward at once or by the sweep when the clock says they are due.</summary>
public sealed partial class Assessment
{
    /// <summary>A steward reminds the manager at once, outside the policy's schedule (which is left as it is).</summary>
    public void RemindNow(int number, Actor by, DateTimeOffset at)
    {
        var item = Prepare(number, by);
        if (by.Side != Side.Workers)
        {
            throw new DomainRuleException("Only the workers' side can send a reminder about question {0}; {1} cannot.", number, by.Name);
        }
        if (!item.IsClockRunning)
        {
            throw new DomainRuleException("Question {0} is not waiting on an answer from management; there is nothing to remind them of.", number);
        }
        var entry = Append(at, by, LogEntryKind.Reminded, number, $"Reminder sent by {by.Name}: the answer is due {Invariant(item.Deadline!.Value)}.");
        NotifyAnswerers(NotificationKind.Reminder, item, entry);
    }

    /// <summary>
    /// A steward escalates at once, without waiting for the policy's next step: to the manager's named superior first,
    /// then to the committee chairs. It counts as a step of the escalation chain.
    /// </summary>
    public void EscalateNow(int number, Actor by, DateTimeOffset at, Organisation organisation, DeadlineRules rules)
    {
        var item = Prepare(number, by);
        if (by.Side != Side.Workers)
        {
            throw new DomainRuleException("Only the workers' side can escalate question {0}; {1} is on {2}.", number, by.Name, by.Side.Describe());
        }
        if (!item.IsClockRunning)
        {
            throw new DomainRuleException("Question {0} is not waiting on an answer from management; there is nothing to escalate.", number);
        }
        var assignee = organisation.FindPerson(item.AssigneeId!.Value)!;
        // A step taken by hand counts as a step of the chain: the policy's schedule goes on from the next one.
        var superior = item.EscalationLevel == 0 ? organisation.SuperiorOf(assignee) : null;
        var recipients = superior is not null ? [superior.Id] : Chairs(organisation).ToList();
        var to = superior is not null ? $"{superior.Name}, {assignee.Name}'s superior" : "the committee chairs";
        var entry = Append(at, by, LogEntryKind.Escalated, number, $"Escalated by {by.Name} to {to}: the answer is due {Invariant(item.Deadline!.Value)}.");
        item.EscalatedByHand(rules);
        foreach (var recipient in recipients)
        {
            Notify(NotificationKind.Escalation, recipient, entry);
        }
        NotifyAnswerers(NotificationKind.Escalation, item, entry);
    }

    /// <summary>Whether <paramref name="by"/> may remind or escalate question <paramref name="number"/> at once.</summary>
    public bool CanChase(int number, Actor by) => MayChase(by, OrganisationId, State, Question(number).State, Question(number).Deadline);

    /// <summary>
    /// The rule <see cref="CanChase"/> applies, asked of what a list read of a question without loading its cycle: a
    /// cycle not signed off, a member of the workers' side of its organisation, the question's clock running.
    /// </summary>
    public static bool MayChase(Actor by, Guid organisationId, AssessmentState cycleState, QuestionState state, DateTimeOffset? deadline) =>
        cycleState != AssessmentState.SignedOff && by.OrganisationId == organisationId && by.Side == Side.Workers
        && QuestionItem.ClockRuns(state, deadline);

    /// <summary>
    /// Does what the clock says is due by <paramref name="now"/>: reminders, the overdue notice and escalation steps,
    /// each exactly once and in order, each with its log entry and mail. Returns how many were done.
    /// </summary>
    public int PerformDueActions(Organisation organisation, DeadlineRules rules, DateTimeOffset now)
    {
        if (organisation.Id != OrganisationId)
        {
            throw new DomainRuleException("Cycle {0} does not belong to {1}.", Cycle, organisation.Name);
        }
        if (IsReadOnly)
        {
            return 0;
        }
        var done = 0;
        foreach (var item in _questions.Where(q => q.NextActionAt <= now).OrderBy(q => q.Number))
        {
            while (item.NextAction(rules) is { } action && action.At <= now)
            {
                Perform(item, action, organisation, now);
                item.MarkDone(action, rules);
                done++;
            }
            // The policy may have changed since the time was set; the sweep must never find the same question due forever.
            item.RefreshSchedule(rules);
        }
        return done;
    }

    private void Perform(QuestionItem item, ScheduledAction action, Organisation organisation, DateTimeOffset now)
    {
        var due = Invariant(item.Deadline!.Value);
        switch (action.Kind)
        {
            case ScheduledActionKind.Reminder:
                NotifyAnswerers(NotificationKind.Reminder, item,
                    Append(now, null, LogEntryKind.Reminded, item.Number, $"Reminder {action.Step}: the answer is due {due}."));
                break;
            case ScheduledActionKind.Overdue:
                NotifyAnswerers(NotificationKind.Overdue, item,
                    Append(now, null, LogEntryKind.Overdue, item.Number, $"The answer was due {due} and has not been given."));
                break;
            case ScheduledActionKind.Escalation:
                var assignee = organisation.FindPerson(item.AssigneeId!.Value)!;
                var superior = action.EscalateTo == EscalationStep.Superior ? organisation.SuperiorOf(assignee) : null;
                var recipients = superior is not null ? [superior.Id] : Chairs(organisation).ToList();
                var to = superior is not null
                    ? $"{superior.Name}, {assignee.Name}'s superior"
                    : action.EscalateTo == EscalationStep.Superior
                        ? $"the committee chairs ({assignee.Name} has no named superior)"
                        : "the committee chairs";
                var entry = Append(now, null, LogEntryKind.Escalated, item.Number, $"Escalation step {action.Step} to {to}: the answer was due {due}.");
                foreach (var recipient in recipients)
                {
                    Notify(NotificationKind.Escalation, recipient, entry);
                }
                NotifyAnswerers(NotificationKind.Escalation, item, entry);
                break;
        }
    }
}
