namespace CoGov.E2E.Tests;

/// <summary>
/// The app's main pages on the demo data as loaded, each seen by someone who uses it: the steward's review forms and the
/// manager's answer form are on the page when it is scanned or measured.
/// </summary>
public static class MainPages
{
    private const string Org = $"organisations/{People.Organisation}";

    public sealed record MainPage(string Name, string Email, string Path);

    public static readonly IReadOnlyList<MainPage> All =
    [
        new("overview", People.Steward, Org),
        new("system", People.Steward, $"{Org}/systems/rostering"),
        new("register-system", People.Steward, $"{Org}/systems/new"),
        // CandidateMatch's first cycle is opened and not sent: its 19 questions are on the send page.
        new("send", People.Steward, $"{Org}/systems/applicant-screening/cycles/1/send"),
        // Answered: the steward may accept, ask for clarification or challenge.
        new("question-review", People.Steward, $"{Org}/systems/rostering/cycles/2/questions/4"),
        // Sent back for clarification: the manager's answer form.
        new("question-answer", People.Manager, $"{Org}/systems/rostering/cycles/2/questions/3"),
        new("chase", People.Steward, $"{Org}/chase"),
        new("my-questions", People.Manager, $"{Org}/my-questions"),
        new("committee", People.WorkersChair, $"{Org}/committee"),
        new("agenda", People.WorkersChair, $"{Org}/committee/agenda"),
        new("history", People.WorkersChair, $"{Org}/committee/history"),
        new("sign-off", People.Manager, $"{Org}/systems/rostering/cycles/1/sign-off"),
        new("admin-members", People.Admin, $"{Org}/admin"),
        new("admin-policy", People.Admin, $"{Org}/admin/policy"),
        new("admin-templates", People.Admin, $"{Org}/admin/templates"),
        new("help", People.Steward, "help/workflow"),
    ];

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    public static MainPage Named(string name) => All.Single(p => p.Name == name);
}
