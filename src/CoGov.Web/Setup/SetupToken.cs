using System.Security.Cryptography;
using System.Text;

namespace CoGov.Web.Setup;

/// <summary>
/// The one-time secret of the first-run setup address, held in this process's memory as its SHA-256 only, with the
/// moment it runs out (decision record 11). Whoever holds it may create the first organisation; it stops working once
/// used, once it runs out, and when the process stops.
/// </summary>
public sealed class SetupToken(TimeProvider clock)
{
    /// <summary>A day: long enough to read the log and set up, short enough that a token left in an old log is dead.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly Lock _lock = new();
    private byte[]? _hash;
    private DateTimeOffset _expires;

    /// <summary>A fresh token, replacing any earlier one; only its hash is kept.</summary>
    public string Issue()
    {
        // 256 random bits, URL-safe: unguessable, and it survives being copied from a log into a browser.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_lock)
        {
            _hash = Hash(token);
            _expires = clock.GetUtcNow() + Lifetime;
        }
        return token;
    }

    /// <summary>Whether the token is the one issued, not used and not run out.</summary>
    public bool Accepts(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }
        var hash = Hash(token);
        lock (_lock)
        {
            return _hash is not null && clock.GetUtcNow() < _expires && CryptographicOperations.FixedTimeEquals(_hash, hash);
        }
    }

    /// <summary>The setup is done: the token works no more.</summary>
    public void Consume()
    {
        lock (_lock)
        {
            _hash = null;
        }
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
