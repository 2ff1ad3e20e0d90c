using System.Text.RegularExpressions;
using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>
/// A versioned questionnaire (such as PSI's Co-Governance of Algorithmic Systems guide): themes in order, each with its
/// questions numbered 1..N across the template, each with a key that names it across versions. A template never changes
/// once created; a revision is a new version. A template belongs to the instance's library (bundled with CoGov, open to
/// every organisation) or to the one organisation whose administrator uploaded it (decision record 12).
/// </summary>
public sealed partial class QuestionnaireTemplate
{
    private readonly List<Theme> _themes = [];
    private List<string> _languages = [];

    private QuestionnaireTemplate()
    {
        Key = "";
        Title = null!;
    }

    private QuestionnaireTemplate(QuestionnaireTemplateSpec spec, Guid? ownerId, QuestionnaireTemplate? previous)
    {
        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        Key = spec.Key;
        Version = spec.Version;
        _languages = [.. spec.Languages];
        Title = spec.Title;
        Source = spec.Source;
        var questionKeys = spec.Themes.SelectMany(t => t.Questions).ToDictionary(q => q.Number, q => KeyOf(q, previous));
        for (var i = 0; i < spec.Themes.Count; i++)
        {
            _themes.Add(new Theme(Id, i + 1, spec.Themes[i], questionKeys));
        }
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation the template is its own, or null for the instance's library, which every organisation sees.</summary>
    public Guid? OwnerId { get; private set; }

    public bool IsLibrary => OwnerId is null;

    /// <summary>Whether the organisation may see, adopt and open cycles on this template: the library's, or its own.</summary>
    public bool IsAvailableTo(Guid organisationId) => OwnerId is null || OwnerId == organisationId;
    public string Key { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<string> Languages => _languages;
    public LocalizedText Title { get; private set; }

    /// <summary>Where the wording comes from, so a committee can check it against the original.</summary>
    public LocalizedText? Source { get; private set; }

    /// <summary>The themes in the template's order, however they were loaded.</summary>
    public IReadOnlyList<Theme> Themes => _themes.OrderBy(t => t.Order).ToList().AsReadOnly();

    public IEnumerable<Question> Questions => _themes.SelectMany(t => t.Questions);

    public int QuestionCount => _themes.Sum(t => t.Questions.Count);

    public Theme ThemeOf(int questionNumber) =>
        _themes.FirstOrDefault(t => t.Questions.Any(q => q.Number == questionNumber))
        ?? throw new DomainRuleException("{0} version {1} has no question {2}.", Key, Version, questionNumber);

    /// <summary>Checks every rule and builds the template, or throws with every broken rule and where it is.</summary>
    /// <param name="ownerId">The organisation whose own template it is, or null for the library.</param>
    /// <param name="previous">
    /// The version this one revises, whose keys the questions the file gives no key take by number (see
    /// <see cref="QuestionSpec.Key"/>); without one, a question with no key is <c>question-N</c>.
    /// </param>
    public static QuestionnaireTemplate Create(QuestionnaireTemplateSpec spec, Guid? ownerId = null, QuestionnaireTemplate? previous = null)
    {
        var violations = Check(spec, previous);
        if (violations.Count > 0)
        {
            throw new DomainRuleException(violations);
        }
        return new QuestionnaireTemplate(spec, ownerId, previous?.Key == spec.Key ? previous : null);
    }

    /// <summary>Every broken rule of <paramref name="spec"/>, with where it is; <paramref name="previous"/> as for <see cref="Create"/>.</summary>
    public static IReadOnlyList<RuleViolation> Check(QuestionnaireTemplateSpec spec, QuestionnaireTemplate? previous = null)
    {
        var violations = new List<RuleViolation>();
        void Fail(string path, Phrase message) => violations.Add(new RuleViolation(path, message));

        if (!Keys.IsValid(spec.Key))
        {
            Fail("key", new Phrase("'{0}' is not a valid template key: use lowercase letters, digits and single hyphens.", spec.Key));
        }
        if (spec.Version < 1)
        {
            Fail("version", new Phrase("the version must be 1 or more, not {0}.", spec.Version));
        }

        var languages = CheckLanguages(spec.Languages, Fail);
        CheckText(spec.Title, "title", languages, Fail);
        if (spec.Source is not null)
        {
            CheckText(spec.Source, "source", languages, Fail);
        }

        if (spec.Themes.Count == 0)
        {
            Fail("themes", new Phrase("a template needs at least one theme."));
        }

        var themeKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var questionKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<int, string>();
        var numberPaths = new SortedDictionary<int, string>();
        var highest = 0;
        for (var t = 0; t < spec.Themes.Count; t++)
        {
            var theme = spec.Themes[t];
            var themePath = $"themes[{t}]";
            if (!Keys.IsValid(theme.Key))
            {
                Fail($"{themePath}.key", new Phrase("'{0}' is not a valid theme key: use lowercase letters, digits and single hyphens.", theme.Key));
            }
            else if (themeKeys.TryGetValue(theme.Key, out var other))
            {
                Fail($"{themePath}.key", new Phrase("theme key '{0}' is used twice (also by theme {1}).", theme.Key, other + 1));
            }
            else
            {
                themeKeys[theme.Key] = t;
            }
            CheckText(theme.Title, $"{themePath}.title", languages, Fail);
            CheckText(theme.Rationale, $"{themePath}.rationale", languages, Fail);
            if (theme.Questions.Count == 0)
            {
                Fail($"{themePath}.questions", new Phrase("theme '{0}' has no questions.", theme.Key));
            }

            for (var q = 0; q < theme.Questions.Count; q++)
            {
                var question = theme.Questions[q];
                var questionPath = $"{themePath}.questions[{q}]";
                var numberPath = $"{questionPath}.number";
                
                if (question.Number < 1)
                {
                    Fail(numberPath, new Phrase("question numbers start at 1; {0} is not allowed.", question.Number));
                }
                else if (firstSeen.TryGetValue(question.Number, out var firstWhere))
                {
                    Fail(numberPath, new Phrase("question number {0} is used twice (first in theme '{1}').", question.Number, firstWhere));
                }
                else
                {
                    if (question.Number < highest)
                    {
                        Fail(numberPath, new Phrase("question {0} is out of order: it comes after question {1}.", question.Number, highest));
                    }
                    firstSeen.Add(question.Number, theme.Key);
                    numberPaths.Add(question.Number, numberPath);
                    highest = Math.Max(highest, question.Number);
                }
                // A question without a key takes one once every given key is known (CheckTakenKeys).
                if (question.Key is { } questionKey && !Keys.IsValid(questionKey))
                {
                    Fail($"{questionPath}.key", new Phrase("'{0}' is not a valid question key: use lowercase letters, digits and single hyphens.", questionKey));
                }
                else if (question.Key is not null && !questionKeys.TryAdd(question.Key, question.Number))
                {
                    Fail($"{questionPath}.key", new Phrase("question key '{0}' is used twice (also by question {1}).", question.Key, questionKeys[question.Key]));
                }
                CheckText(question.Text, $"{questionPath}.text", languages, Fail);
            }
        }
        CheckGaps(numberPaths, Fail);
        if (violations.Count == 0)
        {
            CheckTakenKeys(spec, previous?.Key == spec.Key ? previous : null, questionKeys, Fail);
        }
        return violations;
    }

    /// <summary>
    /// A question the file gives no key takes one (<see cref="KeyOf"/>); it must not be a key another question of the
    /// file already has, or two questions would answer to one name.
    /// </summary>
    private static void CheckTakenKeys(QuestionnaireTemplateSpec spec, QuestionnaireTemplate? previous, Dictionary<string, int> used, Action<string, Phrase> fail)
    {
        for (var t = 0; t < spec.Themes.Count; t++)
        {
            for (var q = 0; q < spec.Themes[t].Questions.Count; q++)
            {
                var question = spec.Themes[t].Questions[q];
                if (question.Key is not null)
                {
                    continue;
                }
                var key = KeyOf(question, previous);
                if (!used.TryAdd(key, question.Number))
                {
                    fail($"themes[{t}].questions[{q}].key", new Phrase("question {0} has no key, so it would be '{1}', which question {2} already is: give question {0} a key of its own.", question.Number, key, used[key]));
                }
            }
        }
    }

    /// <summary>The file's key, else the key of the same number in the version before, else <c>question-N</c>.</summary>
    private static string KeyOf(QuestionSpec question, QuestionnaireTemplate? previous) =>
        question.Key
        ?? previous?.Questions.FirstOrDefault(p => p.Number == question.Number)?.Key
        ?? $"question-{question.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Reports each run of missing numbers at the first question after it.</summary>
    private static void CheckGaps(SortedDictionary<int, string> numberPaths, Action<string, Phrase> fail)
    {
        var expected = 1;
        foreach (var (number, path) in numberPaths)
        {
            if (number > expected)
            {
                fail(path, number - 1 == expected
                    ? new Phrase("the numbering has a gap: question {0} is missing before question {1}.", expected, number)
                    : new Phrase("the numbering has a gap: questions {0} to {1} are missing before question {2}.", expected, number - 1, number));
            }
            expected = number + 1;
        }
    }

    private static HashSet<string> CheckLanguages(IReadOnlyList<string> languages, Action<string, Phrase> fail)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (languages.Count == 0)
        {
            fail("languages", new Phrase("list at least one language, such as [en]."));
        }
        for (var i = 0; i < languages.Count; i++)
        {
            var language = languages[i];
            if (!LanguageTag().IsMatch(language))
            {
                fail($"languages[{i}]", new Phrase("'{0}' is not a language tag such as 'en', 'fr' or 'pt-BR'.", language));
            }
            else if (!set.Add(language))
            {
                fail($"languages[{i}]", new Phrase("language '{0}' is listed twice.", language));
            }
        }
        return set;
    }

    /// <summary>Every declared language has a non-empty text, and no text is in an undeclared language.</summary>
    private static void CheckText(LocalizedText text, string path, HashSet<string> languages, Action<string, Phrase> fail)
    {
        foreach (var language in languages)
        {
            if (!text.Texts.TryGetValue(language, out var value))
            {
                fail(path, new Phrase("there is no '{0}' text.", language));
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                fail($"{path}.{language}", new Phrase("the text is empty."));
            }
        }
        foreach (var language in text.Languages.Where(l => !languages.Contains(l)))
        {
            fail($"{path}.{language}", new Phrase("'{0}' is not one of the template's languages ({1}).", language, string.Join(", ", languages)));
        }
    }

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Z]{2})?\z")]
    private static partial Regex LanguageTag();
}
