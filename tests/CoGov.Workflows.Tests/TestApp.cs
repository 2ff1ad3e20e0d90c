using System.Security.Claims;
using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Seeding;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Workflows.Tests;

/// <summary>A fresh SQLite file in a folder of its own (the file, its -wal and -shm go together), deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cogov-workflows-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "cogov.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>What <see cref="TestApp"/> is to load at start-up, as the app's <c>Seed</c> configuration says it.</summary>
/// <param name="SeedFolder">The seed folder; the bundled one copied beside the tests unless given.</param>
/// <param name="RunSweep">Run Quartz and its sweep job; off by default so a test drives due work itself, in its own time.</param>
/// <param name="Operators">The instance's operators' addresses (<c>CoGov:Operators</c>); none by default.</param>
public sealed record TestAppOptions(
    bool SeedTemplates = false,
    bool SeedDemo = false,
    string? SeedFolder = null,
    bool RunSweep = false,
    TimeSpan? SweepInterval = null,
    IReadOnlyList<string>? Operators = null);

/// <summary>
/// The engine as the app builds it: a generic host with <c>AddCoGovWorkflows</c> and the Identity stores, on a SQLite
/// file of its own, with time from a <see cref="FakeTimeProvider"/>. Starting it runs <see cref="DatabaseStartup"/>, which
/// migrates (and seeds, when asked).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>"Now" for every test: a time with sub-millisecond ticks, so that anything not stored to the tick shows.</summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly bool _ownsDatabase;
    private bool _started;

    private TestApp(IHost host, FakeTimeProvider clock, TestDatabase database, bool ownsDatabase)
    {
        Host = host;
        Clock = clock;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public FakeTimeProvider Clock { get; }

    public TestDatabase Database { get; }

    /// <summary>Builds the host without starting it: nothing has touched the database yet.</summary>
    /// <param name="database">A database to share with another app (it is then not deleted with this one).</param>
    public static TestApp Create(TestAppOptions? options = null, TestDatabase? database = null)
    {
        options ??= new TestAppOptions();
        var ownsDatabase = database is null;
        database ??= new TestDatabase();
        var clock = new FakeTimeProvider(Now);

        var settings = new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            // Many hosts come and go in a run: no file watchers for configuration that never changes.
            Configuration = new ConfigurationManager { ["hostBuilder:reloadConfigOnChange"] = "false" },
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(settings);
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:CoGov"] = database.ConnectionString;
        builder.Configuration["Seed:Templates"] = options.SeedTemplates ? "true" : "false";
        builder.Configuration["Seed:Demo"] = options.SeedDemo ? "true" : "false";
        builder.Configuration["Seed:Folder"] = options.SeedFolder ?? SeedFiles.Folder;
        builder.Configuration["Scheduling:Enabled"] = options.RunSweep ? "true" : "false";
        // Mail the tests cause lands beside the test's own database and goes with it.
        builder.Configuration["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail");
        builder.Configuration["Ledger:AnchorFile"] = Path.Combine(database.Folder, "anchors.jsonl");
        // Tests move the clock by weeks; the mail tests drive the sender themselves.
        builder.Configuration["Mail:Deliver"] = "false";
        foreach (var (address, index) in (options.Operators ?? []).Select((a, i) => (a, i)))
        {
            builder.Configuration[$"CoGov:Operators:{index}"] = address;
        }
        if (options.SweepInterval is { } interval)
        {
            builder.Configuration["Scheduling:SweepInterval"] = interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddCoGovWorkflows();
        return new TestApp(builder.Build(), clock, database, ownsDatabase);
    }

    /// <summary>Builds and starts the host: the database is migrated (and seeded as asked) when this returns.</summary>
    public static async Task<TestApp> StartAsync(TestAppOptions? options = null, TestDatabase? database = null)
    {
        var app = Create(options, database);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Templates imported at start-up, and the demo organisation imported as an administrator would.</summary>
    public static async Task<TestApp> StartWithRiversideAsync(bool withAccounts = false)
    {
        var app = await StartAsync(new TestAppOptions(SeedTemplates: true));
        try
        {
            var result = await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)));
            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
            if (withAccounts)
            {
                await app.EnsureDemoAccountsAsync();
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    /// <summary>Sends a command in a scope of its own, as CoGov itself unless a user is given.</summary>
    public async Task<T> SendAsync<T>(ICommand<T> command, ClaimsPrincipal? user = null)
    {
        await using var scope = Services.CreateAsyncScope();
        SignIn(scope.ServiceProvider, user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>Sends a query in a scope of its own, as CoGov itself unless a user is given.</summary>
    public async Task<T> SendAsync<T>(IQuery<T> query, ClaimsPrincipal? user = null)
    {
        await using var scope = Services.CreateAsyncScope();
        SignIn(scope.ServiceProvider, user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>Sends any request, its type known only when the test runs, in a scope of its own as the user given.</summary>
    public async Task<object?> SendAnyAsync(object request, ClaimsPrincipal user)
    {
        await using var scope = Services.CreateAsyncScope();
        SignIn(scope.ServiceProvider, user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Runs something against a context of a fresh scope, so what it sees comes from the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<CoGovDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }

    public async Task WithDbAsync(Func<CoGovDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }

    public async Task<(string Password, IReadOnlyList<DemoAccounts.Login> Logins)> EnsureDemoAccountsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoAccounts>()
            .EnsureAsync(SeedFiles.RiversideAccountsFileName, SeedFiles.Read(SeedFiles.RiversideAccounts), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Host.StopAsync();
        }
        Host.Dispose();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }

    private static void SignIn(IServiceProvider services, ClaimsPrincipal? user)
    {
        var context = services.GetRequiredService<UserContext>();
        if (user is null)
        {
            context.ActAsSystem();
        }
        else
        {
            context.SignIn(user);
        }
    }
}

/// <summary>
/// Signed-in users as the web app presents them to the engine: a login and nothing more, since what they may do comes
/// from their memberships, in the database.
/// </summary>
public static class Users
{
    public static ClaimsPrincipal SignedIn(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], authenticationType: "Test"));
}

/// <summary>The bundled seed files, as copied beside the tests.</summary>
public static class SeedFiles
{
    public const string PsiTemplate = "templates/psi-co-governance.yaml";
    public const string DataLifecycleTemplate = "templates/data-lifecycle-at-work.yaml";
    public const string Riverside = "demo/riverside-hospital.yaml";
    public const string RiversideAccounts = "demo/riverside-hospital.accounts.yaml";
    public const string RiversideFileName = "riverside-hospital.yaml";
    public const string RiversideAccountsFileName = "riverside-hospital.accounts.yaml";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seed");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));
}

/// <summary>Small helpers for YAML written in the tests.</summary>
public static class Yaml
{
    /// <summary>The text with line <paramref name="number"/> (from 1) replaced, so every other line keeps its number.</summary>
    public static string WithLine(this string yaml, int number, string line)
    {
        var lines = yaml.Split('\n');
        Assert.InRange(number, 1, lines.Length);
        lines[number - 1] = line;
        return string.Join('\n', lines);
    }
}
