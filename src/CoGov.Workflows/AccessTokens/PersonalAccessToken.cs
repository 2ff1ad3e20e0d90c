using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CoGov.Workflows.AccessTokens;

/// <summary>What a personal access token lets a program do.</summary>
public enum TokenAccess
{
    /// <summary>Queries only: read what the member may read, change nothing.</summary>
    ReadOnly = 1,

    /// <summary>Everything the member may do in the organisation, commands included.</summary>
    ReadWrite = 2,
}

/// <summary>
/// A secret a member gives a program (a spreadsheet import, the union's own tools) to use the API as them, in one
/// organisation, read-only or read-write, until it expires or is revoked. Only the secret's SHA-256 is kept, so the
/// database never holds a working token. Tied to the membership: when the member is removed the token goes with it
/// (cascade), and it never gives more than the membership holds at the moment of each request (decision record 25).
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>Every token starts so, so secret scanners and people recognise one pasted where it should not be.</summary>
    public const string Prefix = "cogov_pat_";

    /// <summary>The longest a token may live: a forgotten token should die on its own.</summary>
    public const int MaximumDays = 366;

    private PersonalAccessToken()
    {
        Name = TokenHash = UserId = "";
    }

    private PersonalAccessToken(Guid organisationId, Guid membershipId, string userId, string name, TokenAccess access, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        MembershipId = membershipId;
        UserId = userId;
        Name = name;
        Access = access;
        TokenHash = tokenHash;
        CreatedAt = createdAt.ToUniversalTime();
        ExpiresAt = expiresAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid MembershipId { get; private set; }

    /// <summary>The login the token acts as.</summary>
    public string UserId { get; private set; }

    /// <summary>What the member called it ("branch spreadsheet"), so they know which to revoke.</summary>
    public string Name { get; private set; }

    public TokenAccess Access { get; private set; }

    /// <summary>The SHA-256 of the secret, in lower-case hex.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When a request last came with it, to the minute: a token unused for months is one to revoke.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>A new token and its secret, which is shown once and never stored.</summary>
    internal static (PersonalAccessToken Token, string Secret) Issue(
        Guid organisationId, Guid membershipId, string userId, string name, TokenAccess access, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new PersonalAccessToken(organisationId, membershipId, userId, name, access, Hash(secret), createdAt, expiresAt), secret);
    }

    /// <summary>
    /// The hash a presented secret is looked up by. A lookup by hash compares no secret byte by byte, so how long a wrong
    /// guess takes to refuse says nothing about the right one; 256 random bits need no slow hash.
    /// </summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
