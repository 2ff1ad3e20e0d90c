using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using FluentValidation;

namespace CoGov.Workflows.Cycles;

/// <summary>What every command about one cycle checks before its handler runs, and the rule for text written into its record.</summary>
internal static class CycleRequestRules
{
    public static void AddCycleRules<T>(this AbstractValidator<T> validator) where T : ICycleRequest
    {
        validator.RuleFor(c => c.OrganisationKey).NotEmpty();
        validator.RuleFor(c => c.SystemKey).NotEmpty();
        validator.RuleFor(c => c.Cycle).GreaterThan(0);
    }

    /// <summary>Text a person writes into the record: present, and of a size a committee can read.</summary>
    public static IRuleBuilderOptions<T, string> IsRecordText<T>(this IRuleBuilder<T, string> rule, Phrase what, int maximum = 20_000) =>
        rule.NotEmpty().WithPhrase("Write the {0}.", (_, _) => [what])
            .MaximumLength(maximum).WithPhrase("The {0} is longer than {1:N0} characters.", (_, _) => [what, maximum]);
}
