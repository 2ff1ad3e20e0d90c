using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Seeding;

/// <summary>
/// Brings the database up to date before the app serves anyone: applies migrations, then imports the bundled templates
/// (and, when asked, the demo organisation) through the same commands an administrator's upload uses.
/// </summary>
public sealed partial class DatabaseStartup(IServiceProvider services, IOptions<SeedOptions> seedOptions, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<CoGovDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the sweep and users' saves proceed together; it is a property of the file, so set once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var seed = seedOptions.Value;
        var folder = Path.GetFullPath(seed.Folder, AppContext.BaseDirectory);
        provider.GetRequiredService<UserContext>().ActAsSystem();
        var mediator = provider.GetRequiredService<IMediator>();

        if (seed.Templates)
        {
            foreach (var file in YamlFiles(Path.Combine(folder, "templates")))
            {
                var result = (await mediator.Send(new ImportQuestionnaireTemplate(null, Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken), SkipIfPresent: true), cancellationToken)).ThrowIfRejected();
                LogTemplate(result.Key!, result.WasPresent ? "already present" : "imported");
            }
        }

        if (seed.Templates && File.Exists(Path.Combine(folder, "policy", "default.yaml")))
        {
            var file = Path.Combine(folder, "policy", "default.yaml");
            var result = (await mediator.Send(new ImportRoutingPolicy(null, "default.yaml", await File.ReadAllTextAsync(file, cancellationToken), SkipIfPresent: true), cancellationToken)).ThrowIfRejected();
            LogPolicy(result.WasPresent ? "already present" : "imported");
        }

        if (seed.Demo)
        {
            var demo = Path.Combine(folder, "demo");
            foreach (var file in YamlFiles(demo).Where(f => !f.EndsWith(".accounts.yaml", StringComparison.Ordinal)))
            {
                var result = (await mediator.Send(new ImportOrganisation(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken), SkipIfPresent: true), cancellationToken)).ThrowIfRejected();
                LogOrganisation(result.Key!, result.WasPresent ? "already present" : "imported");
            }
            var accounts = provider.GetRequiredService<DemoAccounts>();
            foreach (var file in YamlFiles(demo).Where(f => f.EndsWith(".accounts.yaml", StringComparison.Ordinal)))
            {
                var (password, logins) = await accounts.EnsureAsync(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                LogLogins(password, string.Join(Environment.NewLine, logins.Select(l => $"  {l.Email,-44} {l.Name,-16} {string.Join(", ", l.Roles)}")));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<string> YamlFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal) : [];

    [LoggerMessage(Level = LogLevel.Information, Message = "Questionnaire template '{Template}': {Outcome}.")]
    private partial void LogTemplate(string template, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default routing policy: {Outcome}.")]
    private partial void LogPolicy(string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organisation {Organisation}: {Outcome}.")]
    private partial void LogOrganisation(string organisation, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo logins (password {Password}, demo data only):\n{Logins}")]
    private partial void LogLogins(string password, string logins);
}
