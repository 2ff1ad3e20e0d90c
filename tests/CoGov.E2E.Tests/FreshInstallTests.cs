using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoGov.E2E.Tests;

/// <summary>
/// Issue 10's "done when", in the browser alone: a brand-new instance (no seed, no demo) is set up through the address
/// it printed, its administrator adds the people and seats the committee, invites a steward and a manager who accept
/// from their mail, the steward registers a system and sends its first cycle, and the manager answers. No file is used.
/// </summary>
public sealed partial class FreshInstallTests(FreshBrowserApp app) : IClassFixture<FreshBrowserApp>
{
    private const string Org = "organisations/eastmoor";
    private const string Steward = "sam.okoye@eastmoor.example";
    private const string Manager = "mina.patel@eastmoor.example";

    [Fact]
    public async Task AFreshInstallGoesFromItsSetupAddressToASentCycleAndAnAnswerInTheBrowserAlone()
    {
        // The administrator copies the address from the console and creates the organisation and their login.
        var admin = await app.AnonymousPageAsync();
        await admin.GotoAsync(app.PrintedSetupAddress);
        await admin.GetByLabel("Name of the organisation").FillAsync("Eastmoor District Council");
        await admin.GetByLabel("Key", new() { Exact = true }).FillAsync("eastmoor");
        await admin.GetByLabel("Name of the joint committee").FillAsync("Eastmoor Joint Committee");
        await admin.GetByLabel("Your name").FillAsync("Rosa Lind");
        await admin.GetByLabel("E-mail address").FillAsync("rosa.lind@eastmoor.example");
        await admin.GetByLabel("Title (optional)").FillAsync("Branch secretary");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync("Eastmoor-admin-2026!");
        await admin.GetByLabel("The same password again").FillAsync("Eastmoor-admin-2026!");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the organisation and sign in" }).ClickAsync();
        // A new organisation requires a second factor of its administrator (decision record 16): an authenticator app first.
        await Expect(admin).ToHaveURLAsync(new Regex("/Account/Manage/TwoFactorAuthentication\\?requiredBy=eastmoor$"));
        await Authenticator.EnrolAsync(admin);
        await admin.GotoAsync(app.BaseUrl + Org);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Eastmoor District Council");

        // The people on both sides; Mina's overdue questions escalate to Boris.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await AddPersonAsync(admin, "Sam Okoye", Steward, management: false, "Union steward, Highways");
        await AddPersonAsync(admin, "Wendy Walsh", "wendy.walsh@eastmoor.example", management: false, "Union representative, Housing");
        await AddPersonAsync(admin, "Boris Lang", "boris.lang@eastmoor.example", management: true, "Director of Resources");
        await AddPersonAsync(admin, "Mina Patel", Manager, management: true, "Head of Digital", superior: "Boris Lang");
        await AddPersonAsync(admin, "Olga Berg", "olga.berg@eastmoor.example", management: true, "HR Business Partner");
        await Expect(admin.Locator("li[data-person='mina-patel']")).ToContainTextAsync("reports to Boris Lang");

        // The committee: two seats a side, a chair each.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Joint committee" }).ClickAsync();
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Rosa Lind" }).SelectOptionAsync(new SelectOptionValue { Label = "Chair" });
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Wendy Walsh" }).SelectOptionAsync(new SelectOptionValue { Label = "Member" });
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Boris Lang" }).SelectOptionAsync(new SelectOptionValue { Label = "Chair" });
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Olga Berg" }).SelectOptionAsync(new SelectOptionValue { Label = "Member" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the committee" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The committee's new seats are saved.");
        await Expect(admin.GetByRole(AriaRole.List, new() { Name = "Management side" })).ToContainTextAsync("Boris Lang (the side's chair)");

        // The steward and the manager are invited; each invitation goes to the address on their record.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Members and roles" }).ClickAsync();
        await InviteAsync(admin, "Sam Okoye, Union steward, Highways", "Steward", Steward);
        await InviteAsync(admin, "Mina Patel, Head of Digital", "Manager", Manager);
        await Screenshots.SaveAsync(admin, "fresh-01-members");
        await admin.Context.CloseAsync();

        // The steward accepts from the mail, registers a system, opens its first cycle and sends it.
        var steward = await AcceptAsync(Steward, "Sam-steward-2026!");
        await steward.GetByRole(AriaRole.Link, new() { Name = "Eastmoor District Council" }).ClickAsync();
        await steward.GetByRole(AriaRole.Link, new() { Name = "Register a system" }).ClickAsync();
        await steward.GetByLabel("Name", new() { Exact = true }).FillAsync("StreetScan");
        await steward.GetByLabel("Purpose").FillAsync("Flags potholes from refuse-lorry cameras and schedules highway crews to repair them.");
        await steward.GetByLabel("Developer or vendor").FillAsync("Roadsense Ltd");
        await steward.GetByLabel("Department", new() { Exact = true }).FillAsync("Highways");
        await steward.GetByRole(AriaRole.Button, new() { Name = "Register the system" }).ClickAsync();
        await Expect(steward.GetByRole(AriaRole.Status)).ToContainTextAsync("StreetScan is on the register.");

        await steward.GetByRole(AriaRole.Link, new() { Name = "Open the first cycle" }).ClickAsync();
        await steward.GetByLabel(CoGovernanceQuestionnaire()).CheckAsync();
        await steward.GetByLabel("Accountable manager who signs the cycle off").SelectOptionAsync(new SelectOptionValue { Label = "Mina Patel, Head of Digital" });
        await steward.GetByRole(AriaRole.Button, new() { Name = "Open the cycle" }).ClickAsync();

        // A new organisation's policy names no one yet: the steward chooses Mina for every question.
        var managers = steward.GetByRole(AriaRole.Combobox, new() { Name = "Accountable manager", Exact = true });
        await Expect(managers).ToHaveCountAsync(19);
        for (var i = 0; i < 19; i++)
        {
            await managers.Nth(i).SelectOptionAsync(new SelectOptionValue { Label = "Mina Patel, Head of Digital" });
        }
        await steward.GetByRole(AriaRole.Button, new() { Name = "Send the ticked questions" }).ClickAsync();
        await Expect(steward.Locator(".cogov-question").GetByText("Awaiting answer", new() { Exact = true })).ToHaveCountAsync(19);
        await Screenshots.SaveAsync(steward, "fresh-02-sent");
        await steward.Context.CloseAsync();

        // The manager accepts from the mail and answers question 1 from their list.
        var manager = await AcceptAsync(Manager, "Mina-manager-2026!");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Eastmoor District Council" }).ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "My questions" }).ClickAsync();
        await manager.Locator("li[data-question='streetscan-1-1']").GetByRole(AriaRole.Link).ClickAsync();
        await manager.GetByLabel("Your answer").FillAsync("Roadsense's model ranks defects by size and traffic; Highways sets the thresholds.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer is in the record.");
        await Screenshots.SaveAsync(manager, "fresh-03-answered");
        await manager.Context.CloseAsync();
    }

