using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CoGov.Web.Tests.Components.Pages.Systems;

/// <summary>
/// The register's pages through the real forms: registering with the register's fields, reading the entry, editing it,
/// its history, conflicts and retiring. Each test that changes data registers a system of its own.
/// </summary>
public sealed class RegisterPagesTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = "/organisations/riverside-hospital";

    [Fact]
    public async Task AStewardRegistersWithTheRegistersFieldsAndReadsThemOnTheEntry()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var key = await RegisterAsync(client, "Overtime Register One");

        var entry = await GetPageAsync(client, $"{Organisation}/systems/{key}/register");
        Assert.Equal("Overtime Register One: register entry", entry.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Pilot", entry.QuerySelector(".cogov-facts [data-status]")!.GetAttribute("data-status"));
        var fields = entry.QuerySelector("dl.cogov-register-entry")!.TextContent;
        Assert.Contains("Daniel Reyes", fields);
        Assert.Contains("EU (Ireland)", fields);
        Assert.Contains("Six years.", fields);
        Assert.Contains("A payroll officer reviews every flagged claim.", fields);
        var link = entry.QuerySelector("dl.cogov-register-entry a[href='https://intranet.example/dpia']")!;
        Assert.Equal("DPIA 2026", link.TextContent.Trim());
        Assert.NotNull(entry.QuerySelector($"a[href='organisations/riverside-hospital/systems/{key}/register/history']"));
        Assert.NotNull(entry.QuerySelector($"a[href='organisations/riverside-hospital/systems/{key}/register/edit']"));
        var system = await GetPageAsync(client, $"{Organisation}/systems/{key}");
        Assert.NotNull(system.QuerySelector($"a[href='organisations/riverside-hospital/systems/{key}/register']"));
    }

    [Fact]
    public async Task ABadAddressAndContactAreRefusedAtTheirFieldsAndWhatWasTypedIsKept()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var form = (await GetPageAsync(client, Organisation + "/systems/new")).NamedForm("register-system")!;

        var fields = Fields("Overtime Register Two");
        fields["Form.Contact"] = "payroll at the hospital";
        fields["Form.ImpactAssessments"] = "DPIA intranet/dpia.pdf";

        var response = await client.PostFormAsync(Organisation + "/systems/new", form, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("'intranet/dpia.pdf' is not a web address: give the whole address of 'DPIA', starting with https:// or http://.",
            page.QuerySelector("#system-assessments-refusal")!.TextContent.Trim());
        Assert.Contains("is not an e-mail address", page.QuerySelector("#system-contact-refusal")!.TextContent);
        Assert.Contains("system-assessments-refusal", page.QuerySelector("#system-assessments")!.GetAttribute("aria-describedby"));
        Assert.Equal("DPIA intranet/dpia.pdf", ((IHtmlTextAreaElement)page.QuerySelector("#system-assessments")!).Value);
        Assert.Equal("EU (Ireland)", ((IHtmlInputElement)page.QuerySelector("#system-jurisdiction")!).Value);
    }

    [Fact]
    public async Task AnEditIsSavedAsANewVersionAndTheHistoryShowsWhatDiffers()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var key = await RegisterAsync(client, "Overtime Register Three");
        var editUrl = $"{Organisation}/systems/{key}/register/edit";
        var form = (await GetPageAsync(client, editUrl)).NamedForm("edit-system")!;
        Assert.Equal("Six years.", form.Fields().Single(f => f.Key == "Form.Retention").Value);

        var saved = await client.PostFormAsync(editUrl, form, new Dictionary<string, string?> { ["Form.Retention"] = "Two years." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Organisation}/systems/{key}/register?saved=true", SystemWorkPageTests.PathOf(saved.Headers.Location!));
        var entry = await GetPageAsync(client, $"{Organisation}/systems/{key}/register?saved=true");
        Assert.Contains("version 2", entry.QuerySelector("[role=status]")!.TextContent);
        var history = await GetPageAsync(client, $"{Organisation}/systems/{key}/register/history");
        var versions = history.QuerySelectorAll("ol.cogov-versions > li").ToList();
        Assert.Equal(["2", "1"], versions.Select(v => v.GetAttribute("data-version")));
        Assert.Contains("Amara Okafor", versions[0].TextContent);
        Assert.Contains("Changed retention.", versions[0].TextContent);
        Assert.Equal("Retention", versions[0].QuerySelector("dl.cogov-differences dt")!.TextContent.Trim());
        Assert.Equal("Six years.", versions[0].QuerySelector("dl.cogov-differences del")!.TextContent.Trim());
        Assert.Equal("Two years.", versions[0].QuerySelector("dl.cogov-differences ins")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnEditFromAFormOpenedBeforeAnotherSaveIsRefusedAsAConflict()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var key = await RegisterAsync(client, "Overtime Register Four");
        var editUrl = $"{Organisation}/systems/{key}/register/edit";
        var first = (await GetPageAsync(client, editUrl)).NamedForm("edit-system")!;
        var second = (await GetPageAsync(client, editUrl)).NamedForm("edit-system")!;
        await client.PostFormAsync(editUrl, first, new Dictionary<string, string?> { ["Form.Retention"] = "Two years." });

        var response = await client.PostFormAsync(editUrl, second, new Dictionary<string, string?> { ["Form.Retention"] = "Ten years." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("after you opened it, so nothing was saved", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Ten years.", ((IHtmlInputElement)page.QuerySelector("#system-retention")!).Value);
        var entry = await GetPageAsync(client, $"{Organisation}/systems/{key}/register");
        Assert.Contains("Two years.", entry.QuerySelector("dl.cogov-register-entry")!.TextContent);
    }

    [Fact]
    public async Task RetiringAsksForConfirmationThenTheSystemTakesNoNewCycle()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var key = await RegisterAsync(client, "Overtime Register Five");
        var statusUrl = $"{Organisation}/systems/{key}/register/status";
        var form = (await GetPageAsync(client, statusUrl)).NamedForm("retire-system")!;

        var unconfirmed = await client.PostFormAsync(statusUrl, form, new Dictionary<string, string?> { ["Retire.Reason"] = "Replaced by the new payroll." });
        var noReason = await client.PostFormAsync(statusUrl, form, new Dictionary<string, string?> { ["Retire.Confirmed"] = "true" });
        var retired = await client.PostFormAsync(statusUrl, form, new Dictionary<string, string?>
        {
            ["Retire.Reason"] = "Replaced by the new payroll.",
            ["Retire.Confirmed"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotNull((await CoGovWebApp.ParseAsync(unconfirmed)).QuerySelector("#retire-confirm-refusal"));
        Assert.Equal("Say why the system is retired.", (await CoGovWebApp.ParseAsync(noReason)).QuerySelector("#retire-reason-refusal")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var entry = await GetPageAsync(client, $"{Organisation}/systems/{key}/register");
        Assert.Equal("Retired", entry.QuerySelector(".cogov-facts [data-status]")!.GetAttribute("data-status"));
        Assert.Contains("Replaced by the new payroll.", entry.QuerySelector("ol.cogov-statuses")!.TextContent);
        Assert.Null(entry.QuerySelector($"a[href='organisations/riverside-hospital/systems/{key}/register/status']"));
        var system = await GetPageAsync(client, $"{Organisation}/systems/{key}");
        Assert.Null(system.QuerySelector($"a[href='organisations/riverside-hospital/systems/{key}/cycles/new']"));
        Assert.Equal("Retired", system.QuerySelector("[data-status]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task AManagerReadsTheEntryWithoutTheStewardsLinksAndTheEditPageSaysWhoKeepsIt()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var entry = await GetPageAsync(client, $"{Organisation}/systems/rostering/register");
        var edit = await GetPageAsync(client, $"{Organisation}/systems/rostering/register/edit");

        Assert.Null(entry.QuerySelector("a[href='organisations/riverside-hospital/systems/rostering/register/edit']"));
        Assert.NotNull(entry.QuerySelector("a[href='organisations/riverside-hospital/systems/rostering/register/history']"));
        Assert.Null(edit.NamedForm("edit-system"));
        Assert.Contains("Only the workers' side or an administrator keeps the register of systems.", edit.QuerySelector("[role=status]")!.TextContent);
    }

    private async Task<string> RegisterAsync(HttpClient client, string name)
    {
        var form = (await GetPageAsync(client, Organisation + "/systems/new")).NamedForm("register-system")!;
        var response = await client.PostFormAsync(Organisation + "/systems/new", form, Fields(name));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var path = SystemWorkPageTests.PathOf(response.Headers.Location!);
        return path.Split('/')[4].Split('?')[0];
    }

    private static Dictionary<string, string?> Fields(string name) => new()
    {
        ["Form.Name"] = name,
        ["Form.Key"] = "",
        ["Form.Purpose"] = "Approves or flags overtime claims against rostered hours.",
        ["Form.Vendor"] = "Ledgerline Ltd",
        ["Form.Sourcing"] = "Procured",
        ["Form.PersonalData"] = "Overtime claims\r\n",
        ["Form.Department"] = "Payroll",
        ["Form.Status"] = "Pilot",
        ["Form.OwnerKey"] = "daniel-reyes",
        ["Form.Contact"] = "payroll@riverside-hospital.example",
        ["Form.HumanOversight"] = "A payroll officer reviews every flagged claim.",
        ["Form.StorageJurisdiction"] = "EU (Ireland)",
        ["Form.Retention"] = "Six years.",
        ["Form.WorkersAffectedCount"] = "1200",
        ["Form.ImpactAssessments"] = "DPIA 2026 https://intranet.example/dpia",
    };

    private static async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}.");
        return await CoGovWebApp.ParseAsync(response);
    }
}
