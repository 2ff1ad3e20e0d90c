using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CoGov.Workflows.Calendar;

/// <summary>Which calendar a feed address gives.</summary>
public enum CalendarFeedKind
{
    /// <summary>What the person owes (as accountable manager or delegate) and what they chase (as a steward).</summary>
    Personal = 1,

    /// <summary>For the joint committee: every cycle due, every sign-off pending, every reassessment scheduled.</summary>
    Committee = 2,
}

/// <summary>
/// The address of one member's calendar feed in one organisation. Calendar apps cannot sign in, so the address itself
/// carries a random secret; only the secret's SHA-256 is kept, so the database never holds a working address. Tied to
/// the membership rather than the login: when the member is removed the row goes with the membership (cascade), and a
/// later invitation of the same login starts with no feed (decision record 22).
/// </summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
        TokenHash = "";
    }

    private CalendarFeed(Guid organisationId, Guid membershipId, Guid personId, CalendarFeedKind kind, string tokenHash, DateTimeOffset issuedAt)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        MembershipId = membershipId;
        PersonId = personId;
        Kind = kind;
        TokenHash = tokenHash;
        IssuedAt = issuedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid MembershipId { get; private set; }

    /// <summary>Who the member is in the organisation: whose questions the feed lists.</summary>
    public Guid PersonId { get; private set; }

    public CalendarFeedKind Kind { get; private set; }

    /// <summary>The SHA-256 of the address's secret, in lower-case hex.</summary>
    public string TokenHash { get; private set; }

    /// <summary>When the current address was made; an address made earlier no longer answers.</summary>
    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>A new feed and the secret for its address, which is shown once and never stored.</summary>
    internal static (CalendarFeed Feed, string Secret) Issue(Guid organisationId, Guid membershipId, Guid personId, CalendarFeedKind kind, DateTimeOffset at)
    {
        var secret = NewSecret();
        return (new CalendarFeed(organisationId, membershipId, personId, kind, Hash(secret), at), secret);
    }

    /// <summary>A fresh secret for the same feed: the address given before answers 404 from now on.</summary>
    internal string Regenerate(DateTimeOffset at)
    {
        var secret = NewSecret();
        TokenHash = Hash(secret);
        IssuedAt = at.ToUniversalTime();
        return secret;
    }

    /// <summary>
    /// The hash a presented secret is looked up by. A lookup by hash compares no secret byte by byte, so how long a
    /// wrong guess takes to refuse says nothing about the right one.
    /// </summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>32 random bytes, URL-safe: 256 bits no one guesses, and nothing in it a calendar app would escape.</summary>
    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
