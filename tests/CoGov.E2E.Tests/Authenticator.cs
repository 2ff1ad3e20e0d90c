using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace CoGov.E2E.Tests;

/// <summary>An authenticator app, as its owner uses it: reads the key the set-up page shows and types the code it makes.</summary>
internal static class Authenticator
{
    /// <summary>From the two-factor page: adds an authenticator app and confirms it with its first code.</summary>
    public static async Task EnrolAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an authenticator app" }).ClickAsync();
        var key = await page.Locator("kbd").InnerTextAsync();
        await page.GetByLabel("Verification code").FillAsync(Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Your authenticator app is verified.");
    }

    /// <summary>The code for now (RFC 6238: 30-second steps, six digits), from the key as the page shows it.</summary>
    public static string Code(string shownKey)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(shownKey.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant()
            .Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var secret = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var step = BitConverter.GetBytes(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(step);
        }
        var hash = HMACSHA1.HashData(secret, step);
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }
}
