using CoGov.Domain.Assessments;

namespace CoGov.Domain.Tests.Docs;

/// <summary>
/// The lifecycle graphs in docs/workflow are Stateless's own export of the machines, kept in the repository so a reader
/// (and later the help page) sees the real thing. This fails when the machines change and the docs did not; run the
/// tests once with COGOV_UPDATE_DOCS=1 to rewrite them.
/// </summary>
public sealed class WorkflowGraphDocsTests
{
    [Theory]
    [InlineData("question-lifecycle.dot")]
    [InlineData("assessment-cycle.dot")]
    public void TheDocumentedGraphIsTheMachinesOwnExport(string file)
    {
        var graph = file == "question-lifecycle.dot" ? QuestionItem.DotGraph() : Assessment.DotGraph();
        var path = Path.Combine(RepositoryRoot(), "docs", "workflow", file);
        if (Environment.GetEnvironmentVariable("COGOV_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, graph);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with COGOV_UPDATE_DOCS=1 to write it.");
        Assert.Equal(graph.ReplaceLineEndings(), File.ReadAllText(path).ReplaceLineEndings());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoGov.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The tests are not running inside the CoGov repository.");
    }
}
