using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// Mail delivery from the outbox: the <c>Mail</c> options, the transport they choose (SMTP when <c>Mail:Smtp:Host</c>
    /// is set, otherwise .eml files in <c>Mail:PickupFolder</c>), the sender, and the background service that runs it.
    /// Register after the database's start-up so the first round finds the tables migrated. Safe to call twice.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationDelivery(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MailOptions.SectionName);
        builder.Services.AddOptions<MailOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var mail = section.Get<MailOptions>() ?? new MailOptions();
        if (mail.UsesSmtp)
        {
            builder.Services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            // Resolved when first needed, after the options have been validated, so an empty folder is reported, not thrown here.
            builder.Services.TryAddSingleton<IMailTransport>(services => new PickupFolderMailTransport(Path.GetFullPath(
                services.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder,
                services.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        }

        // The web app replaces it with addresses of its pages; a host without pages words mail without links.
        builder.Services.TryAddSingleton<IMailLinks, NoPagesToLink>();
        builder.Services.TryAddScoped<DigestRule>();
        builder.Services.TryAddScoped<NotificationMail>();
        builder.Services.TryAddScoped<OutboxSender>();
        if (mail.Deliver)
        {
            builder.Services.AddHostedService<OutboxDelivery>();
        }
        return builder;
    }
}
