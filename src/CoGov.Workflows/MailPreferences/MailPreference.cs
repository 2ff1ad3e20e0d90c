namespace CoGov.Workflows.MailPreferences;

/// <summary>How a person wants the mail that can wait: as it happens, or gathered into one mail a day.</summary>
public enum MailDelivery
{
    /// <summary>Every mail as it happens: what everyone gets until they choose otherwise.</summary>
    EveryMail = 0,

    /// <summary>
    /// One mail a day, at the hour the instance sets, in the organisation's time zone. Deadline-critical mail still goes
    /// at once (<see cref="Notifications.DigestRule"/>): no choice here can make anyone miss a deadline.
    /// </summary>
    DailyDigest = 1,
}

/// <summary>
/// A person's choice of mail in their organisation. Kept beside the person rather than on them: it is theirs to change
/// (signed in, or through the link in any mail), not the administrator's, and no row means every mail.
/// </summary>
public sealed class MailPreference
{
    private MailPreference()
    {
    }

    public MailPreference(Guid personId, Guid organisationId, MailDelivery delivery, DateTimeOffset at)
    {
        PersonId = personId;
        OrganisationId = organisationId;
        Delivery = delivery;
        ChangedAt = at;
    }

    public Guid PersonId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public MailDelivery Delivery { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public void Change(MailDelivery delivery, DateTimeOffset at)
    {
        Delivery = delivery;
        ChangedAt = at;
    }
}
