using CoGov.Domain.Organisations;
using CoGov.Workflows.People;
using CoGov.Workflows.Templates;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CoGov.E2E.Tests.KeyboardAndDraftsTests;

namespace CoGov.E2E.Tests;

/// <summary>
/// The administration of an organisation's people, committee, audit log and members, on a 360 px phone and by keyboard
/// alone: axe-core finds nothing serious or critical, nothing scrolls sideways, and every change is made with Tab and Enter.
/// </summary>
public sealed class AdministrationPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Org = $"organisations/{DemoLogins.Organisation}";

    [Theory]
    [InlineData("people", $"{Org}/admin/people")]
    [InlineData("person", $"{Org}/admin/people/kwame-asante")]
    [InlineData("committee-seats", $"{Org}/admin/committee")]
    [InlineData("audit", $"{Org}/admin/audit")]
    public async Task AdministrationPageIsAccessibleAndFitsAPhone(string name, string path)
    {
        // The audit log with an entry in it, as it reads once anything has been changed.
        await app.SendAsSystemAsync(new AddPerson(DemoLogins.Organisation, $"Audit Reader {name}", $"reader.{name}@riverside-hospital.example", Side.Workers, "Union representative"));
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);

        Assert.Equal(200, (await page.GotoAsync(path))!.Status);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();

        await MainPagesTests.AssertAccessibleAsync(page);
        await MainPagesTests.AssertFitsAsync(page, $"admin-{name}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheConfirmationOfARemovalIsAccessibleAndFitsAPhone()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Priya Nair from the organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove Priya Nair and lock the login" })).ToBeVisibleAsync();

        await MainPagesTests.AssertAccessibleAsync(page);
        await MainPagesTests.AssertFitsAsync(page, "admin-members-removal");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorAddsAPersonSavesTheCommitteeReadsTheAuditLogAndRemovesAMemberWithTheKeyboardAlone()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/admin/people");

        await TabToAsync(page, "e => e.id === 'add-name'");
        await page.Keyboard.TypeAsync("Grace Otieno");
        await TabToAsync(page, "e => e.id === 'add-email'");
        await page.Keyboard.TypeAsync("grace.otieno@riverside-hospital.example");
        // Into the side's radio group, then the arrow key moves the choice to management, as in any radio group.
        await TabToAsync(page, "e => e.id === 'add-side-workers'");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "e => e.id === 'add-title'");
        await page.Keyboard.TypeAsync("Ward manager");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Add the person'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Grace Otieno is added.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Management side" })).ToContainTextAsync("Grace Otieno");

        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'Joint committee'");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Save the committee'");
        await page.Keyboard.PressAsync(" ");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The committee's new seats are saved.");

        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'Audit log'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("li[data-kind='PersonAdded']").Filter(new() { HasText = "Grace Otieno" })).ToHaveCountAsync(1);

        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'Members and roles'");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "e => e.tagName === 'A' && e.textContent.trim() === 'Remove Kwame Asante from the organisation'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Remove Kwame Asante from this organisation?");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Remove Kwame Asante'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{DemoLogins.Kwame} is removed from this organisation.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorRemovesAHolidayAndSavesANewPolicyVersionWithTheKeyboardAlone()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/admin/policy/calendar");
        var firstHoliday = await page.Locator("li[data-holiday]").First.GetAttributeAsync("data-holiday");

        await TabToAsync(page, "e => e.type === 'checkbox' && e.name === 'Form.Remove[0]'");
        await page.Keyboard.PressAsync(" ");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim().startsWith('Save as version')");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is in force.");
        await Expect(page.Locator($"li[data-holiday='{firstHoliday}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorSetsTheCommitteesQuorumWithTheKeyboardAlone()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/admin/committee");

        await TabToAsync(page, "e => e.id === 'quorum-minimum'");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2");
        await TabToAsync(page, "e => e.id === 'quorum-equal'");
        await page.Keyboard.PressAsync(" ");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Save the quorum'");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The committee's new quorum is saved.");
        await Expect(page.Locator("section[aria-labelledby=quorum] .cogov-hint").First).ToContainTextAsync("at least 2 present from each side, in any proportion");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AStewardCorrectsASystemsRegisterEntryWithTheKeyboardAlone()
    {
        var page = await app.SignedInPageAsync(DemoLogins.Steward, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/systems/rostering/register/edit");

        await TabToAsync(page, "e => e.id === 'system-department'");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Nursing and midwifery");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Save the changes'");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The register entry is saved as version");
        await Expect(page.Locator("main")).ToContainTextAsync("Nursing and midwifery");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorAdoptsTheirOwnTemplateAfterConfirmingWithTheKeyboardAlone()
    {
        (await app.SendAsSystemAsync(new ImportQuestionnaireTemplate(DemoLogins.Organisation, "keyboard-survey.yaml", """
            key: keyboard-survey
            version: 1
            languages: [en]
            title:
              en: Keyboard survey
            themes:
              - key: first
                title:
                  en: First
                rationale:
                  en: Why first.
                questions:
                  - number: 1
                    text:
                      en: How are night shifts allocated?
            """))).ThrowIfRejected();
        var page = await app.SignedInPageAsync(DemoLogins.Admin, width: MainPagesTests.PhoneWidth);
        await page.GotoAsync($"{Org}/admin/templates");

        await TabToAsync(page, "e => e.tagName === 'A' && e.closest('[data-questionnaire=keyboard-survey]') !== null && e.textContent.trim() === 'Adopt version 1'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".cogov-adopt-form [role=alert]")).ToContainTextAsync("Adopt version 1 of Keyboard survey?");
        await TabToAsync(page, "e => e.tagName === 'BUTTON' && e.closest('.cogov-adopt-form') !== null");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The next cycles of Keyboard survey open on version 1");
        await Expect(page.Locator("[data-questionnaire=keyboard-survey] .cogov-in-use")).ToContainTextAsync("In use: version 1");
        await page.Context.CloseAsync();
    }
}
