using CoGov.Workflows;
using CoGov.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Bench;

/// <summary>
/// The engine as the app builds it (a generic host with <c>AddCoGovWorkflows</c> and the Identity stores) on a SQLite
/// file in a temporary folder of its own, with time from a <see cref="FakeTimeProvider"/>. Starting it migrates the file
/// and imports the bundled templates and default policy through the normal start-up.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly bool _keep;

    private BenchHost(IHost host, FakeTimeProvider clock, string folder, bool keep, CommandProfile? profile)
    {
        Host = host;
        Clock = clock;
        Folder = folder;
        _keep = keep;
        Profile = profile;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public FakeTimeProvider Clock { get; }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, "cogov.db");

    /// <summary>Present only with <c>--profile</c>.</summary>
    public CommandProfile? Profile { get; }

    /// <summary>The connection string the engine's context uses, so raw baselines open the same file the same way.</summary>
    public string ConnectionString
    {
        get
        {
            using var scope = Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoGovDbContext>().Database.GetConnectionString()!;
        }
    }

    public static async Task<BenchHost> StartAsync(BenchOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cogov-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Imports at start-up happen the day before the generated cycles open.
        var clock = new FakeTimeProvider(DataGenerator.Monday.AddDays(-1));

        var settings = new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = folder,
            Configuration = new ConfigurationManager { ["hostBuilder:reloadConfigOnChange"] = "false" },
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(settings);
        // Warnings and errors only: the command log writes a line per command at Information, and 10,000 lines to a
        // console would measure the console.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:CoGov"] = $"Data Source={Path.Combine(folder, "cogov.db")}";
        builder.Configuration["Seed:Templates"] = "true";
        builder.Configuration["Seed:Demo"] = "false";
        builder.Configuration["Seed:Folder"] = SeedFolder();
        // The benchmark runs the sweep itself, when it chooses; Quartz must not run one behind its back.
        builder.Configuration["Scheduling:Enabled"] = "false";
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddCoGovWorkflows();

        CommandProfile? profile = null;
        if (options.Profile)
        {
            profile = new CommandProfile();
            builder.Services.ConfigureDbContext<SqliteCoGovDbContext>(db => db.AddInterceptors(profile, profile.Transactions));
        }

        var bench = new BenchHost(builder.Build(), clock, folder, options.Keep, profile);
        try
        {
            await bench.Host.StartAsync();
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
        return bench;
    }

    /// <summary>The size of the database on disk: the file and its write-ahead log.</summary>
    public long FileBytes() =>
        new[] { FilePath, FilePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_keep && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>The repository's own <c>seed</c> folder, found above the program (it runs from bench/CoGov.Bench/bin/...).</summary>
    private static string SeedFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoGov.sln")) && Directory.Exists(Path.Combine(folder.FullName, "seed")))
            {
                return Path.Combine(folder.FullName, "seed");
            }
        }
        throw new InvalidOperationException($"No CoGov.sln with a seed folder above {AppContext.BaseDirectory}: run the benchmark from the repository.");
    }
}
