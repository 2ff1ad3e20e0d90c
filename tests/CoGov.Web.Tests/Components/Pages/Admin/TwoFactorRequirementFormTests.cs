using System.Net;
using CoGov.Domain.Organisations;
using CoGov.Fixtures;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Admin;

/// <summary>The members page's form for whether administrators and chairs need a second factor.</summary>
public sealed class TwoFactorRequirementFormTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string MembersPage = "/organisations/riverside-hospital/admin";

    [Fact]
    public async Task AnAdministratorRequiresASecondFactorFromTheMembersPageItIsAuditedAndTheirOwnPasswordNoLongerSuffices()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        var page = await CoGovWebApp.ParseAsync(await admin.GetAsync(MembersPage));
        Assert.Contains("Not required", page.QuerySelector("#two-factor")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var response = await admin.PostFormAsync(MembersPage, page.NamedForm("two-factor-requirement")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            Assert.True((await db.Organisations.SingleAsync(o => o.Key == DemoLogins.Organisation)).TwoFactorRequired);
            var entry = await db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.TwoFactorRequirementChanged);
            Assert.NotEqual("CoGov", entry.By);
            Assert.StartsWith("Required a second factor", entry.Text, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync(MembersPage)).StatusCode);
    }
}
