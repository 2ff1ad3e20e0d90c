using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Questions;

/// <summary>A request about one question of one cycle.</summary>
public interface IQuestionRequest : ICycleRequest
{
    int Number { get; }
}
