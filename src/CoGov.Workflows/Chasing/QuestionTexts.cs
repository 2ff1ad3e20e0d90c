using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Chasing;

/// <summary>
/// The wording of the questions that lists across cycles show, from the few templates those cycles use: one query for
/// the lot rather than one per row.
/// </summary>
internal sealed class QuestionTexts
{
    /// <summary>Long enough to tell questions apart in a list; the question page has the rest.</summary>
    public const int ShortLength = 100;

    private readonly Dictionary<(Guid TemplateId, int Number), string> _texts;

    private QuestionTexts(Dictionary<(Guid, int), string> texts) => _texts = texts;

    public static async Task<QuestionTexts> LoadAsync(CoGovDbContext db, IEnumerable<Guid> templateIds, string language, CancellationToken cancellationToken)
    {
        var ids = templateIds.Distinct().ToList();
        var templates = await db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .Where(t => ids.Contains(t.Id))
            .ToListAsync(cancellationToken);
        return new QuestionTexts(templates
            .SelectMany(t => t.Questions.Select(q => (Key: (t.Id, q.Number), Text: q.Text.In(language))))
            .ToDictionary(x => x.Key, x => x.Text));
    }

    /// <summary>The question's text, cut at a word near <see cref="ShortLength"/> characters.</summary>
    public string Short(Guid templateId, int number)
    {
        var text = _texts.GetValueOrDefault((templateId, number), "").Trim();
        if (text.Length <= ShortLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', ShortLength);
        return string.Concat(text.AsSpan(0, cut > ShortLength / 2 ? cut : ShortLength).TrimEnd(" ,;:".AsSpan()), "…");
    }
}
