using CoGov.Domain.Common;

namespace CoGov.Domain.Tests.Common;

public sealed class DomainRuleExceptionTests
{
    [Fact]
    public void AMessageAloneIsAViolationWithoutAPath()
    {
        var exception = new DomainRuleException("Something is wrong.");

        var violation = Assert.Single(exception.Violations);
        Assert.Equal(new RuleViolation("", new Phrase("Something is wrong.")), violation);
        Assert.Equal("Something is wrong.", exception.Message);
    }

    [Fact]
    public void TheMessageListsEveryViolationWithItsPathOnItsOwnLine()
    {
        var exception = new DomainRuleException([new RuleViolation("version", new Phrase("too low.")), new RuleViolation("themes", new Phrase("none."))]);

        Assert.Equal($"version: too low.{Environment.NewLine}themes: none.", exception.Message);
        Assert.Equal(2, exception.Violations.Count);
    }

    [Fact]
    public void AnExceptionWithoutViolationsCannotBeMade()
    {
        Assert.Throws<ArgumentException>(() => new DomainRuleException(Array.Empty<RuleViolation>()));
    }
}
