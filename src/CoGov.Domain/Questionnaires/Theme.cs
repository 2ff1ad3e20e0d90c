using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>A theme of a template (for example "Right of Redress"), with why it matters and its questions in order.</summary>
public sealed class Theme
{
    private readonly List<Question> _questions = [];

    private Theme()
    {
        Key = "";
        Title = Rationale = null!;
    }

    internal Theme(Guid templateId, int order, ThemeSpec spec, IReadOnlyDictionary<int, string> questionKeys)
    {
        Id = Guid.CreateVersion7();
        TemplateId = templateId;
        Order = order;
        Key = spec.Key;
        Title = spec.Title;
        Rationale = spec.Rationale;
        _questions.AddRange(spec.Questions.Select(q => new Question(Id, q.Number, questionKeys[q.Number], q.Text)));
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }

    /// <summary>Position of the theme in the template, from 1.</summary>
    public int Order { get; private set; }

    public string Key { get; private set; }
    public LocalizedText Title { get; private set; }

    /// <summary>Why the theme is asked about, so a steward can explain it to management.</summary>
    public LocalizedText Rationale { get; private set; }

    /// <summary>The theme's questions by number, however they were loaded.</summary>
    public IReadOnlyList<Question> Questions => _questions.OrderBy(q => q.Number).ToList().AsReadOnly();
}
