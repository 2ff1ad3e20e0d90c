using System.Reflection;
using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Components.Pages.AnswerLinks;
using CoGov.Web.Components.Pages.Chasing;
using CoGov.Web.Components.Pages.Committee;
using CoGov.Web.Components.Pages.Cycles;
using CoGov.Web.Components.Pages.Help;
using CoGov.Web.Components.Pages.Organisations;
using CoGov.Web.Components.Pages.People;
using CoGov.Web.Components.Pages.Questions;
using CoGov.Web.Components.Pages.Records;
using CoGov.Web.Components.Pages.Systems;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;

namespace CoGov.Web.Tests.Architecture;

/// <summary>
/// Every page's Url(...) escapes what it is given, so the address it builds routes back to the same page with the same
/// values. Keys are slugs today (Keys.IsValid), so the awkward ones are given to Url directly: the escaping must not
/// depend on that rule holding, since a query parameter or a renamed key would not.
/// </summary>
public sealed class PageUrlsTests
{
    private const string Org = "a b/c?d#e&f=g%h é";
    private const string System = "x/y z?#ü";

    public static TheoryData<string, Type, string, Dictionary<string, string>> Pages() => new()
    {
        { "organisation", typeof(Organisation), Organisation.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "system", typeof(SystemQuestions), SystemQuestions.Url(Org, System, cycle: 3), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["?cycle"] = "3" } },
        { "registered system", typeof(SystemQuestions), SystemQuestions.Url(Org, System, registered: true), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["?registered"] = "true" } },
        { "new system", typeof(NewSystem), NewSystem.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "register entry", typeof(RegisterEntry), RegisterEntry.Url(Org, System, saved: true), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["?saved"] = "true" } },
        { "register edit", typeof(RegisterEdit), RegisterEdit.Url(Org, System), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System } },
        { "register status", typeof(RegisterStatus), RegisterStatus.Url(Org, System), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System } },
        { "register history", typeof(RegisterHistory), RegisterHistory.Url(Org, System), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System } },
        { "new cycle", typeof(NewCycle), NewCycle.Url(Org, System), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System } },
        { "send cycle", typeof(SendCycle), SendCycle.Url(Org, System, 2), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["Cycle"] = "2" } },
        { "sign-off", typeof(CycleSignOff), CycleSignOff.Url(Org, System, 2, signed: "a&b"), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["Cycle"] = "2", ["?signed"] = "a&b" } },
        { "question", typeof(QuestionPage), QuestionPage.Url(Org, System, 2, 7, done: "x#y"), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["Cycle"] = "2", ["Number"] = "7", ["?done"] = "x#y" } },
        { "record", typeof(AssessmentRecordPage), AssessmentRecordPage.Url(Org, System, 1), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["Cycle"] = "1" } },
        { "meeting pack", typeof(MeetingPackPage), MeetingPackPage.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "committee", typeof(Dashboard), Dashboard.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "agenda", typeof(Agenda), Agenda.Url(Org, resolved: "s:1:2"), new() { ["OrganisationKey"] = Org, ["?resolved"] = "s:1:2" } },
        { "history", typeof(History), History.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "chase board", typeof(Chase), Chase.Url(Org, all: true, done: "remind"), new() { ["OrganisationKey"] = Org, ["?all"] = "true", ["?done"] = "remind" } },
        { "my questions", typeof(MyQuestions), MyQuestions.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "calendar feeds", typeof(CoGov.Web.Components.Pages.Calendar.CalendarFeeds), CoGov.Web.Components.Pages.Calendar.CalendarFeeds.Url(Org, Workflows.Calendar.CalendarFeedKind.Committee),
            new() { ["OrganisationKey"] = Org, ["?stopped"] = "Committee" } },
        { "members", typeof(Members), Members.Url(Org, invited: "a+b@c.example", kind: "New"), new() { ["OrganisationKey"] = Org, ["?invited"] = "a+b@c.example", ["?kind"] = "New" } },
        { "members leaving", typeof(Members), Members.Url(Org, remove: "a/b c", left: "a+b@c.example", how: "lock"), new() { ["OrganisationKey"] = Org, ["?remove"] = "a/b c", ["?left"] = "a+b@c.example", ["?how"] = "lock", ["#"] = "leave-a/b c" } },
        { "policy", typeof(Policy), Policy.Url(Org, imported: true), new() { ["OrganisationKey"] = Org, ["?imported"] = "true" } },
        { "policy routing", typeof(PolicyRouting), PolicyRouting.Url(Org, saved: 3), new() { ["OrganisationKey"] = Org, ["?saved"] = "3" } },
        { "policy calendar", typeof(PolicyCalendar), PolicyCalendar.Url(Org, saved: 4), new() { ["OrganisationKey"] = Org, ["?saved"] = "4" } },
        { "system routing", typeof(SystemRouting), SystemRouting.Url(Org, System, saved: 5), new() { ["OrganisationKey"] = Org, ["SystemKey"] = System, ["?saved"] = "5" } },
        { "policy history", typeof(PolicyHistory), PolicyHistory.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "templates", typeof(Templates), Templates.Url(Org, imported: "t&u"), new() { ["OrganisationKey"] = Org, ["?imported"] = "t&u" } },
        { "templates adopting", typeof(Templates), Templates.Url(Org, adopt: "t&u", version: 2, own: true), new() { ["OrganisationKey"] = Org, ["?adopt"] = "t&u", ["?version"] = "2", ["?own"] = "true" } },
        { "templates adopted", typeof(Templates), Templates.Url(Org, adopted: "t/u"), new() { ["OrganisationKey"] = Org, ["?adopted"] = "t/u" } },
        { "people", typeof(PeopleList), PeopleList.Url(Org, added: "a&b"), new() { ["OrganisationKey"] = Org, ["?added"] = "a&b" } },
        { "person", typeof(PersonEdit), PersonEdit.Url(Org, System, saved: true), new() { ["OrganisationKey"] = Org, ["PersonKey"] = System, ["?saved"] = "true" } },
        { "committee seats", typeof(CommitteeSeats), CommitteeSeats.Url(Org, saved: true), new() { ["OrganisationKey"] = Org, ["?saved"] = "true" } },
        { "audit log", typeof(AuditTrail), AuditTrail.Url(Org), new() { ["OrganisationKey"] = Org } },
        { "help", typeof(Workflow), Workflow.Url(Org, "clock"), new() { ["?organisation"] = Org, ["#"] = "clock" } },
        { "first-run setup", typeof(FirstOrganisation), FirstOrganisation.Url("a+b/c=d&e"), new() { ["?token"] = "a+b/c=d&e" } },
        { "new organisation", typeof(NewOrganisation), NewOrganisation.Url(), new() },
        { "new organisation created", typeof(NewOrganisation), NewOrganisation.Url(created: Org), new() { ["?created"] = Org } },
        { "new organisation invited", typeof(NewOrganisation), NewOrganisation.Url(created: Org, invited: "a+b@c.example"), new() { ["?created"] = Org, ["?invited"] = "a+b@c.example" } },
        { "answer link", typeof(AnswerLinkPage), AnswerLinkPage.Url("a+b/c?d#e", done: "x&y"), new() { ["Token"] = "a+b/c?d#e", ["?done"] = "x&y" } },
        { "passkeys", typeof(CoGov.Web.Components.Account.Pages.Manage.Passkeys), CoGov.Web.Components.Account.Pages.Manage.Passkeys.Url(), new() },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void AnAddressRoutesBackToItsPageWithTheSameValues(string name, Type page, string url, Dictionary<string, string> expected)
    {
        Assert.False(url.StartsWith('/'), $"{name}: addresses are relative to the base address, so the app can live under a path.");

        Assert.Equal(expected.OrderBy(e => e.Key), Route(page, url).OrderBy(e => e.Key));
    }

    /// <summary>What the page's own route template and query parameters read from the address, as the app would.</summary>
    private static Dictionary<string, string> Route(Type page, string url)
    {
        var values = new Dictionary<string, string>();
        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        if (fragmentAt >= 0)
        {
            values["#"] = Uri.UnescapeDataString(url[(fragmentAt + 1)..]);
            url = url[..fragmentAt];
        }
        var queryAt = url.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(url[queryAt..]))
            {
                values[$"?{key}"] = value.ToString();
            }
            url = url[..queryAt];
        }
        var template = TemplateParser.Parse(page.GetCustomAttribute<RouteAttribute>()!.Template);
        var segments = url.Split('/');
        Assert.Equal(template.Segments.Count, segments.Length);
        foreach (var (segment, part) in segments.Zip(template.Segments.Select(s => Assert.Single(s.Parts))))
        {
            if (part.IsParameter)
            {
                values[part.Name!] = Uri.UnescapeDataString(segment);
            }
            else
            {
                Assert.Equal(part.Text, segment);
            }
        }
        return values;
    }
}
