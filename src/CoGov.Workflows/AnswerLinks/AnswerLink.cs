namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// A signed answer link: one question of one cycle, for one person, opened without a login (decision record 21). The
/// database keeps only the SHA-256 of the link's token, never the token itself; the token is rebuilt when a mail needs
/// it from the link's id and a key kept outside the database (<see cref="AnswerLinkTokens"/>). When the link expires is
/// not stored: it follows the question's deadline, so it moves when the deadline moves.
/// </summary>
public sealed class AnswerLink
{
    /// <summary>How long a mailed code works, and how many wrong tries it takes before it is spent.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public const int CodeAttempts = 5;

    /// <summary>How long a browser that gave the right code may go on using the link without another.</summary>
    public static readonly TimeSpan CodeSessionLifetime = TimeSpan.FromHours(8);

    private AnswerLink()
    {
        TokenHash = "";
    }

    internal AnswerLink(Guid organisationId, Guid assessmentId, int questionNumber, Guid personId, DateTimeOffset issuedAt)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        AssessmentId = assessmentId;
        QuestionNumber = questionNumber;
        PersonId = personId;
        IssuedAt = issuedAt.ToUniversalTime();
        TokenHash = "";
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid AssessmentId { get; private set; }
    public int QuestionNumber { get; private set; }

    /// <summary>The person the link acts as; the log records them, with the link, as who acted.</summary>
    public Guid PersonId { get; private set; }

    /// <summary>The SHA-256 of the token, in lower-case hex.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The name of whoever revoked it, as the question page lists it.</summary>
    public string? RevokedBy { get; private set; }

    /// <summary>The hash of the one-time code last mailed, while one is outstanding.</summary>
    public string? CodeHash { get; private set; }

    public DateTimeOffset? CodeExpiresAt { get; private set; }
    public int CodeFailures { get; private set; }

    /// <summary>The hash of the secret a browser holds in a cookie once it gave the right code.</summary>
    public string? CodeSessionHash { get; private set; }

    public DateTimeOffset? CodeSessionExpiresAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    internal void Seal(string tokenHash) => TokenHash = tokenHash;

    internal void Used(DateTimeOffset at) => LastUsedAt = at.ToUniversalTime();

    internal void Revoke(string by, DateTimeOffset at)
    {
        RevokedAt = at.ToUniversalTime();
        RevokedBy = by;
        ForgetCode();
        CodeSessionHash = null;
        CodeSessionExpiresAt = null;
    }

    internal void CodeMailed(string codeHash, DateTimeOffset at)
    {
        CodeHash = codeHash;
        CodeExpiresAt = (at + CodeLifetime).ToUniversalTime();
        CodeFailures = 0;
    }

    /// <summary>Whether a code is outstanding that can still be tried.</summary>
    internal bool HasLiveCode(DateTimeOffset now) => CodeHash is not null && CodeExpiresAt > now && CodeFailures < CodeAttempts;

    internal void CodeFailed()
    {
        CodeFailures++;
        if (CodeFailures >= CodeAttempts)
        {
            // Spent: the next try needs a fresh code in the mailbox, so guessing costs a mail each five tries.
            ForgetCode();
            CodeFailures = CodeAttempts;
        }
    }

    internal void CodeAccepted(string sessionHash, DateTimeOffset at)
    {
        ForgetCode();
        CodeSessionHash = sessionHash;
        CodeSessionExpiresAt = (at + CodeSessionLifetime).ToUniversalTime();
    }

    private void ForgetCode()
    {
        CodeHash = null;
        CodeExpiresAt = null;
    }
}
