using CoGov.Web.Components.Pages.Organisations;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CoGov.Web.Setup;

/// <summary>
/// The first run: on a database with no organisation, the app prints one setup address with a one-time token to its log
/// (as Jenkins does), where the person who installed it creates the first organisation and their own login.
/// </summary>
internal static partial class FirstRunSetup
{
    public static WebApplicationBuilder AddFirstRunSetup(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SetupToken>();
        // Registered after the engine's start-up, which hosted services follow in order: the database is migrated by then.
        builder.Services.AddHostedService<SetupAnnouncement>();
        return builder;
    }

    /// <summary>Where the setup page is, with the token: under the first address the app listens on, else as a path.</summary>
    public static string Address(IEnumerable<string> listening, string token)
    {
        var relative = FirstOrganisation.Url(token);
        var first = listening.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault();
        if (first is null)
        {
            return "/" + relative;
        }
        // A wildcard host is where the app listens, not an address a browser can open.
        var host = first.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
        return host.TrimEnd('/') + "/" + relative;
    }

    private sealed partial class SetupAnnouncement(
        IServiceScopeFactory scopes,
        SetupToken token,
        IServer server,
        PublicOrigin publicOrigin,
        IHostApplicationLifetime lifetime,
        ILogger<SetupAnnouncement> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
            var standing = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetFirstRun(), cancellationToken);
            if (!standing.NoOrganisationYet)
            {
                return;
            }
            var issued = token.Issue();
            // The addresses are known once the server listens. Behind a proxy the one people can open is the public origin
            // (host filtering refuses the app's own address there).
            lifetime.ApplicationStarted.Register(() => LogSetupAddress(
                publicOrigin.IsConfigured
                    ? publicOrigin.Link(FirstOrganisation.Url(issued))
                    : Address(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], issued),
                SetupToken.Lifetime.TotalHours));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "CoGov has no organisation yet. Open this address to create the first one and your login as its administrator (it works once, for {Hours} hours, from this run of the app):\n\n    {Address}\n")]
        private partial void LogSetupAddress(string address, double hours);
    }
}
