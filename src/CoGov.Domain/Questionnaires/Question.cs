using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>
/// One question of a template, as worded for the committee (for example question 8, "Which managers are accountable...",
/// whose key is <c>accountable-managers</c>).
/// </summary>
public sealed class Question
{
    private Question()
    {
        Key = "";
        Text = null!;
    }

    internal Question(Guid themeId, int number, string key, LocalizedText text)
    {
        Id = Guid.CreateVersion7();
        ThemeId = themeId;
        Number = number;
        Key = key;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ThemeId { get; private set; }
    public int Number { get; private set; }

    /// <summary>
    /// Names the question across the template's versions, whatever its number there: the answer settled in one cycle is
    /// carried to the question with the same key in the next, so a revision may renumber, add or drop questions.
    /// </summary>
    public string Key { get; private set; }
    public LocalizedText Text { get; private set; }
}
