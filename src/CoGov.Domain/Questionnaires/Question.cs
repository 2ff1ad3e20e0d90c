using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>One question of a template, as worded for the committee (for example question 8, "Which managers are accountable...").</summary>
public sealed class Question
{
    private Question()
    {
        Text = null!;
    }

    internal Question(Guid themeId, int number, LocalizedText text)
    {
        Id = Guid.CreateVersion7();
        ThemeId = themeId;
        Number = number;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ThemeId { get; private set; }
    public int Number { get; private set; }
    public LocalizedText Text { get; private set; }
}
