using CoGov.Workflows.Archives;
using CoGov.Workflows.Common;
using Mediator;

namespace CoGov.Web.Setup;

/// <summary>
/// <c>import-organisation FILE</c> (or <c>--import-organisation FILE</c>): imports an organisation's archive exported by
/// another CoGov instance (decision record 27), without starting the web server. Like <c>create-organisation</c> it acts
/// as CoGov itself: whoever can run it can read the configuration and the database anyway (decision record 8). Prints
/// each refusal with its where and exits 1 when the archive is refused, 2 on bad options, 0 when it is imported.
/// </summary>
internal static class ImportOrganisationCommandLine
{
    public const string Verb = "import-organisation";

    private const int Refused = 1;
    private const int BadOptions = 2;

    private const string Usage = """
        Usage: dotnet run --project src/CoGov.Web -- import-organisation FILE [--Section:Setting=value ...]
        FILE is an organisation's archive as CoGov exports it (a zip). The organisation is imported as it was, with the
        same identifiers, times and hashes, into this instance's database, which must not have it yet. Its members keep
        their addresses and roles; when App:PublicOrigin is configured, each member without a login here is mailed an
        invitation to choose a password.
        """;

    public static bool Handles(string[] args) => args is [Verb or "--" + Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        string? file = null;
        var configuration = new List<string>();
        var rest = args[1..];
        for (var i = 0; i < rest.Length; i++)
        {
            var arg = rest[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < rest.Length)
                {
                    configuration.Add(rest[++i]);
                }
            }
            else if (file is null && !arg.StartsWith("--", StringComparison.Ordinal))
            {
                file = arg;
            }
            else
            {
                await error.WriteLineAsync($"{arg}: not an option of {Verb}, or a second file.{Environment.NewLine}{Environment.NewLine}{Usage}");
                return BadOptions;
            }
        }
        if (file is null)
        {
            await error.WriteLineAsync($"FILE: required.{Environment.NewLine}{Environment.NewLine}{Usage}");
            return BadOptions;
        }
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{file}: {ex.Message}");
            return BadOptions;
        }

        await using var engine = await OfflineEngine.StartAsync(configuration);
        // Invitations link to the configured public origin, never to a guess (decision record 17); without one, nobody is mailed.
        var origin = engine.Services.GetRequiredService<IConfiguration>()[$"{Infrastructure.PublicOriginOptions.Section}:{nameof(Infrastructure.PublicOriginOptions.PublicOrigin)}"];
        var acceptAddress = Uri.TryCreate(origin, UriKind.Absolute, out var root)
            ? new Uri(root, Components.Account.Pages.AcceptInvitation.Url()).AbsoluteUri
            : null;
        try
        {
            var result = await engine.Services.GetRequiredService<IMediator>()
                .Send(new ImportOrganisationArchive(Path.GetFileName(file), content, acceptAddress));
            if (result.Succeeded)
            {
                await output.WriteLineAsync($"Imported the organisation '{result.Key}' from {file}; every cycle's log verifies and every kept record matches its SHA-256.");
                await output.WriteLineAsync(acceptAddress is null
                    ? "No invitations were mailed: App:PublicOrigin is not set. An operator or administrator invites the members from the members page."
                    : "Each member without a login here was mailed an invitation to choose a password.");
                return 0;
            }
            await error.WriteLineAsync($"{file} was not imported, and nothing has changed:");
            foreach (var refusal in result.Errors)
            {
                await error.WriteLineAsync($"  {refusal}");
            }
            return Refused;
        }
        catch (InputRejectedException ex)
        {
            foreach (var phrase in ex.Errors.SelectMany(e => e.Value))
            {
                await error.WriteLineAsync($"{file}: {phrase}");
            }
            return Refused;
        }
    }
}
