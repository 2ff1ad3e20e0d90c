using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CoGov.Workflows.Common;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoGov.Web.Tests;

/// <summary>
/// The real app, with the demo data, on a fresh SQLite file of its own, at a fixed moment. Shared by the tests of a
/// class; each test signs in with its own client.
/// </summary>
public class CoGovWebApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool _demo;
    private readonly string _folder = Directory.CreateTempSubdirectory("cogov-web-").FullName;

    public CoGovWebApp()
        : this(demo: true)
    {
    }

    /// <param name="demo">Load the demo organisation and the other one; without them the app starts as a fresh install does.</param>
    protected CoGovWebApp(bool demo)
    {
        _demo = demo;
    }

    public string Database => Path.Combine(_folder, "cogov.db");

    /// <summary>Where the app appends the anchors of its logs (decision record 19).</summary>
    public string AnchorFile => Path.Combine(_folder, "anchors.jsonl");

    /// <summary>Where the outbox's mail lands as .eml files when delivered.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:CoGov", $"Data Source={Database}");
        builder.UseSetting("Mail:PickupFolder", MailFolder);
        builder.UseSetting("Ledger:AnchorFile", AnchorFile);
        builder.UseSetting("Seed:Demo", _demo ? "true" : "false");
        // Off unless a test asks (WithBackgroundWork): the sweep's timer and the outbox's poll would change the demo, and
        // write mail, under a test at moments it does not choose.
        builder.UseSetting("Scheduling:Enabled", "false");
        // Every test signs in and prints from the same address within seconds; the attack tests lower the limits again.
        foreach (var limit in CoGov.Web.Infrastructure.RateLimits.Names)
        {
            builder.UseSetting($"{CoGov.Web.Infrastructure.RateLimits.SectionName}:{limit}:PermitLimit", "100000");
        }
        builder.UseSetting("Mail:Deliver", "false");
        // No App:PublicOrigin: in Development the links in mails use the app's own address, http://localhost for the
        // in-memory server (decision record 17). The attack tests set one.
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        // Starts the host (the in-memory test server, or Kestrel for a derived app that asks for it): migrations and the
        // demo import run before the first request.
        StartServer();
        if (_demo)
        {
            await ImportAsync(OtherOrganisation.FileName, OtherOrganisation.File);
            // Like the demo's, the tests' logins there have no second factor; the two-factor tests turn it back on.
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoGovDbContext>();
            (await db.Organisations.SingleAsync(o => o.Key == OtherOrganisation.Key)).ChangeTwoFactorRequirement(false);
            await db.SaveChangesAsync();
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Imports an organisation file through the same command an administrator's upload uses.</summary>
    public async Task ImportAsync(string fileName, string yaml)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Workflows.Import.ImportOrganisation(fileName, yaml));
        result.ThrowIfRejected();
    }

    /// <summary>
    /// This app, on the same database and clock, with the Quartz sweep and the outbox's mail sender running as they do in
    /// production. The caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> WithBackgroundWork() => WithWebHostBuilder(builder => builder
        .UseSetting("Scheduling:Enabled", "true")
        .UseSetting("Mail:Deliver", "true"));

    /// <summary>A client signed in through the real login form, as a person would.</summary>
    public Task<HttpClient> SignedInClientAsync(string email, string password = DemoLogins.Password) =>
        SignInAsync(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, password);

    /// <summary>Signs a client of this app, or of one derived from it with other settings, in through the login form.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string email, string password = DemoLogins.Password)
    {
        var loginPage = await ParseAsync(await client.GetAsync("/Account/Login"));
        var form = loginPage.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Input.Email"))
            ?? throw new InvalidOperationException("The login page has no login form.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password));
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {response.StatusCode}.");
        }
        return client;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
