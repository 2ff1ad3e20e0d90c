namespace CoGov.Domain.Organisations;

/// <summary>What kind of administrative change an <see cref="AuditEntry"/> records.</summary>
public enum AuditKind
{
    PersonAdded = 1,
    PersonEdited = 2,
    PersonRetired = 3,
    CommitteeChanged = 4,
    MemberRolesChanged = 5,
    MemberRemoved = 6,
    LoginLocked = 7,
    InvitationRevoked = 8,
    TemplateImported = 9,
    TemplateAdopted = 10,
    SystemRegistered = 11,
    SystemEdited = 12,
    SystemRetired = 13,
    PolicyChanged = 14,
    InvitationSent = 16,
    OrganisationCreated = 17,
    TwoFactorRequirementChanged = 18,
    AnswerLinkCodeRequirementChanged = 19,
    AnswerLinkRevoked = 20,
    CalendarFeedIssued = 21,
    CalendarFeedRevoked = 22,
    AccessTokenCreated = 23,
    AccessTokenRevoked = 24,
    OrganisationExported = 25,
    OrganisationImported = 26,
}

/// <summary>
/// One administrative change to an organisation (its people, its committee, its members and their roles), kept so that
/// both sides can see who changed what and when. Append-only: written once, never changed or removed. Who and what are
/// stored as text, as the cycle log does, so an entry reads the same after the person is renamed or retired.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        By = Text = "";
    }

    public AuditEntry(Guid organisationId, DateTimeOffset at, string by, AuditKind kind, string text)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        At = at.ToUniversalTime();
        By = by;
        Kind = kind;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The name of whoever made the change, as it was then.</summary>
    public string By { get; private set; }

    public AuditKind Kind { get; private set; }

    /// <summary>The change in English, naming people as they were named then.</summary>
    public string Text { get; private set; }
}
