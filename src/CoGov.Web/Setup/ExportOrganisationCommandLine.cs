using CoGov.Workflows.Archives;
using CoGov.Workflows.Common;
using Mediator;

namespace CoGov.Web.Setup;

/// <summary>
/// <c>export-organisation</c>: writes an organisation's archive to a file (decision record 26), for the instance's
/// operator, who may need to hand a branch its history without being one of its administrators. Like
/// <c>verify-log</c> it acts as CoGov itself: whoever can run it can read the database anyway. The export is audited
/// and both chairs are mailed, as when an administrator exports from the app.
/// </summary>
internal static class ExportOrganisationCommandLine
{
    public const string Verb = "export-organisation";

    private const int Refused = 1;
    private const int BadOptions = 2;

    private const string Usage = """
        Usage: dotnet run --project src/CoGov.Web -- export-organisation --organisation KEY --to FILE [--Section:Setting=value ...]
        Writes the organisation's archive (a zip, docs/export/README.md) to FILE, which must not exist yet, records the
        export in the organisation's audit log and mails both committee chairs. scripts/verify-export.sh FILE checks it.
        """;

    public static bool Handles(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        string? organisation = null;
        string? target = null;
        var configuration = new List<string>();
        var rest = args[1..];
        for (var i = 0; i < rest.Length; i++)
        {
            var arg = rest[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? Value() => equals > 0 ? arg[(equals + 1)..] : i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : null;
            switch (name)
            {
                case "--organisation" when organisation is null:
                    organisation = Value();
                    break;
                case "--to" when target is null:
                    target = Value();
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    configuration.Add(arg);
                    if (equals < 0 && i + 1 < rest.Length)
                    {
                        configuration.Add(rest[++i]);
                    }
                    break;
                default:
                    await error.WriteLineAsync($"{arg}: not an option of {Verb}, or given twice.{Environment.NewLine}{Environment.NewLine}{Usage}");
                    return BadOptions;
            }
        }
        if (string.IsNullOrWhiteSpace(organisation) || string.IsNullOrWhiteSpace(target))
        {
            await error.WriteLineAsync($"{(string.IsNullOrWhiteSpace(organisation) ? "--organisation" : "--to")}: required.{Environment.NewLine}{Environment.NewLine}{Usage}");
            return BadOptions;
        }
        // Checked before exporting, so a refused target leaves no audit entry and mails no chair.
        if (File.Exists(target) || Directory.Exists(target))
        {
            await error.WriteLineAsync($"--to: {target} exists already; name a new file.");
            return BadOptions;
        }

        await using var engine = await OfflineEngine.StartAsync(configuration);
        OrganisationExport export;
        try
        {
            export = await engine.Services.GetRequiredService<IMediator>().Send(new ExportOrganisation(organisation));
        }
        catch (NotFoundException)
        {
            await error.WriteLineAsync($"--organisation: there is no organisation '{organisation}'.");
            return Refused;
        }
        try
        {
            // CreateNew: a file that appeared meanwhile is not overwritten.
            await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            await file.WriteAsync(export.Content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"--to: {ex.Message}");
            return Refused;
        }
        await output.WriteLineAsync($"Exported {organisation} to {target}: {export.Content.Length} bytes, SHA-256 {export.Sha256}.");
        foreach (var chair in export.ChairsTold)
        {
            await output.WriteLineAsync($"Told {chair}.");
        }
        foreach (var chair in export.ChairsNotTold)
        {
            await output.WriteLineAsync($"NOT told {chair}.");
        }
        return 0;
    }
}
