using CoGov.Domain.Assessments;

namespace CoGov.Domain.Tests;

public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("EntityFrameworkCore")]
    [InlineData("AspNetCore")]
    public void TheDomainReferencesNoFramework(string framework)
    {
        var references = typeof(Assessment).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => name.Contains(framework, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheDomainUsesStatelessForItsMachines()
    {
        var references = typeof(Assessment).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.Contains("Stateless", references);
    }
}
