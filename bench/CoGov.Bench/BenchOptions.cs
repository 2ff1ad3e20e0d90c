using System.Globalization;

namespace CoGov.Bench;

/// <summary>What to run, from the command line. The defaults are the sizes the targets are stated for.</summary>
/// <param name="Organisations">Organisations to generate; each has 20 systems with one cycle of 19 questions.</param>
/// <param name="Answers">Questions to answer through the command path, and raw inserts to compare them with.</param>
/// <param name="Runs">Timed runs of each sweep query; the median is reported.</param>
/// <param name="Keep">Leave the SQLite file in place (its path is printed) instead of deleting it.</param>
/// <param name="Profile">Count the SQL commands and time spent in SQLite and in commits during the answers. Off by default
/// because it adds interceptors to the engine's context, which the plain run must not have.</param>
internal sealed record BenchOptions(int Organisations, int Answers, int Runs, bool Keep, bool Profile)
{
    public const int SystemsPerOrganisation = 20;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/CoGov.Bench -- [options]
          --organisations N   organisations to generate, 20 systems and 380 questions each (default 1000)
          --answers N         answers through the command path and raw inserts to compare (default 10000)
          --runs N            timed runs of each sweep query, median reported (default 9)
          --profile           also count SQL commands and time in SQLite during the answers (adds interceptors)
          --keep              keep the SQLite file and print where it is
        """;

    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(Organisations: 1000, Answers: 10_000, Runs: 9, Keep: false, Profile: false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--organisations":
                    options = options with { Organisations = Positive(args, ++i) };
                    break;
                case "--answers":
                    options = options with { Answers = Positive(args, ++i) };
                    break;
                case "--runs":
                    options = options with { Runs = Positive(args, ++i) };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--profile":
                    options = options with { Profile = true };
                    break;
                default:
                    return null;
            }
        }
        return options;
    }

    private static int Positive(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a whole number above 0.");
}
