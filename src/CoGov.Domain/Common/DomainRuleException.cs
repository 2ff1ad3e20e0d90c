namespace CoGov.Domain.Common;

/// <summary>
/// Thrown when an operation would break a rule of the model. Nothing has changed when it is thrown:
/// every method checks before it writes.
/// </summary>
public sealed class DomainRuleException : Exception
{
    /// <param name="template">The English sentence, with <c>{0}</c>, <c>{1}</c> … for the arguments: the key of its translations.</param>
    public DomainRuleException(string template, params object?[] arguments)
        : this([new RuleViolation("", new Phrase(template, arguments))])
    {
    }

    public DomainRuleException(Phrase text)
        : this([new RuleViolation("", text)])
    {
    }

    public DomainRuleException(IReadOnlyList<RuleViolation> violations)
        : base(string.Join(Environment.NewLine, violations))
    {
        if (violations.Count == 0)
        {
            throw new ArgumentException("A rule exception needs at least one violation.", nameof(violations));
        }
        Violations = violations;
    }

    public IReadOnlyList<RuleViolation> Violations { get; }
}
