using CoGov.Domain.Organisations;

namespace CoGov.Domain.Assessments;

/// <summary>Who is told of each change: raised here, written to the outbox with the change that raised them.</summary>
public sealed partial class Assessment
{
    /// <summary>The notifications raised since the last call, to be written to the outbox with the change.</summary>
    public IReadOnlyList<Notification> TakeNotifications()
    {
        var taken = _notifications.ToList();
        _notifications.Clear();
        return taken;
    }

    /// <summary>
    /// Raises one notification, except to the person whose action it is about: nobody is told of what they did
    /// themselves (a chair challenging an answer is not mailed that it was challenged).
    /// </summary>
    private void Notify(NotificationKind kind, Guid recipient, LogEntry entry)
    {
        if (recipient != entry.ActorPersonId)
        {
            _notifications.Add(new Notification(kind, recipient, Id, entry.QuestionNumber, entry));
        }
    }

    private void NotifyAnswerers(NotificationKind kind, QuestionItem item, LogEntry entry)
    {
        foreach (var person in new[] { item.AssigneeId, item.DelegateId }.OfType<Guid>())
        {
            Notify(kind, person, entry);
        }
    }

    private void NotifySender(NotificationKind kind, QuestionItem item, LogEntry entry)
    {
        if (item.SentById is { } steward)
        {
            Notify(kind, steward, entry);
        }
    }

    /// <summary>
    /// Tells the accountable manager once the entry just made settled the last open question: from then on the cycle
    /// waits on their sign-off alone. Raised by the settling entry, so it is raised once, however the last one settled.
    /// </summary>
    private void NotifyIfReadyToSignOff(LogEntry settling)
    {
        if (ManagementSignOff is null && _questions.Count > 0 && _questions.All(q => q.State.IsSettled()))
        {
            Notify(NotificationKind.SignOffDue, AccountableManagerId, settling);
        }
    }

    private static IEnumerable<Guid> Chairs(Organisation organisation) =>
        organisation.Committee.Seats.Where(s => s.Role == CommitteeRole.Chair).Select(s => s.PersonId);
}
