using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CoGov.Domain.Assessments;

namespace CoGov.Web.Tests.Help;

/// <summary>
/// The help page shows each lifecycle drawn by Graphviz from the machine's own export. The drawings are kept in the app's
/// wwwroot (served by the app itself, like every asset) with the SHA-256 of the export they were drawn from, so a change
/// to a machine fails here until they are redrawn: run the tests with COGOV_UPDATE_DOCS=1 on a machine with Graphviz
/// (`apt-get install graphviz`). Nothing else needs Graphviz.
/// </summary>
public sealed class WorkflowDrawingsTests
{
    [Theory]
    [InlineData("question-lifecycle.svg")]
    [InlineData("assessment-cycle.svg")]
    public void TheDrawingIsOfTheMachineAsItIsNow(string file)
    {
        var question = file == "question-lifecycle.svg";
        var graph = question ? QuestionItem.DotGraph() : Assessment.DotGraph();
        var stamp = Stamp(graph);
        var path = Path.Combine(RepositoryFolder.Root, "src", "CoGov.Web", "wwwroot", "help", file);
        if (Environment.GetEnvironmentVariable("COGOV_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, stamp + "\n" + Draw(graph));
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with COGOV_UPDATE_DOCS=1 (with Graphviz installed) to draw it.");
        using var reader = new StreamReader(path);
        Assert.True(reader.ReadLine() == stamp,
            $"{file} was drawn from another version of the machine; run the tests with COGOV_UPDATE_DOCS=1 (with Graphviz installed) to redraw it.");
        var svg = reader.ReadToEnd();
        // Every state appears in the drawing under its own name.
        var states = question ? Enum.GetNames<QuestionState>() : Enum.GetNames<AssessmentState>();
        Assert.All(states, state => Assert.Contains($">{state}</text>", svg));
    }

    private static string Stamp(string graph) =>
        $"<!-- drawn by Graphviz from the machine's export, sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(graph.ReplaceLineEndings("\n"))))} -->";

    /// <summary>Top to bottom, so the drawing is tall rather than very wide; without the XML prolog, as the stamp comes first.</summary>
    private static string Draw(string graph)
    {
        using var dot = Process.Start(new ProcessStartInfo("dot", "-Grankdir=TB -Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Graphviz's dot could not be started; apt-get install graphviz.");
        dot.StandardInput.Write(graph);
        dot.StandardInput.Close();
        var svg = dot.StandardOutput.ReadToEnd();
        dot.WaitForExit();
        if (dot.ExitCode != 0)
        {
            throw new InvalidOperationException($"dot failed: {dot.StandardError.ReadToEnd()}");
        }
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }
}
