using CoGov.Domain.Common;

namespace CoGov.Domain.Systems;

/// <summary>
/// A published assessment of the system's effects (a DPIA, an equality or algorithmic impact assessment), linked from
/// the register by its title and an absolute http(s) address, so a reader on either side can open it.
/// </summary>
public sealed record ImpactAssessmentLink(string Title, string Url)
{
    public const int MaxTitleLength = 200;
    public const int MaxUrlLength = 2_000;

    /// <summary>The link, trimmed, or a refusal saying what is wrong with it.</summary>
    public static ImpactAssessmentLink Create(string? title, string? url)
    {
        var trimmedTitle = title?.Trim() ?? "";
        var trimmedUrl = url?.Trim() ?? "";
        if (trimmedTitle.Length == 0)
        {
            throw new DomainRuleException([new RuleViolation("impact assessment", new Phrase("Give the impact assessment at {0} a title.", trimmedUrl))]);
        }
        if (trimmedTitle.Length > MaxTitleLength)
        {
            throw new DomainRuleException([new RuleViolation("impact assessment", new Phrase("Keep the title of an impact assessment to {0} characters.", MaxTitleLength))]);
        }
        if (!IsWebAddress(trimmedUrl))
        {
            throw new DomainRuleException([new RuleViolation("impact assessment",
                new Phrase("'{0}' is not a web address: give the whole address of '{1}', starting with https:// or http://.", trimmedUrl, trimmedTitle))]);
        }
        return new ImpactAssessmentLink(trimmedTitle, trimmedUrl);
    }

    /// <summary>An absolute http or https address with a host: anything else (a file path, javascript:) is no link a reader can follow.</summary>
    public static bool IsWebAddress(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;
}