    private static async Task AddPersonAsync(IPage admin, string name, string email, bool management, string title, string? superior = null)
    {
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("E-mail address").FillAsync(email);
        await admin.GetByLabel(management ? "Management side (an accountable manager)" : "Workers' side (a steward or representative)").CheckAsync();
        await admin.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        if (superior is not null)
        {
            await admin.GetByLabel("Superior (managers only)").SelectOptionAsync(new SelectOptionValue { Label = $"{superior}, Director of Resources" });
        }
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add the person" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is added.");
    }

    private static async Task InviteAsync(IPage admin, string person, string role, string email)
    {
        await admin.GetByLabel("Who they are").SelectOptionAsync(new SelectOptionValue { Label = person });
        await admin.GetByRole(AriaRole.Group, new() { Name = "Roles", Exact = true }).GetByLabel(role, new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"An invitation has gone to {email}.");
    }

    /// <summary>A fresh browser, as on the invited person's own device: the link from their mail, then their own password.</summary>
    private async Task<IPage> AcceptAsync(string email, string password)
    {
        var page = await app.AnonymousPageAsync();
        await page.GotoAsync(FreshBrowserApp.LinkIn(app.LatestMailTo(email)));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("The same password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My organisations" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The PSI questionnaire, whichever version the organisation adopted.</summary>
    [GeneratedRegex(@"Co-Governance of Algorithmic Systems \(version \d+, 19 questions\)")]
    private static partial Regex CoGovernanceQuestionnaire();
}
