using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CoGov.Workflows.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Systems;

/// <summary>
/// The workers' side's working pages through the real forms: registering a system, opening its first cycle and sending
/// its questions. Each test that changes data registers a system of its own, so the tests do not depend on each other.
/// </summary>
public sealed class SystemWorkPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = "/organisations/riverside-hospital";
    private const string ScreeningSend = Organisation + "/systems/applicant-screening/cycles/1/send";

    [Fact]
    public async Task AStewardRegistersASystemThroughTheFormAndSeesItOnTheOrganisationPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var (response, key) = await RegisterAsync(client, "Overtime Approvals");

        Assert.Equal("overtime-approvals", key);
        Assert.Equal($"{Organisation}/systems/{key}?registered=true", PathOf(response.Headers.Location!));
        var systemPage = await GetPageAsync(client, $"{Organisation}/systems/{key}?registered=true");
        Assert.Equal("Overtime Approvals", systemPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(systemPage.QuerySelector("[role=status] [data-draft-saved]"));
        Assert.Contains("Ledgerline Ltd", systemPage.QuerySelector(".cogov-register")!.TextContent);
        Assert.Contains("Overtime claims; Rostered hours", systemPage.QuerySelector(".cogov-register")!.TextContent);
        var overview = await GetPageAsync(client, Organisation);
        var row = overview.QuerySelectorAll("section[aria-labelledby=systems] tbody tr").Single(r => r.TextContent.Contains("Overtime Approvals"));
        Assert.Contains("Not assessed", row.TextContent);
        Assert.Equal($"organisations/riverside-hospital/systems/{key}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AKeyAlreadyTakenIsRefusedBesideTheKeyFieldAndWhatWasTypedIsKept()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var form = (await GetPageAsync(client, Organisation + "/systems/new")).NamedForm("register-system")!;

        var response = await client.PostFormAsync(Organisation + "/systems/new", form, SystemFields("Rota Planner", key: "rostering"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("'rostering' is already the key of ShiftWise Rostering: choose another key.", page.QuerySelector("#system-key-refusal")!.TextContent.Trim());
        Assert.Contains("system-key-refusal", page.QuerySelector("#system-key")!.GetAttribute("aria-describedby"));
        Assert.Contains("already the key", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Rota Planner", ((IHtmlInputElement)page.QuerySelector("#system-name")!).Value);
        Assert.Equal("Overtime claims\nRostered hours", ((IHtmlTextAreaElement)page.QuerySelector("#system-data")!).Value.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task AStewardOpensTheFirstCycleOfANewSystemAndSendsItsQuestionsWithOneReassigned()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var (_, key) = await RegisterAsync(client, "Sickness Absence Triggers");
        var system = $"{Organisation}/systems/{key}";

        // The system page offers the first cycle; the opening form is pre-filled from the routing policy.
        var systemPage = await GetPageAsync(client, system);
        Assert.Contains(systemPage.QuerySelectorAll(".cogov-page-actions a"), a => a.GetAttribute("href") == $"{system.TrimStart('/')}/cycles/new");
        var openPage = await GetPageAsync(client, system + "/cycles/new");
        var openForm = openPage.NamedForm("open-cycle")!;
        Assert.Equal("daniel-reyes", ((IHtmlSelectElement)openPage.QuerySelector("#cycle-manager")!).Value);
        Assert.Equal("90", ((IHtmlInputElement)openPage.QuerySelector("#cycle-due")!).Value);
        Assert.Contains(openForm.Fields(), f => f.Value == "psi-co-governance");

        var opened = await client.PostFormAsync(system + "/cycles/new", openForm);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"{system}/cycles/1/send", PathOf(opened.Headers.Location!));

        // Every draft ticked, routed as the policy says: right of redress to Kwame Asante, data protection to Priya Nair
        // with fifteen working days, the rest to Daniel Reyes.
        var sendPage = await GetPageAsync(client, system + "/cycles/1/send");
        Assert.Equal(19, sendPage.QuerySelectorAll("li.cogov-send-question").Length);
        Assert.All(sendPage.QuerySelectorAll("input[type=checkbox]").OfType<IHtmlInputElement>(), box => Assert.True(box.IsChecked));
        Assert.Equal("daniel-reyes", Select(sendPage, "#q1-to"));
        Assert.Equal("kwame-asante", Select(sendPage, "#q9-to"));
        Assert.Equal("priya-nair", Select(sendPage, "#q10-to"));
        Assert.Equal("10", ((IHtmlInputElement)sendPage.QuerySelector("#q9-days")!).Value);
        Assert.Equal("15", ((IHtmlInputElement)sendPage.QuerySelector("#q10-days")!).Value);

        // Question 9 to Helen Marsh, question 19 kept back.
        var sendForm = sendPage.NamedForm("send-questions")!;
        var q9 = sendPage.QuerySelector("#q9-to")!.GetAttribute("name")!;
        var q19 = sendPage.QuerySelector("#q19-send")!.GetAttribute("name")!;
        var sent = await client.PostFormAsync(system + "/cycles/1/send", sendForm, new Dictionary<string, string?> { [q9] = "helen-marsh", [q19] = null });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await GetPageAsync(client, system);
        var questions = after.QuerySelectorAll("li.cogov-question").ToDictionary(q => q.GetAttribute("value")!, q => q.TextContent);
        Assert.Contains("Helen Marsh", questions["9"]);
        Assert.Contains("Daniel Reyes", questions["1"]);
        Assert.Contains("Priya Nair", questions["10"]);
        Assert.Contains("Not routed yet", questions["19"]);
        Assert.Equal(18, questions.Values.Count(q => q.Contains("Awaiting answer")));
        // Question 19 is still a draft, so sending is still offered.
        Assert.Contains(after.QuerySelectorAll(".cogov-page-actions a"), a => a.GetAttribute("href") == $"{system.TrimStart('/')}/cycles/1/send");
    }

    [Fact]
    public async Task SendingWithNothingTickedSendsNothingAndSaysSo()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var (_, key) = await RegisterAsync(client, "Leave Allocation Engine");
        var system = $"{Organisation}/systems/{key}";
        await client.PostFormAsync(system + "/cycles/new", (await GetPageAsync(client, system + "/cycles/new")).NamedForm("open-cycle")!);
        var sendPage = await GetPageAsync(client, system + "/cycles/1/send");
        var unticked = sendPage.QuerySelectorAll("input[type=checkbox]").ToDictionary(b => b.GetAttribute("name")!, _ => (string?)null);

        var response = await client.PostFormAsync(system + "/cycles/1/send", sendPage.NamedForm("send-questions")!, unticked);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("Tick at least one question to send.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(19, (await GetPageAsync(client, system)).QuerySelectorAll("li.cogov-question").Count(q => q.TextContent.Contains("Not sent")));
    }

    [Fact]
    public async Task AManagerGetsNoFormOnThePagesThatRegisterOpenAndSend()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var send = await GetPageAsync(client, ScreeningSend);
        var register = await GetPageAsync(client, Organisation + "/systems/new");
        var open = await GetPageAsync(client, Organisation + "/systems/rostering/cycles/new");
        var overview = await GetPageAsync(client, Organisation);

        Assert.Null(send.NamedForm("send-questions"));
        Assert.Contains("Only the workers' side sends", send.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(register.NamedForm("register-system"));
        Assert.Null(open.NamedForm("open-cycle"));
        Assert.DoesNotContain(overview.QuerySelectorAll("a"), a => a.GetAttribute("href")?.EndsWith("/systems/new", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(ScreeningSend)]
    [InlineData(Organisation + "/systems/new")]
    [InlineData(Organisation + "/systems/applicant-screening/cycles/new")]
    [InlineData(Organisation + "/chase")]
    [InlineData(Organisation + "/my-questions")]
    public async Task AStewardOfAnotherOrganisationGetsNotFound(string url)
    {
        using var client = await OtherStewardAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Riverside", body);
        Assert.DoesNotContain("CandidateMatch", body);
    }

    [Fact]
    public async Task AnUnknownCycleHasNoSendPage()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(Organisation + "/systems/applicant-screening/cycles/7/send");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, string Key)> RegisterAsync(HttpClient client, string name)
    {
        var form = (await GetPageAsync(client, Organisation + "/systems/new")).NamedForm("register-system")
            ?? throw new InvalidOperationException("The registration page has no form.");
        var response = await client.PostFormAsync(Organisation + "/systems/new", form, SystemFields(name));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registering {name} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = PathOf(response.Headers.Location!);
        var key = location[(location.IndexOf("/systems/", StringComparison.Ordinal) + "/systems/".Length)..].Split('?')[0];
        return (response, key);
    }

    private static Dictionary<string, string?> SystemFields(string name, string key = "") => new()
    {
        ["Form.Name"] = name,
        ["Form.Key"] = key,
        ["Form.Purpose"] = "Approves or flags overtime claims against rostered hours.",
        ["Form.Vendor"] = "Ledgerline Ltd",
        ["Form.Sourcing"] = "Procured",
        ["Form.ContractNotes"] = "",
        ["Form.PersonalData"] = "Overtime claims\r\nRostered hours\r\n",
        ["Form.Department"] = "Payroll",
    };

    /// <summary>Where a redirect goes, from the site's root, whether the app wrote it absolute or relative.</summary>
    internal static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/');

    private static string Select(IDocument page, string selector) => ((IHtmlSelectElement)page.QuerySelector(selector)!).Value ?? "";

    private static async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}.");
        return await CoGovWebApp.ParseAsync(response);
    }

    /// <summary>A steward of the other organisation, with a login of their own (created once, whichever test asks first).</summary>
    private async Task<HttpClient> OtherStewardAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(OtherOrganisation.AccountsFileName, OtherOrganisation.Accounts, CancellationToken.None);
        }
        return await app.SignedInClientAsync(OtherOrganisation.Steward);
    }
}
