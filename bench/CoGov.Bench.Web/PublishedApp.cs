using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoGov.Bench.Web;

/// <summary>
/// The web app as it is deployed, for what a browser downloads: published in Release (which writes the brotli and gzip
/// copies of every static asset and the endpoints that serve them), then started on its own with <c>--demo</c> on
/// 127.0.0.1 in the Production environment, on a SQLite file in a temporary folder. A build run in place serves its
/// assets through the development-time handler instead, which compresses nothing worth counting, so it would measure
/// the wrong thing.
/// </summary>
internal sealed class PublishedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _keep;

    private PublishedApp(Process process, Uri address, string folder, bool keep)
    {
        _process = process;
        Address = address;
        _folder = folder;
        _keep = keep;
    }

    public Uri Address { get; }

    public static async Task<PublishedApp> StartAsync(string repository, bool keep, Action<string> progress)
    {
        var folder = Directory.CreateTempSubdirectory("cogov-bench-published-").FullName;
        var output = Path.Combine(folder, "publish");
        progress($"publishing src/CoGov.Web in Release to {output} ...");
        await RunAsync("dotnet", ["publish", Path.Combine(repository, "src", "CoGov.Web"), "-c", "Release", "-o", output, "--nologo", "-v", "q"]);

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                // Settings as key=value, and --demo (a flag the app looks for itself) last: the configuration's command
                // line would otherwise read the argument after a bare --demo as its value.
                Path.Combine(output, "CoGov.Web.dll"), $"--urls=http://127.0.0.1:{port}",
                $"--ConnectionStrings:CoGov=Data Source={Path.Combine(folder, "cogov.db")}",
                $"--Mail:PickupFolder={Path.Combine(folder, "mail")}",
                "--Scheduling:Enabled=false", "--Logging:LogLevel:Default=Warning", "--demo",
            },
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The published app did not start.");
        // Its output is not the benchmark's, but an unread pipe would block the app once full.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new PublishedApp(process, new Uri($"http://127.0.0.1:{port}/"), folder, keep);
        try
        {
            await app.WaitUntilServingAsync();
        }
        catch
        {
            // An app that never answered is still running: stop it rather than leave it behind.
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!_keep)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Migrating and importing the demo happen before the app listens; its login page answering means it is ready.</summary>
    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The published app stopped with exit code {_process.ExitCode}.");
            }
            try
            {
                using var response = await client.GetAsync("Account/Login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException("The published app did not answer within three minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:{Environment.NewLine}{await output}{await errors}");
        }
    }
}
