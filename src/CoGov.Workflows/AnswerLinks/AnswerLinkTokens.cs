using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// The token in an answer link: the link's id followed by an HMAC-SHA256 of it under a key the database does not hold
/// (<see cref="AnswerLinkKey"/>). The same link always has the same token, so every attempt at a mail (the outbox retries)
/// carries the same working address, and yet no token is ever stored: only its SHA-256 is, to look it up and compare.
/// </summary>
public sealed class AnswerLinkTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The id and the MAC, each in base64url without padding.</summary>
    public const int Length = IdLength + MacLength;

    private const int IdLength = 22;
    private const int MacLength = 43;
    private const string Purpose = "CoGov.AnswerLinks.SigningKey.v1";
    private static readonly byte[] Domain = "cogov-answer-link-v1:"u8.ToArray();

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    /// <summary>Reads (or makes) the key before a caller tracks any change of its own; see <see cref="KeyAsync"/>.</summary>
    public async Task PrepareAsync(CoGovDbContext db, CancellationToken cancellationToken) => await KeyAsync(db, cancellationToken);

    /// <summary>The token of the link with this id.</summary>
    public async Task<string> TokenForAsync(CoGovDbContext db, Guid linkId, CancellationToken cancellationToken) =>
        Base64Url.EncodeToString(linkId.ToByteArray()) + Base64Url.EncodeToString(Mac(await KeyAsync(db, cancellationToken), linkId));

    /// <summary>
    /// The link id a token names, when its MAC is right; null for anything else. Checked before the database is asked, so
    /// a guessed token costs a hash, not a query.
    /// </summary>
    public async Task<Guid?> IdOfAsync(CoGovDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: Length } || !Base64Url.IsValid(token.AsSpan(0, IdLength)) || !Base64Url.IsValid(token.AsSpan(IdLength)))
        {
            return null;
        }
        var idBytes = Base64Url.DecodeFromChars(token.AsSpan(0, IdLength));
        var mac = Base64Url.DecodeFromChars(token.AsSpan(IdLength));
        if (idBytes.Length != 16)
        {
            return null;
        }
        var id = new Guid(idBytes);
        // The canonical form only, so one link has exactly one token (base64url's last character can hide spare bits).
        if (!string.Equals(Base64Url.EncodeToString(idBytes), token[..IdLength], StringComparison.Ordinal))
        {
            return null;
        }
        var key = await KeyAsync(db, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(mac, Mac(key, id)) ? id : null;
    }

    /// <summary>
    /// What the database keeps of a mailed code: keyed, since six digits alone would be found from their hash in a moment.
    /// </summary>
    public async Task<string> CodeHashAsync(CoGovDbContext db, Guid linkId, string code, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(db, cancellationToken), Encoding.UTF8.GetBytes($"code:{linkId:D}:{code}")));

    /// <summary>What the database keeps of a token, or of a browser's secret: its SHA-256, lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="storedHash"/> was made from, compared in fixed time.</summary>
    public static bool Matches(string? storedHash, string? secret) =>
        storedHash is not null && secret is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(secret)));

    private static byte[] Mac(byte[] key, Guid id) => HMACSHA256.HashData(key, (byte[])[.. Domain, .. id.ToByteArray()]);

    /// <summary>The signing key: read from the database and decrypted once, or made and stored the first time.</summary>
    private async Task<byte[]> KeyAsync(CoGovDbContext db, CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } loaded)
            {
                return loaded;
            }
            var protector = protection.CreateProtector(Purpose);
            var stored = await db.AnswerLinkKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == AnswerLinkKey.TheKey, cancellationToken);
            if (stored is null)
            {
                // Made before anything else is tracked (every caller asks for the key first), so this save stores the key alone.
                var fresh = new AnswerLinkKey(Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(32))), clock.GetUtcNow());
                db.AnswerLinkKeys.Add(fresh);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another node stored one first: theirs is the key.
                }
                finally
                {
                    db.Entry(fresh).State = EntityState.Detached;
                }
                stored = await db.AnswerLinkKeys.AsNoTracking().SingleAsync(k => k.Id == AnswerLinkKey.TheKey, cancellationToken);
            }
            return _key = protector.Unprotect(Convert.FromBase64String(stored.Protected));
        }
        finally
        {
            _loading.Release();
        }
    }
}
