using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using CoGov.Domain.Systems;
using CoGov.Web.Components.Pages.Cycles;
using CoGov.Web.Components.Pages.Systems;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using RegisterSystem = CoGov.Workflows.Systems.RegisterSystem;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A member whose side and committee seat the model would let act, but whose administrator took their roles away
/// (Tomasz Nowak, a workers'-side committee member, here with no role at all): the system, new-cycle, send and sign-off
/// pages offer him no form, and the form he posts anyway, copied from a steward's or a chair's page with his own
/// antiforgery token, is refused (400: the page he is shown has no such form) and writes nothing.
/// </summary>
[Trait("Category", "Attack")]
public sealed class RolelessMemberAttackTests(RolelessMemberAttackTests.App app) : IClassFixture<RolelessMemberAttackTests.App>
{
    private const string R = DemoLogins.Organisation;

    [Fact]
    public async Task TheSystemPageOffersARolelessMemberNeitherSendingNorOpeningACycle()
    {
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        using var amara = await app.SignedInClientAsync(DemoLogins.Amara);

        var drafts = await PageAsync(tomasz, SystemQuestions.Url(R, "applicant-screening"));
        var unassessed = await PageAsync(tomasz, SystemQuestions.Url(R, App.Unassessed));
        var stewardsDrafts = await PageAsync(amara, SystemQuestions.Url(R, "applicant-screening"));
        var stewardsUnassessed = await PageAsync(amara, SystemQuestions.Url(R, App.Unassessed));

        Assert.Empty(Links(drafts, SendCycle.Url(R, "applicant-screening", 1)));
        Assert.Empty(Links(unassessed, NewCycle.Url(R, App.Unassessed)));
        // What every one of the organisation's people may do is still offered: keeping the record.
        Assert.NotNull(drafts.QuerySelector($"form input[name=_handler][value='{CoGov.Web.Components.Pages.Records.AssessmentRecordPage.GenerateForm}']"));
        Assert.Single(Links(stewardsDrafts, SendCycle.Url(R, "applicant-screening", 1)));
        Assert.Single(Links(stewardsUnassessed, NewCycle.Url(R, App.Unassessed)));
    }

    [Fact]
    public async Task TheNewCyclePageOffersARolelessMemberNoFormSaysWhichRoleItNeedsAndTheFormPostedAnywayOpensNothing()
    {
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        using var amara = await app.SignedInClientAsync(DemoLogins.Amara);
        var url = "/" + NewCycle.Url(R, App.Unassessed);

        var page = await PageAsync(tomasz, url);
        var stewardsForm = (await PageAsync(amara, url)).NamedForm("open-cycle")!;

        Assert.Null(page.NamedForm("open-cycle"));
        Assert.Contains(page.QuerySelectorAll("main [role=status]"), s => s.TextContent.Contains("needs the Steward role", StringComparison.Ordinal));
        await AssertRefusedAndNothingWrittenAsync(tomasz, url, stewardsForm!);
    }

    [Fact]
    public async Task TheSendPageOffersARolelessMemberNoFormAndTheFormPostedAnywaySendsNothing()
    {
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        using var amara = await app.SignedInClientAsync(DemoLogins.Amara);
        var url = "/" + SendCycle.Url(R, "applicant-screening", 1);

        var page = await PageAsync(tomasz, url);
        var stewardsForm = (await PageAsync(amara, url)).QuerySelector("main form[method=post]") as IHtmlFormElement;

        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        Assert.Contains(page.QuerySelectorAll("main [role=status]"), s => s.TextContent.Contains("needs the Steward role", StringComparison.Ordinal));
        Assert.NotNull(stewardsForm);
        await AssertRefusedAndNothingWrittenAsync(tomasz, url, stewardsForm!);
    }

