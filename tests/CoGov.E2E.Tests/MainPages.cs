using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Components.Pages.Systems;

namespace CoGov.E2E.Tests;

/// <summary>
/// The app's main pages on the demo data as loaded, each seen by someone who uses it: the steward's review forms and the
/// manager's answer form are on the page when it is scanned or measured.
/// </summary>
public static class MainPages
{
    private const string Org = $"organisations/{DemoLogins.Organisation}";

    public sealed record MainPage(string Name, string Email, string Path);

    public static readonly IReadOnlyList<MainPage> All =
    [
        new("overview", DemoLogins.Steward, Org),
        new("system", DemoLogins.Steward, $"{Org}/systems/rostering"),
        new("register-system", DemoLogins.Steward, $"{Org}/systems/new"),
        // CandidateMatch's first cycle is opened and not sent: its 19 questions are on the send page.
        new("send", DemoLogins.Steward, $"{Org}/systems/applicant-screening/cycles/1/send"),
        // Answered: the steward may accept, ask for clarification or challenge.
        new("question-review", DemoLogins.Steward, $"{Org}/systems/rostering/cycles/2/questions/4"),
        // Sent back for clarification: the manager's answer form.
        new("question-answer", DemoLogins.Manager, $"{Org}/systems/rostering/cycles/2/questions/3"),
        new("chase", DemoLogins.Steward, $"{Org}/chase"),
        new("my-questions", DemoLogins.Manager, $"{Org}/my-questions"),
        new("calendar-feeds", DemoLogins.WorkersChair, $"{Org}/calendar"),
        new("committee", DemoLogins.WorkersChair, $"{Org}/committee"),
        new("agenda", DemoLogins.WorkersChair, $"{Org}/committee/agenda"),
        new("history", DemoLogins.WorkersChair, $"{Org}/committee/history"),
        new("sign-off", DemoLogins.Manager, $"{Org}/systems/rostering/cycles/1/sign-off"),
        new("admin-members", DemoLogins.Admin, $"{Org}/admin"),
        new("admin-policy", DemoLogins.Admin, $"{Org}/admin/policy"),
        new("admin-templates", DemoLogins.Admin, $"{Org}/admin/templates"),
        new("admin-policy-routing", DemoLogins.Admin, PolicyRouting.Url(DemoLogins.Organisation)),
        new("admin-policy-calendar", DemoLogins.Admin, PolicyCalendar.Url(DemoLogins.Organisation)),
        new("admin-policy-history", DemoLogins.Admin, PolicyHistory.Url(DemoLogins.Organisation)),
        new("system-routing", DemoLogins.WorkersChair, SystemRouting.Url(DemoLogins.Organisation, "rostering")),
        new("register-entry", DemoLogins.Steward, RegisterEntry.Url(DemoLogins.Organisation, "rostering")),
        new("register-edit", DemoLogins.Steward, RegisterEdit.Url(DemoLogins.Organisation, "rostering")),
        new("register-status", DemoLogins.Steward, RegisterStatus.Url(DemoLogins.Organisation, "rostering")),
        new("register-history", DemoLogins.Steward, RegisterHistory.Url(DemoLogins.Organisation, "rostering")),
        new("help", DemoLogins.Steward, "help/workflow"),
    ];

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    public static MainPage Named(string name) => All.Single(p => p.Name == name);
}
