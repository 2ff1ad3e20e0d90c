using CoGov.Web.Components.Pages.Cycles;
using CoGov.Web.Components.Pages.MailPreferences;
using CoGov.Web.Components.Pages.Questions;
using CoGov.Web.Components.Pages.Systems;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// The addresses in CoGov's mail: its pages' own <c>Url(...)</c>, made absolute from the public origin and never from a
/// request (decision records 17 and 20).
/// </summary>
public sealed class PageMailLinks(PublicOrigin origin, MailPreferenceLink preferences, AnswerLinkGate answerLinks) : IMailLinks
{
    /// <summary>
    /// The manager answering the question gets their signed answer link when they have no login or prefer links
    /// (decision record 21); everyone else the question's page, where they sign in.
    /// </summary>
    public async Task<Uri?> QuestionAsync(Guid recipientPersonId, Guid assessmentId, string organisationKey, string systemKey, int cycle, int questionNumber, CancellationToken cancellationToken) =>
        await answerLinks.LinkForAsync(recipientPersonId, assessmentId, questionNumber, cancellationToken) is { } signed
            ? new Uri(signed)
            : await Link(QuestionPage.Url(organisationKey, systemKey, cycle, questionNumber));

    public Task<Uri?> CycleAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Link(SystemQuestions.Url(organisationKey, systemKey, cycle));

    public Task<Uri?> SignOffAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Link(CycleSignOff.Url(organisationKey, systemKey, cycle));

    public Task<Uri?> MailPreferencesAsync(Guid recipientPersonId, string organisationKey, CancellationToken cancellationToken) =>
        Link(MailPreferencesPage.Url(organisationKey, preferences.For(recipientPersonId, organisationKey)));

    private Task<Uri?> Link(string relative) => Task.FromResult<Uri?>(new Uri(origin.Link(relative)));
}

/// <summary>
/// The signed part of the preferences link in every mail: it names one person in one organisation, expires, and lets
/// whoever holds it change that person's mail preference and nothing else, so that people without a login can choose
/// a digest too. ASP.NET Data Protection's time-limited protector signs and dates it; nothing is stored
/// (decision record 20 says why that is enough here and not for answering questions).
/// </summary>
public sealed class MailPreferenceLink(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Long enough for a mail kept in an inbox a season; any newer mail carries a fresh link.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(120);

    private const string Purpose = "CoGov.MailPreferences.v1";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string For(Guid personId, string organisationKey) =>
        _protector.Protect($"{personId:D}\n{organisationKey}", clock.GetUtcNow() + Lifetime);

    /// <summary>The person the token names, if it is genuine, unexpired and made for <paramref name="organisationKey"/>.</summary>
    public Guid? PersonFor(string? token, string organisationKey)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out var expires);
            if (expires <= clock.GetUtcNow())
            {
                return null;
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('\n');
        return parts.Length == 2 && string.Equals(parts[1], organisationKey, StringComparison.Ordinal) && Guid.TryParse(parts[0], out var person)
            ? person
            : null;
    }
}

internal static class MailLinksRegistration
{
    /// <summary>The pages' addresses in mail, in place of the engine's link-less default.</summary>
    public static WebApplicationBuilder AddMailLinks(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<MailPreferenceLink>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IMailLinks, PageMailLinks>());
        return builder;
    }
}