    [Fact]
    public async Task TheSignOffPageOffersARolelessCommitteeMemberNoCountersignatureAndTheFormPostedAnywaySignsNothing()
    {
        using var tomasz = await app.SignedInClientAsync(DemoLogins.Tomasz);
        using var leila = await app.SignedInClientAsync(DemoLogins.Leila);
        var url = "/" + CycleSignOff.Url(R, App.Signed, 1);

        var page = await PageAsync(tomasz, url);
        var chairsForm = (await PageAsync(leila, url)).NamedForm("countersign");

        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        Assert.NotNull(chairsForm);
        await AssertRefusedAndNothingWrittenAsync(tomasz, url, chairsForm!,
            new() { ["CountersignInput.Statement"] = "Countersigned by someone the committee took the role from." });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        Assert.Equal(1, await db.Assessments.Where(a => db.Systems.Any(s => s.Id == a.SystemId && s.Key == App.Signed)).SelectMany(a => a.SignOffs).CountAsync());
    }

    /// <summary>
    /// Posts another member's form as <paramref name="client"/>, with the antiforgery token of the client's own session
    /// (from the record's print form, which every one of the organisation's people is offered), as a copied form would.
    /// </summary>
    private async Task AssertRefusedAndNothingWrittenAsync(HttpClient client, string url, IHtmlFormElement othersForm,
        Dictionary<string, string?>? changes = null)
    {
        var token = (await PageAsync(client, SystemQuestions.Url(R, "applicant-screening"))).QuerySelector($"form input[name={AttackSurface.AntiforgeryField}]")!.GetAttribute("value");
        var fields = othersForm.Fields(changes);
        fields.RemoveAll(f => f.Key == AttackSurface.AntiforgeryField);
        fields.Add(new(AttackSurface.AntiforgeryField, token!));
        var before = await AttackSurface.FingerprintAsync(app);

        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));

        // The page renders for him without the form, so no handler of it runs and no command is sent: the pipeline's
        // own refusal of the role (the command matrix's Forbidden) is never even reached.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no form on the page currently has that name", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url.StartsWith('/') ? url : "/" + url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await CoGovWebApp.ParseAsync(response);
    }

    private static IEnumerable<AngleSharp.Dom.IElement> Links(AngleSharp.Dom.IDocument page, string address) =>
        page.QuerySelectorAll("main a").Where(a => a.GetAttribute("href") == address);

    /// <summary>
    /// The hospital with Tomasz's roles taken away, a system not assessed yet, and a system whose first cycle management
    /// has signed off, waiting on the workers' side's countersignature.
    /// </summary>
    public sealed class App : CoGovWebApp, IAsyncLifetime
    {
        public const string Unassessed = "roleless-unassessed";
        public const string Signed = "roleless-signed";

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
                var tomasz = await AttackSurface.UserIdAsync(this, DemoLogins.Tomasz);
                (await db.Memberships.SingleAsync(m => m.UserId == tomasz)).SetRoles([]);
                await db.SaveChangesAsync();
            }
            await SendAsAsync(DemoLogins.Amara, new RegisterSystem(R, Unassessed, "Roleless Unassessed", "Decides.", "Vendor", Sourcing.Procured, null, [], "Operations"));
            await SendAsAsync(DemoLogins.Amara, new RegisterSystem(R, Signed, "Roleless Signed", "Decides.", "Vendor", Sourcing.Procured, null, [], "Operations"));
            await SendAsAsync(DemoLogins.Amara, new OpenCycle(R, Signed, "psi-co-governance", "kwame-asante"));
            // The questions are all drafts: withdrawing them settles the cycle without waiting on anyone.
            foreach (var number in Enumerable.Range(1, 19))
            {
                await SendAsAsync(DemoLogins.Amara, new WithdrawQuestion(R, Signed, 1, number, "Not needed in this cycle."));
            }
            await SendAsAsync(DemoLogins.Kwame, new SignOffCycle(R, Signed, 1, "Management signs off."));
        }

        private async Task SendAsAsync(string email, object request)
        {
            await using var scope = Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email);
            ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoGovUser>>().CreateAsync(user!);
            scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(principal);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
    }
}
