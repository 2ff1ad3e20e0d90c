using CoGov.Domain.Common;
using CoGov.Workflows.Import;

namespace CoGov.Workflows.Tests.Import;

public sealed class ImportErrorTests
{
    [Fact]
    public void AnErrorReadsAsFileLineColumnFieldAndProblem()
    {
        var error = new ImportError("tiny.yaml", 16, 5, "themes[1]", new Phrase("the field 'title' is missing."));

        Assert.Equal("tiny.yaml, line 16, column 5 (themes[1]): the field 'title' is missing.", error.ToString());
    }

    [Fact]
    public void AnErrorWithoutALineNamesOnlyTheFile()
    {
        var error = new ImportError("tiny.yaml", 0, 0, "version", new Phrase("tiny version 1 has already been imported."));

        Assert.Equal("tiny.yaml (version): tiny version 1 has already been imported.", error.ToString());
    }

    [Fact]
    public void AnErrorAboutTheWholeFileNamesNoField()
    {
        var error = new ImportError("tiny.yaml", 5, 11, "", new Phrase("this is not valid YAML: Mapping values are not allowed in this context."));

        Assert.Equal("tiny.yaml, line 5, column 11: this is not valid YAML: Mapping values are not allowed in this context.", error.ToString());
    }

    [Fact]
    public void ARejectedResultReadsAsItsErrors()
    {
        var first = new ImportError("tiny.yaml", 16, 5, "themes[1]", new Phrase("the field 'title' is missing."));
        var second = new ImportError("tiny.yaml", 22, 11, "themes[1].questions[0].number", new Phrase("the numbering has a gap: question 2 is missing before question 3."));
        var result = ImportResult.Rejected([first, second]);

        var text = result.ToString();

        Assert.Contains(first.ToString(), text, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(ImportError).FullName!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASuccessfulResultReadsAsWhatWasImported()
    {
        var imported = ImportResult.Imported("psi-co-governance version 1").ToString();
        var present = ImportResult.AlreadyPresent("psi-co-governance version 1").ToString();

        Assert.Contains("psi-co-governance version 1", imported, StringComparison.Ordinal);
        Assert.Contains("psi-co-governance version 1", present, StringComparison.Ordinal);
        Assert.NotEqual(imported, present);
        Assert.DoesNotContain(typeof(ImportError).FullName!, imported, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(ImportError).FullName!, present, StringComparison.Ordinal);
    }

    [Fact]
    public void ARejectedResultThrownAtStartUpListsEveryError()
    {
        var first = new ImportError("tiny.yaml", 16, 5, "themes[1]", new Phrase("the field 'title' is missing."));
        var second = new ImportError("tiny.yaml", 0, 0, "version", new Phrase("tiny version 1 has already been imported."));

        var thrown = Assert.Throws<InvalidOperationException>(() => ImportResult.Rejected([first, second]).ThrowIfRejected());

        Assert.Contains(first.ToString(), thrown.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), thrown.Message, StringComparison.Ordinal);
        Assert.Equal("tiny version 1", ImportResult.Imported("tiny version 1").ThrowIfRejected().Key);
    }
}
