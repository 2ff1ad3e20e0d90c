using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CoGov.Web.Tests.Setup;

/// <summary>
/// <c>create-organisation</c> run as a scripted install runs it: the built app in a process of its own, on a SQLite file
/// chosen by configuration from the environment.
/// </summary>
public sealed class CreateOrganisationCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cogov-cli-").FullName;

    private string Database => Path.Combine(_folder, "cogov.db");

    [Fact]
    public async Task ItCreatesTheOrganisationAndItsAdministratorAndThenRefusesTheSameKeyNamingTheOption()
    {
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, "Scripted-install-2026!\n");
        string[] create = ["create-organisation", "--key", "northfield", "--name", "Northfield Council", "--admin-email", "rosa@northfield.example",
            "--admin-name", "Rosa Lind", "--admin-side", "management", "--password-file", passwordFile];

        var first = await RunAsync(create);
        var again = await RunAsync(create);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Created the organisation northfield", first.Output);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--key: Another organisation has the key 'northfield'; choose another.", again.Error);
        Assert.Equal("northfield|Joint committee of Northfield Council", await ScalarAsync<string>(
            "SELECT o.\"Key\" || '|' || c.\"Name\" FROM \"Organisations\" o JOIN \"Committees\" c ON c.\"OrganisationId\" = o.\"Id\""));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM \"AspNetUsers\" WHERE \"EmailConfirmed\" = 1 AND \"PasswordHash\" IS NOT NULL"));
        Assert.Equal("[\"Manager\",\"Admin\"]", await ScalarAsync<string>("SELECT \"Roles\" FROM \"Memberships\""));
    }

    [Theory]
    [InlineData("--colour", "--colour: not an option of create-organisation.")]
    [InlineData("--admin-side", "--admin-side: 'both' is neither workers nor management.")]
    [InlineData("--admin-email", "--admin-email: 'not-an-address' is not an e-mail address.")]
    [InlineData("--key", "--key: 'Not A Key' is not a valid organisation key")]
    public async Task ABadOptionFailsWithAMessageNamingIt(string option, string message)
    {
        var options = new Dictionary<string, string>
        {
            ["--key"] = option == "--key" ? "Not A Key" : "northfield",
            ["--name"] = "Northfield Council",
            ["--admin-email"] = option == "--admin-email" ? "not-an-address" : "rosa@northfield.example",
            ["--admin-name"] = "Rosa Lind",
            ["--admin-side"] = option == "--admin-side" ? "both" : "workers",
        };
        if (option == "--colour")
        {
            options["--colour"] = "blue";
        }

        var run = await RunAsync(["create-organisation", .. options.SelectMany(o => new[] { o.Key, o.Value })], standardInput: "Scripted-install-2026!");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(Database) && await ScalarAsync<long>("SELECT count(*) FROM \"Organisations\"") > 0);
    }

    [Fact]
    public async Task AMissingRequiredOptionIsNamedAndNothingStarts()
    {
        var run = await RunAsync(["create-organisation", "--key", "northfield", "--name", "Northfield Council", "--admin-name", "Rosa Lind"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--admin-email: required.", run.Error);
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
