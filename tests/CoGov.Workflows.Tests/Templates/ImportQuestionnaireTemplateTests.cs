using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Tests.Import;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Templates;

public sealed class ImportQuestionnaireTemplateTests
{
    /// <summary>Table 2 of the PSI guide, "The seven themes and questions in the co-governance of algorithmic systems guide", word for word.</summary>
    private static readonly string[] PsiTable2 =
    [
        "Which digital systems is the employer using that affect workers and their working conditions? What are the purposes of these systems?",
        "Who designed and owns these systems? Who are the developers and vendors?",
        "What are the contractual arrangements between developer, vendor and the employer with regards to data access and control as well as system monitoring, maintenance, and redesign?",
        "What transparency measures can be established to ensure disclosure of any algorithms being used in the digital system?",
        "What oversight mechanisms does management have in place? Who is involved?",
        "What remedies are in place if a system fails its objectives, harms workers, and/or if management fails to govern the digital system?",
        "How do you ensure the system is in compliance with existing laws?",
        "Which managers are accountable and responsible for these systems?",
        "What mechanisms can be established to ensure that workers have the right to challenge actions and decisions taken by management that are assisted by algorithms?",
        "If personal data and personally identifiable information are processed in these systems, what protections for that data currently exist? What additional protections are needed?",
        "Are datasets that include workers' personal data and personally identifiable information sold or moved outside the company?",
        "What mechanisms can be established to ensure workers have the right to access and correct personal data and personally identifiable information?",
        "What assessments have you and/or a third party made of risks and impacts (positive as negative) on workers' wellbeing and working conditions?",
        "How do you control for and monitor possible worker harms in these systems, e.g., health and safety, discrimination and bias, work intensification, deskilling?",
        "What is your plan for periodically reassessing the systems for unintended effects/impacts?",
        "What are the mechanisms and procedures for amending the digital systems?",
        "How will you log your assessments and adjustments?",
        "What mechanisms can you put in place, so you are party to this governance?",
        "What skills and competencies do management and workers need to implement, govern, and assess the digital systems responsibly and knowledgeably?",
    ];


    [Fact]
    public async Task BothBundledTemplatesImport()
    {
        await using var app = await TestApp.StartAsync();

        var psi = await app.SendAsync(new ImportQuestionnaireTemplate(null, "psi-co-governance.yaml", SeedFiles.Read(SeedFiles.PsiTemplate)));
        var lifecycle = await app.SendAsync(new ImportQuestionnaireTemplate(null, "data-lifecycle-at-work.yaml", SeedFiles.Read(SeedFiles.DataLifecycleTemplate)));

        Assert.True(psi.Succeeded, string.Join(Environment.NewLine, psi.Errors));
        Assert.True(lifecycle.Succeeded, string.Join(Environment.NewLine, lifecycle.Errors));
        Assert.Equal("psi-co-governance", psi.Key);
        Assert.Equal("data-lifecycle-at-work", lifecycle.Key);
        Assert.False(psi.WasPresent);
        var keys = await app.WithDbAsync(db => db.Templates.OrderBy(t => t.Key).Select(t => t.Key).ToListAsync());
        Assert.Equal(["data-lifecycle-at-work", "psi-co-governance"], keys);
    }

