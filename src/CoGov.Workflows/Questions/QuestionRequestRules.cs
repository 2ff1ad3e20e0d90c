using CoGov.Workflows.Cycles;
using FluentValidation;

namespace CoGov.Workflows.Questions;

/// <summary>What every command about one question checks before its handler runs, besides its cycle's rules.</summary>
internal static class QuestionRequestRules
{
    public static void AddQuestionRules<T>(this AbstractValidator<T> validator) where T : IQuestionRequest
    {
        validator.AddCycleRules();
        validator.RuleFor(c => c.Number).GreaterThan(0);
    }
}
