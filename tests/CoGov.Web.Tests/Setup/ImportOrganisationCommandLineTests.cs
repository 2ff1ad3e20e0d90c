using System.Diagnostics;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Setup;

/// <summary>
/// <c>import-organisation FILE</c> as an operator runs it: the built app in a process of its own, on a SQLite file of its
/// own, importing the demo hospital's archive exported from another instance.
/// </summary>
public sealed class ImportOrganisationCommandLineTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cogov-cli-").FullName;

    private string Database => Path.Combine(_folder, "cogov.db");

    private async Task<string> ArchiveFileAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var archive = await new OrganisationArchiveWriter(scope.ServiceProvider.GetRequiredService<CoGovDbContext>())
            .WriteAsync("riverside-hospital", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        var file = Path.Combine(_folder, "riverside-hospital.zip");
        await File.WriteAllBytesAsync(file, archive);
        return file;
    }

    [Fact]
    public async Task ItImportsTheArchiveInvitesItsMembersAndThenRefusesItAgainSayingWhereAndWhy()
    {
        var file = await ArchiveFileAsync();
        string[] import = ["import-organisation", file, "--App:PublicOrigin=https://cogov.example"];

        var first = await RunAsync(import);
        var again = await RunAsync(import);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Imported the organisation 'riverside-hospital'", first.Output, StringComparison.Ordinal);
        Assert.Equal("riverside-hospital", await ScalarAsync<string>("SELECT \"Key\" FROM \"Organisations\""));
        Assert.Equal(await ScalarAsync<long>("SELECT count(*) FROM \"Memberships\""), Directory.GetFiles(Path.Combine(_folder, "mail"), "*.eml").Length);
        Assert.All(Directory.GetFiles(Path.Combine(_folder, "mail"), "*.eml"),
            mail => Assert.Contains("https://cogov.example/Account/AcceptInvitation", File.ReadAllText(mail), StringComparison.Ordinal));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("organisation.json ($.key): This instance has an organisation with the key 'riverside-hospital' already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADamagedArchiveIsRefusedAndNothingIsImported()
    {
        var file = await ArchiveFileAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 3)]);

        var run = await RunAsync(["--import-organisation", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("riverside-hospital.zip: The file is not a zip archive, or it was cut short", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM \"Organisations\""));
    }

    [Fact]
    public async Task WithoutAFileNothingStarts()
    {
        var run = await RunAsync(["import-organisation"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("FILE: required.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The app as built beside its project, in the configuration these tests were built in.</summary>
    private static string AppFolder()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(folder, "CoGov.Web.dll")), $"Build CoGov.Web first: {folder} has no CoGov.Web.dll.");
        return folder;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, string standardInput = "")
    {
        var folder = AppFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "CoGov.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ConnectionStrings__CoGov"] = $"Data Source={Database}";
        start.Environment["Mail__PickupFolder"] = Path.Combine(_folder, "mail");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
