using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace CoGov.Workflows.Identity;

/// <summary>
/// What a new password must be, after NIST SP 800-63B: long enough, not one of the passwords attackers try first, and
/// nothing else; no mix of digits, capitals and signs, which makes people write passwords down without making them
/// harder to guess (decision record 16). Checked when a password is set, so stored ones (the demo's) still sign in.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    /// <summary>Longer than any passphrase a person types; the limit only keeps hashing cheap.</summary>
    public const int MaximumLength = 256;

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }
}

/// <summary>
/// Refuses a password that is too long, is the login's own e-mail address, is (ignoring case) in zxcvbn's list of the
/// most common passwords, or that zxcvbn scores as guessable within about a thousand tries. Identity's own validator
/// checks the length first.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<CoGovUser>
{
    /// <summary>zxcvbn's scores run from 0 (too guessable) to 4; below this the password falls to an online attack.</summary>
    private const int LowestScore = 2;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(ReadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<CoGovUser> manager, CoGovUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (password.Length > PasswordRules.MaximumLength)
        {
            return Refuse("PasswordTooLong", $"That password is longer than {PasswordRules.MaximumLength} characters; choose a shorter one.");
        }
        if (user.Email is { Length: > 0 } email && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("PasswordIsEmail", "That password is your e-mail address, the first thing anyone would try; choose another.");
        }
        if (IsCommon(password))
        {
            return Refuse("PasswordCommon", "That password is on the list of the most common passwords, which attackers try first; choose another.");
        }
        var inputs = new[] { user.Email, user.UserName, user.DisplayName }.OfType<string>().Where(s => s.Length > 0).ToList();
        if (Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score < LowestScore)
        {
            return Refuse("PasswordGuessable", "That password is too easy to guess (a common word, name, date or pattern); a few unrelated words together make a strong one.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim());

    private static Task<IdentityResult> Refuse(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    /// <summary>The frequency list zxcvbn ships (about 30,000 passwords seen in breaches), read once from its assembly.</summary>
    private static HashSet<string> ReadCommonPasswords()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).GetTypeInfo().Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Dictionaries.passwords.lst", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var common = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                common.Add(word);
            }
        }
        return common;
    }
}
