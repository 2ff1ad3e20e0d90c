using System.Globalization;
using CoGov.Workflows.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Web.Setup;

/// <summary>
/// <c>verify-log</c>: verifies every cycle's log of an organisation and compares it with every anchor CoGov knows and
/// those in an anchors file the operator or a chair kept (decision record 19), printing one verdict per cycle. Exits 0
/// when every log is whole and every anchor agrees, 1 when any does not, 2 on bad options. Like
/// <c>create-organisation</c> it acts as CoGov itself: whoever can run it can read the database anyway.
/// </summary>
internal static class VerifyLogCommandLine
{
    public const string Verb = "verify-log";

    private const int Disagrees = 1;
    private const int BadOptions = 2;

    private const string Usage = """
        Usage: dotnet run --project src/CoGov.Web -- verify-log --organisation KEY [--anchors FILE] [--Section:Setting=value ...]
        FILE holds anchors one JSON object per line, as CoGov writes them to Ledger:AnchorFile and quotes them in the
        chairs' mail: {"organisation":"KEY","system":"KEY","cycle":N,"entries":N,"head":"SHA-256"}.
        Exits 0 when every cycle's log is whole and agrees with every anchor, 1 when one does not.
        """;

    public static bool Handles(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        string? organisation = null;
        string? anchorsFile = null;
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
                case "--anchors" when anchorsFile is null:
                    anchorsFile = Value();
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
        if (string.IsNullOrWhiteSpace(organisation))
        {
            await error.WriteLineAsync($"--organisation: required.{Environment.NewLine}{Environment.NewLine}{Usage}");
            return BadOptions;
        }
        string? supplied = null;
        if (anchorsFile is not null)
        {
            try
            {
                supplied = await File.ReadAllTextAsync(anchorsFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"--anchors: {ex.Message}");
                return BadOptions;
            }
        }

        await using var engine = await OfflineEngine.StartAsync(configuration);
        var db = engine.Services.GetRequiredService<CoGov.Workflows.Persistence.CoGovDbContext>();
        if (!await db.Organisations.AnyAsync(o => o.Key == organisation))
        {
            await error.WriteLineAsync($"--organisation: there is no organisation '{organisation}'.");
            return BadOptions;
        }
        var report = await engine.Services.GetRequiredService<IMediator>()
            .Send(new VerifyCycleLogs(organisation, Supplied: supplied, SuppliedName: anchorsFile));

        foreach (var cycle in report.Cycles)
        {
            var where = $"{organisation} {cycle.SystemKey} cycle {cycle.Cycle}";
            var log = cycle.Log.IsIntact
                ? $"the log holds {cycle.Log.EntryCount} entries, chained and whole, head {cycle.Log.HeadHash}"
                : $"the log does NOT verify: {cycle.Log.Problem}";
            await output.WriteLineAsync($"{(cycle.Holds ? "OK  " : "FAIL")} {where}: {log}; {Agreeing(cycle)}.");
            foreach (var anchor in cycle.Anchors.Where(a => !a.Agrees))
            {
                await output.WriteLineAsync($"     disagrees: {anchor.Detail}: {anchor.Disagreement}");
            }
        }
        foreach (var line in report.UnreadLines)
        {
            await output.WriteLineAsync($"FAIL {line}");
        }
        if (report.Cycles.Count == 0)
        {
            await output.WriteLineAsync($"{organisation} has no cycles yet.");
        }
        return report.Holds ? 0 : Disagrees;
    }

    private static string Agreeing(CycleLogCheck cycle)
    {
        var agreeing = cycle.Anchors.Count(a => a.Agrees);
        return cycle.Anchors.Count == 0
            ? "no anchors to compare with"
            : string.Create(CultureInfo.InvariantCulture, $"{agreeing} of {cycle.Anchors.Count} anchors agree");
    }
}
