using System.Net;
using CoGov.Web.Components.Pages.Admin;
using CoGov.Web.Components.Pages.Organisations;
using CoGov.Web.Setup;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Organisations;

/// <summary>The first run: the setup address the app prints on a database with no organisation, and its page.</summary>
public sealed class FirstOrganisationTests
{
    private const string Password = "First-run-2026!";

    private static readonly Dictionary<string, string?> Filled = new()
    {
        ["Form.Name"] = "Northfield Council",
        ["Form.Key"] = "northfield",
        ["Form.CommitteeName"] = "Northfield Joint Committee",
        ["Form.Language"] = "en",
        ["Form.Country"] = "GB",
        ["Form.AdminName"] = "Rosa Lind",
        ["Form.AdminEmail"] = "rosa.lind@northfield.example",
        ["Form.AdminSide"] = "Workers",
        ["Form.AdminTitle"] = "Branch secretary",
        ["Form.Password"] = Password,
        ["Form.ConfirmPassword"] = Password,
    };

    [Fact]
    public async Task AFreshInstallPrintsOneSetupAddressWhoseTokenOpensTheSetupPage()
    {
        await using var app = await FreshCoGovWebApp.StartAsync();

        var token = Assert.Single(app.PrintedSetupTokens);
        var response = await Client(app).GetAsync("/" + FirstOrganisation.Url(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await CoGovWebApp.ParseAsync(response)).NamedForm("first-organisation"));
    }

