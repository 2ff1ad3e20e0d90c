using System.Net;
using System.Net.Http.Headers;
using CoGov.Domain.Organisations;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Web.Components.Pages.Organisations;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Archives;

/// <summary>The operators' page that imports an organisation's archive (decision record 27).</summary>
public sealed class OrganisationImportPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string FormName = "import-organisation";
    private static readonly string Address = "/" + OrganisationImport.Url();

    private async Task<byte[]> HospitalArchiveAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        return await new OrganisationArchiveWriter(db).WriteAsync("riverside-hospital", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
    }

    private static MultipartFormDataContent Upload(IEnumerable<KeyValuePair<string, string>> fields, byte[] archive, string fileName = "riverside-hospital.zip")
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(archive);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        body.Add(file, $"{FormName}.file", fileName);
        return body;
    }

    private async Task<HttpClient> OperatorAsync(WebApplicationFactory<Program> operated) =>
        await CoGovWebApp.SignInAsync(operated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), DemoLogins.Tomasz);

    private async Task<(int Organisations, int Imports, int Users)> CountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        return (await db.Organisations.CountAsync(), await db.AuditEntries.CountAsync(e => e.Kind == AuditKind.OrganisationImported), await db.Users.CountAsync());
    }

    [Fact]
    public async Task AnOrganisationsAdministratorWhoIsNoOperatorGetsNotFoundAndImportsNothing()
    {
        var client = await app.SignedInClientAsync(DemoLogins.Admin);
        var archive = await HospitalArchiveAsync();
        // A token the administrator holds, from a form they may see: the import's own form is never shown to them.
        var templates = await CoGovWebApp.ParseAsync(await client.GetAsync("/" + CoGov.Web.Components.Pages.Admin.Templates.Url("riverside-hospital")));
        var token = templates.NamedForm("upload-template")!.Fields().Single(f => f.Key == "__RequestVerificationToken");
        var before = await CountsAsync(app.Services);

        var page = await client.GetAsync(Address);
        var posted = await client.PostAsync(Address, Upload([token, new("_handler", FormName)], archive));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        // The page never renders its form for them, so a post naming it is refused before any handler runs.
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(before, await CountsAsync(app.Services));
    }

    [Fact]
    public async Task AnOperatorIsShownEveryRefusalWithItsEntryAndPathAndNothingChanges()
    {
        await using var operated = app.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        var client = await OperatorAsync(operated);
        var archive = await HospitalArchiveAsync();
        var before = await CountsAsync(operated.Services);
        var form = (await CoGovWebApp.ParseAsync(await client.GetAsync(Address))).NamedForm(FormName)!;
        Assert.Equal("multipart/form-data", form.Enctype);

        var again = await CoGovWebApp.ParseAsync(await client.PostAsync(Address, Upload(form.Fields(), archive)));
        var cut = await CoGovWebApp.ParseAsync(await client.PostAsync(Address, Upload(form.Fields(), archive[..1000], "cut.zip")));

        var refusal = Assert.Single(again.QuerySelectorAll("[role=alert] li"));
        Assert.Equal((OrganisationArchive.OrganisationEntry, "$.key"), (refusal.GetAttribute("data-entry"), refusal.GetAttribute("data-where")));
        Assert.Contains("has an organisation with the key 'riverside-hospital' already", refusal.TextContent, StringComparison.Ordinal);
        Assert.Contains("riverside-hospital.zip was not imported, and nothing has changed.", again.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cut short", Assert.Single(cut.QuerySelectorAll("[role=alert] li")).TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(operated.Services));
    }

    [Fact]
    public async Task AnOperatorOfAFreshInstanceImportsAnOrganisationExportedFromAnother()
    {
        var archive = await HospitalArchiveAsync();
        await using var fresh = await FreshCoGovWebApp.StartAsync();
        await using var operated = fresh.WithWebHostBuilder(builder => builder.UseSetting("CoGov:Operators:0", DemoLogins.Tomasz));
        await using (var scope = operated.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
            Assert.True((await users.CreateAsync(new CoGovUser { UserName = DemoLogins.Tomasz, Email = DemoLogins.Tomasz, EmailConfirmed = true }, DemoLogins.Password)).Succeeded);
        }
        var client = await OperatorAsync(operated);
        var form = (await CoGovWebApp.ParseAsync(await client.GetAsync(Address))).NamedForm(FormName)!;

        var posted = await client.PostAsync(Address, Upload(form.Fields(), archive));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith("/" + OrganisationImport.Url("riverside-hospital"), posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var done = await CoGovWebApp.ParseAsync(await client.GetAsync(posted.Headers.Location));
        Assert.Contains("The organisation riverside-hospital is imported", done.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var (organisations, imports, _) = await CountsAsync(operated.Services);
        Assert.Equal((1, 1), (organisations, imports));
    }
}
