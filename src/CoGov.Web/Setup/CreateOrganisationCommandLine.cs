using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using Mediator;

namespace CoGov.Web.Setup;

/// <summary>
/// <c>create-organisation</c>: creates an organisation and its administrator from the command line, for scripted
/// installs, without starting the web server. Whoever can run it can read the configuration, which is where the
/// operator's power lives (decision record 8), so it sends the command as CoGov itself. Options are parsed strictly by
/// hand: a dozen flags do not need a parsing library, and an unknown or repeated one is an error rather than ignored.
/// </summary>
internal static class CreateOrganisationCommandLine
{
    public const string Verb = "create-organisation";

    private const int Refused = 1;
    private const int BadOptions = 2;

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["--key"] = nameof(CreateOrganisation.Key),
        ["--name"] = nameof(CreateOrganisation.Name),
        ["--language"] = nameof(CreateOrganisation.Language),
        ["--country"] = nameof(CreateOrganisation.Country),
        ["--sector"] = nameof(CreateOrganisation.Sector),
        ["--committee"] = nameof(CreateOrganisation.CommitteeName),
        ["--admin-name"] = nameof(CreateOrganisation.AdminName),
        ["--admin-email"] = nameof(CreateOrganisation.AdminEmail),
        ["--admin-side"] = nameof(CreateOrganisation.AdminSide),
        ["--admin-title"] = nameof(CreateOrganisation.AdminTitle),
        ["--password-file"] = nameof(CreateOrganisation.AdminPassword),
    };

    private static readonly string[] Required = ["--key", "--name", "--admin-email", "--admin-name"];

    private const string Usage = """
        Usage: dotnet run --project src/CoGov.Web -- create-organisation --key KEY --name NAME --admin-email EMAIL --admin-name NAME
               [--committee NAME] [--language en] [--country GB] [--sector TEXT]
               [--admin-side workers|management] [--admin-title TITLE] [--password-file FILE]
               [--Section:Setting=value ...]
        Without --password-file the password is read from standard input (prompted for at a terminal); leave it empty when
        the address already has a login. Configuration (the database, say) is read as the app reads it: appsettings.json,
        the environment (ConnectionStrings__CoGov) and --Section:Setting=value options.
        """;

    public static bool Handles(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var (options, configuration, problem) = Parse(args[1..]);
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync(problem + Environment.NewLine + Environment.NewLine + Usage);
            return BadOptions;
        }

        var side = Side.Workers;
        if (options.TryGetValue("--admin-side", out var sideText))
        {
            if (sideText is not ("workers" or "management"))
            {
                await Console.Error.WriteLineAsync($"--admin-side: '{sideText}' is neither workers nor management.");
                return BadOptions;
            }
            side = sideText == "workers" ? Side.Workers : Side.Management;
        }
        string? password;
        try
        {
            password = options.TryGetValue("--password-file", out var file) ? FirstLine(await File.ReadAllTextAsync(file)) : ReadPassword();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"--password-file: {ex.Message}");
            return BadOptions;
        }

        var name = options["--name"];
        var command = new CreateOrganisation(
            options["--key"],
            name,
            options.GetValueOrDefault("--language") ?? "en",
            options.GetValueOrDefault("--country"),
            options.GetValueOrDefault("--sector"),
            options.GetValueOrDefault("--committee") ?? $"Joint committee of {name}",
            options["--admin-name"],
            options["--admin-email"],
            side,
            options.GetValueOrDefault("--admin-title"),
            string.IsNullOrEmpty(password) ? null : password);

        await using var engine = await OfflineEngine.StartAsync(configuration);
        try
        {
            var created = await engine.Services.GetRequiredService<IMediator>().Send(command);
            Console.WriteLine($"Created the organisation {created.Key}; {command.AdminEmail.Trim()} is its administrator.");
            return 0;
        }
        catch (InputRejectedException ex)
        {
            foreach (var (field, phrases) in ex.Errors)
            {
                var option = Fields.FirstOrDefault(f => f.Value == field).Key ?? field;
                foreach (var phrase in phrases)
                {
                    await Console.Error.WriteLineAsync($"{option}: {phrase}");
                }
            }
            return Refused;
        }
        catch (Domain.Common.DomainRuleException ex)
        {
            foreach (var violation in ex.Violations)
            {
                await Console.Error.WriteLineAsync(violation.Text.ToString());
            }
            return Refused;
        }
    }

    /// <summary>The options by name, the configuration settings to hand to the host as they were given, or what is wrong.</summary>
    private static (Dictionary<string, string> Options, List<string> Configuration, string? Problem) Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(arg);
                if (equals < 0 && i + 1 < args.Length)
                {
                    configuration.Add(args[++i]);
                }
                continue;
            }
            if (!Fields.ContainsKey(name))
            {
                return (options, configuration, $"{arg}: not an option of {Verb}.");
            }
            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return (options, configuration, $"{name}: give a value.");
            }
            if (!options.TryAdd(name, value))
            {
                return (options, configuration, $"{name}: given twice.");
            }
        }
        var missing = Required.Where(r => !options.ContainsKey(r)).ToList();
        return missing.Count > 0
            ? (options, configuration, $"{string.Join(", ", missing)}: required.")
            : (options, configuration, null);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    /// <summary>From a pipe, its first line; at a terminal, typed without echo.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }
        Console.Error.Write("Password of the administrator's new login (empty if the address has a login already): ");
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