    [Fact]
    public async Task TheSetupAddressIsNotFoundWithoutItsTokenWithAWrongOneOrOnceItHasRunOut()
    {
        await using var app = await FreshCoGovWebApp.StartAsync();
        var token = Assert.Single(app.PrintedSetupTokens);
        var client = Client(app);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + FirstOrganisation.Url(token[..^2] + "xx"))).StatusCode);
        app.Clock.Advance(SetupToken.Lifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + FirstOrganisation.Url(token))).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/" + FirstOrganisation.Url(token))).StatusCode);
    }

    [Fact]
    public async Task TheSetupAddressIsNotFoundOnceAnOrganisationExistsEvenWithAValidToken()
    {
        await using var app = new CoGovWebApp();
        await app.InitializeAsync();
        // The demo instance printed none; a token issued now is valid but has nothing to set up.
        var token = app.Services.GetRequiredService<SetupToken>().Issue();

        var response = await Client(app).GetAsync("/" + FirstOrganisation.Url(token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SettingUpCreatesTheOrganisationAndItsAdministratorWhoIsSignedInAndAdministersIt()
    {
        await using var app = await FreshCoGovWebApp.StartAsync();
        var token = Assert.Single(app.PrintedSetupTokens);
        var client = Client(app);
        var address = "/" + FirstOrganisation.Url(token);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(address));

        var response = await client.PostFormAsync(address, page.NamedForm("first-organisation")!, Filled);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/" + Organisation.Url("northfield"), response.Headers.Location!.OriginalString);
        // Signed in, but a new organisation requires a second factor of its administrator: they set one up first (decision record 16).
        var first = await client.GetAsync("/" + Members.Url("northfield"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.EndsWith(CoGov.Web.Components.Account.Pages.Manage.TwoFactorAuthentication.Url("northfield"), first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Used: the address is gone, with its token or any other.
        Assert.Equal(HttpStatusCode.NotFound, (await Client(app).GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client(app).GetAsync("/" + FirstOrganisation.Url(app.Services.GetRequiredService<SetupToken>().Issue()))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var organisation = await db.Organisations.Include(o => o.People).SingleAsync();
        Assert.Equal(("northfield", "Northfield Council", "GB"), (organisation.Key, organisation.Name, organisation.Country));
        var person = Assert.Single(organisation.People);
        Assert.Equal(("Rosa Lind", "Branch secretary", "rosa.lind@northfield.example"), (person.Name, person.Title, person.Email));
        var login = await db.Users.SingleAsync();
        Assert.True(login.EmailConfirmed);
        var membership = await db.Memberships.SingleAsync();
        Assert.Equal((login.Id, organisation.Id, person.Id), (membership.UserId, membership.OrganisationId, membership.PersonId));
        Assert.Equal([Roles.Steward, Roles.Admin], membership.Roles);
        Assert.True(await db.RoutingPolicies.AnyAsync(p => p.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task TheSetupOffersAPasskeyAndTickingItLeadsTheSignedInAdministratorToAddingOne()
    {
        await using var app = await FreshCoGovWebApp.StartAsync();
        var client = Client(app);
        var address = "/" + FirstOrganisation.Url(Assert.Single(app.PrintedSetupTokens));
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(address));
        Assert.Contains("Add a passkey next", page.QuerySelector("label[for=add-passkey]")?.TextContent);

        var response = await client.PostFormAsync(address, page.NamedForm("first-organisation")!,
            new Dictionary<string, string?>(Filled) { ["Form.AddPasskey"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/" + CoGov.Web.Components.Account.Pages.Manage.Passkeys.Url(), response.Headers.Location!.OriginalString);
        var passkeys = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Contains("Northfield Council is set up and you are its administrator.", passkeys.Body!.TextContent);
        // The button the browser's passkey script takes over, in the form that stores the new passkey.
        Assert.NotNull(passkeys.NamedForm("add-passkey")?.QuerySelector("button[name=__passkeySubmit]"));
        Assert.NotNull(passkeys.QuerySelector("passkey-submit[operation=Create]"));
    }

    [Fact]
    public async Task TheSetupFormKeepsWhatWasTypedAndNamesTheFieldItRefuses()
    {
        await using var app = await FreshCoGovWebApp.StartAsync();
        var token = Assert.Single(app.PrintedSetupTokens);
        var client = Client(app);
        var address = "/" + FirstOrganisation.Url(token);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(address));

        var response = await client.PostFormAsync(address, page.NamedForm("first-organisation")!, new Dictionary<string, string?>(Filled) { ["Form.Key"] = "Not A Key" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await CoGovWebApp.ParseAsync(response);
        Assert.Contains("'Not A Key' is not a valid organisation key", refused.GetElementById("organisation-key-refusal")?.TextContent);
        Assert.Equal("Northfield Council", (refused.QuerySelector("#organisation-name") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        Assert.Equal(0, await CountOrganisationsAsync(app));
    }

    [Fact]
    public async Task TwoSetupPostsAtOnceCreateExactlyOneOrganisation()
    {
        await using var fresh = await FreshCoGovWebApp.StartAsync();
        var barrier = new Barrier(2);
        // Both commands are held until the other has arrived too, so they reach the engine together.
        await using var app = fresh.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPipelineBehavior<CreateOrganisation, CreatedOrganisation>>(new HeldTogether(barrier))));
        // This host printed an address of its own, with a token of its own.
        _ = app.Server;
        var token = fresh.PrintedSetupTokens[^1];
        var address = "/" + FirstOrganisation.Url(token);
        var clients = new[] { Client(app), Client(app) };
        var forms = await Task.WhenAll(clients.Select(async c => (await CoGovWebApp.ParseAsync(await c.GetAsync(address))).NamedForm("first-organisation")!));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostFormAsync(address, forms[i], new Dictionary<string, string?>(Filled)
        {
            ["Form.Key"] = $"northfield-{i}",
            ["Form.AdminEmail"] = $"admin{i}@northfield.example",
        })));

        Assert.Equal(1, await CountOrganisationsAsync(app));
        // Both commands were held at the barrier and let go together.
        Assert.Equal(1, barrier.CurrentPhaseNumber);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.NotFound], responses.Select(r => r.StatusCode).Order());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.CountAsync());
    }

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Rows in the table itself, not what the model would filter.</summary>
    private static async Task<int> CountOrganisationsAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Database
            .SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"Organisations\"").SingleAsync();
    }

    private sealed class HeldTogether(Barrier barrier) : IPipelineBehavior<CreateOrganisation, CreatedOrganisation>
    {
        public ValueTask<CreatedOrganisation> Handle(CreateOrganisation message, MessageHandlerDelegate<CreateOrganisation, CreatedOrganisation> next, CancellationToken cancellationToken)
        {
            if (!barrier.SignalAndWait(TimeSpan.FromSeconds(30), cancellationToken))
            {
                throw new TimeoutException("The other setup never arrived.");
            }
            return next(message, cancellationToken);
        }
    }
}
