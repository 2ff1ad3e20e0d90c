using CoGov.Workflows;
using CoGov.Workflows.Common;
using CoGov.Workflows.Seeding;

namespace CoGov.Web.Setup;

/// <summary>
/// The engine alone, for a command run from the command line (<c>create-organisation</c>, <c>verify-log</c>): the
/// database started and migrated as the app would, no sweep and no mail sender, and one scope acting as CoGov itself,
/// since whoever can run the command can read the configuration and the database anyway (decision record 8).
/// </summary>
internal sealed class OfflineEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private OfflineEngine(WebApplication app, AsyncServiceScope scope)
    {
        _app = app;
        _scope = scope;
    }

    /// <summary>The scope's services, its <see cref="UserContext"/> acting as CoGov itself.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <param name="configuration">Configuration settings as given on the command line (<c>--Section:Key value</c>).</param>
    public static async Task<OfflineEngine> StartAsync(IEnumerable<string> configuration)
    {
        var builder = WebApplication.CreateBuilder([.. configuration]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Scheduling:Enabled"] = "false";
        builder.Configuration["Mail:Deliver"] = "false";
        builder.AddCoGovWorkflows();
        var app = builder.Build();
        await app.Services.GetServices<IHostedService>().OfType<DatabaseStartup>().Single().StartAsync(CancellationToken.None);
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        return new OfflineEngine(app, scope);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}
