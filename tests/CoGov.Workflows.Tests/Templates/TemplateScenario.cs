using System.Text.RegularExpressions;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Tests.Members;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Templates;

/// <summary>
/// The demo hospital and Northfield Transit, whose administrator (the demo's, made a member there too) uploads and adopts
/// templates of its own; and a revised PSI questionnaire that puts a new question first, so every other one is renumbered.
/// </summary>
internal static partial class TemplateScenario
{
    public static async Task<TestApp> StartAsync()
    {
        var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key, Roles.Admin);
        return app;
    }

    /// <summary>
    /// The bundled PSI questionnaire as version <paramref name="version"/>, with a new question 1 in the first theme:
    /// every question of version 1 keeps its key and moves one number on (accountable-managers is question 9).
    /// </summary>
    public static string RenumberedPsi(int version = 2) =>
        QuestionNumber().Replace(SeedFiles.Read(SeedFiles.PsiTemplate), m => $"{m.Groups[1].Value}- number: {int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}")
            .Replace("version: 1", $"version: {version}", StringComparison.Ordinal)
            .Replace("""
                    questions:
                      - number: 2
                """, """
                    questions:
                      - number: 1
                        key: algorithms-in-hiring
                        text:
                          en: "Which of these systems take part in hiring, and how?"
                      - number: 2
                """, StringComparison.Ordinal);

    /// <summary>The applicant-screening cycle 1 of the demo, every question answered "Answer N.", accepted, signed and countersigned.</summary>
    public static async Task SignOffScreeningAsync(this TestApp app)
    {
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        var priya = await app.UserAsync(Priya);
        await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
        for (var number = 1; number <= 19; number++)
        {
            // The demo policy sends applicant screening's data-protection questions (10 to 12) to Priya Nair.
            await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number}."), number is >= 10 and <= 12 ? priya : kwame);
            await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
        }
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed off."), kwame);
        await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned."), amara);
    }

    [GeneratedRegex(@"^(\s*)- number: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex QuestionNumber();
}