    [Fact]
    public async Task ThePsiTemplateHasTheSevenThemesOfTheGuideHoldingItsQuestionsInOrder()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "psi-co-governance.yaml", SeedFiles.Read(SeedFiles.PsiTemplate)));

        var template = await LoadAsync(app, "psi-co-governance");

        var themes = template.Themes.OrderBy(t => t.Order).ToList();
        Assert.Equal(
            ["Transparency & Procurement", "Responsibility", "Right of Redress", "Data protection and rights", "Harms and benefits", "Adjustments", "Co-governance"],
            themes.Select(t => t.Title.In("en")));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], themes.Select(t => t.Order));
        int[][] expectedNumbers = [[1, 2, 3, 4], [5, 6, 7, 8], [9], [10, 11, 12], [13, 14, 15], [16, 17], [18, 19]];
        Assert.Equal(expectedNumbers, themes.Select(t => t.Questions.Select(q => q.Number).Order().ToArray()));
        Assert.Equal(19, template.QuestionCount);
    }

    [Fact]
    public async Task ThePsiTemplateAsksTheNineteenQuestionsOfTable2WordForWord()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "psi-co-governance.yaml", SeedFiles.Read(SeedFiles.PsiTemplate)));

        var template = await LoadAsync(app, "psi-co-governance");

        var questions = template.Questions.OrderBy(q => q.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 19), questions.Select(q => q.Number));
        for (var i = 0; i < PsiTable2.Length; i++)
        {
            Assert.Equal(PsiTable2[i], questions[i].Text.In("en"));
        }
        Assert.Equal(["en"], template.Languages);
    }

    [Fact]
    public async Task EveryThemeOfThePsiTemplateExplainsWhyItIsAsked()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "psi-co-governance.yaml", SeedFiles.Read(SeedFiles.PsiTemplate)));

        var template = await LoadAsync(app, "psi-co-governance");

        Assert.Equal(7, template.Themes.Count);
        Assert.All(template.Themes, theme => Assert.False(string.IsNullOrWhiteSpace(theme.Rationale.In("en")), $"theme {theme.Key} has no rationale"));
        Assert.StartsWith("Given the real and potential impacts", template.Themes.Single(t => t.Key == "right-of-redress").Rationale.In("en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDataLifecycleTemplateHasItsFourPhasesAsThemesNumberedFromOne()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "data-lifecycle-at-work.yaml", SeedFiles.Read(SeedFiles.DataLifecycleTemplate)));

        var template = await LoadAsync(app, "data-lifecycle-at-work");

        var themes = template.Themes.OrderBy(t => t.Order).ToList();
        Assert.Equal(["data-collection", "data-analysis", "data-storage", "data-offboarding"], themes.Select(t => t.Key));
        Assert.Equal([1, 2, 3, 4], themes.Select(t => t.Order));
        var numbers = themes.SelectMany(t => t.Questions.Select(q => q.Number).Order()).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.All(themes, theme => Assert.NotEmpty(theme.Questions));
        Assert.All(themes, theme => Assert.False(string.IsNullOrWhiteSpace(theme.Rationale.In("en"))));
    }

    [Fact]
    public async Task TheSameKeyAndVersionCannotBeImportedTwice()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny.yaml", TemplateFiles.Tiny));

        var again = await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny-again.yaml", TemplateFiles.Tiny));

        Assert.False(again.Succeeded);
        Assert.Null(again.Key);
        var error = Assert.Single(again.Errors);
        Assert.Equal("tiny-again.yaml", error.File);
        Assert.Equal("version", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Contains("tiny version 1 has already been imported", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Templates.CountAsync()));
    }

    [Fact]
    public async Task ATemplateAlreadyImportedIsLeftAloneWhenAskedToSkipIt()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny.yaml", TemplateFiles.Tiny));

        var again = await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny.yaml", TemplateFiles.Tiny, SkipIfPresent: true));

        Assert.True(again.Succeeded);
        Assert.True(again.WasPresent);
        Assert.Equal("tiny", again.Key);
        Assert.Equal(1, await app.WithDbAsync(db => db.Templates.CountAsync()));
    }

    [Fact]
    public async Task ARevisionWithTheNextVersionImportsBesideTheFirst()
    {
        await using var app = await TestApp.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny.yaml", TemplateFiles.Tiny));

        var revised = await app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny-2.yaml", TemplateFiles.Tiny.Replace("version: 1", "version: 2", StringComparison.Ordinal)));

        Assert.True(revised.Succeeded, string.Join(Environment.NewLine, revised.Errors));
        Assert.Equal("tiny", revised.Key);
        var versions = await app.WithDbAsync(db => db.Templates.Where(t => t.Key == "tiny").OrderBy(t => t.Version).Select(t => t.Version).ToListAsync());
        Assert.Equal([1, 2], versions);
    }

    private static Task<QuestionnaireTemplate> LoadAsync(TestApp app, string key) =>
        app.WithDbAsync(db => db.Templates.AsNoTracking()
            .Include(t => t.Themes).ThenInclude(t => t.Questions)
            .SingleAsync(t => t.Key == key));
}
