using System.Net;
using CoGov.Workflows.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Bench.Web;

/// <summary>
/// The real web app (CoGov.Web's own Program, built in Release with this project) on Kestrel at 127.0.0.1, in the
/// Production environment, with the demo data on a SQLite file in a temporary folder of its own. Its clock is a
/// <see cref="FakeTimeProvider"/> only so that the generated questions' deadlines can be placed in the past.
/// </summary>
internal sealed class WebBenchApp : WebApplicationFactory<global::Program>
{
    private readonly bool _keep;

    public WebBenchApp(bool keep)
    {
        _keep = keep;
        // WebApplicationFactory looks for the app's content root (its wwwroot) beside the solution file under the
        // assembly's name, which is src/CoGov.Web here: say where it is, as its documented variable allows.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COGOV_WEB", Path.Combine(RepositoryFolder(), "src", "CoGov.Web"));
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("cogov-bench-web-").FullName;

    public string DatabasePath => Path.Combine(Folder, "cogov.db");

    /// <summary>The day before the generated cycles open, when the templates and the demo are imported.</summary>
    public FakeTimeProvider Clock { get; } = new(DataGenerator.Monday.AddDays(-1));

    /// <summary>Where Kestrel listens, once <see cref="WebApplicationFactory{T}.StartServer"/> has run.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As deployed, not as developed: no developer exception page, the production static-asset headers.
        builder.UseEnvironment(Environments.Production);
        // The assets of packages (MudBlazor, blazor.web.js) live outside wwwroot until the app is published; outside
        // Development the host looks for them only when told to. (The pages' bytes are measured on the published app.)
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:CoGov", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting($"{SeedOptions.SectionName}:Folder", RepositorySeedFolder());
        builder.UseSetting("Mail:PickupFolder", Path.Combine(Folder, "mail"));
        // The sweep would spend the measurements reminding and escalating 10,000 overdue questions, and the outbox
        // sender would write their mail: neither runs while the pages are timed.
        builder.UseSetting("Scheduling:Enabled", "false");
        builder.UseSetting("Mail:Deliver", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_keep)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string RepositorySeedFolder() => Path.Combine(RepositoryFolder(), "seed");

    /// <summary>The repository the benchmark runs from (it runs from bench/CoGov.Bench.Web/bin/...).</summary>
    public static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoGov.sln")) && Directory.Exists(Path.Combine(folder.FullName, "seed")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No CoGov.sln with a seed folder above {AppContext.BaseDirectory}: run the benchmark from the repository.");
    }
}
