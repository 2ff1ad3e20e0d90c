using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.AnswerLinks;

public static class AnswerLinksRegistration
{
    /// <summary>
    /// The answer-link gate and the token signer. Data Protection is the host's (the web app's keeps its keys where its
    /// cookies' are); adding it again is harmless. The web app adds <see cref="IAnswerLinkAddress"/>.
    /// </summary>
    public static IServiceCollection AddAnswerLinks(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddSingleton<AnswerLinkTokens>();
        services.AddScoped<AnswerLinkGate>();
        return services;
    }
}
