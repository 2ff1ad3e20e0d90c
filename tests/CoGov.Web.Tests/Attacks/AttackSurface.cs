using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Records;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// What an attacker can aim at, read from the app itself: every page that belongs to an organisation (from the
/// <c>@page</c> routes of its components, so a page added later is attacked without anyone remembering), filled with the
/// real keys of one organisation.
/// </summary>
internal static partial class AttackSurface
{
    /// <summary>The route templates of every page about an organisation, as the components declare them.</summary>
    public static IReadOnlyList<string> OrganisationRouteTemplates { get; } = [.. typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template)
        .Where(t => t.Contains("{OrganisationKey}", StringComparison.Ordinal))
        .Distinct()
        .Order(StringComparer.Ordinal)];

    /// <summary>Real keys of one organisation, one per kind of route parameter.</summary>
    public sealed record Keys(string OrganisationKey, string SystemKey, int Cycle, int Number, string PersonKey);

    public static readonly Keys Riverside = new(DemoLogins.Organisation, "rostering", 2, 6, "amara-okafor");

    public static readonly Keys Northfield = new(OtherOrganisation.Key, OtherOrganisation.SystemKey, 1, 1, "sam-ode");

    /// <summary>Every organisation page, its parameters filled with <paramref name="keys"/>; a parameter not known fails loudly.</summary>
    public static IReadOnlyList<string> PagesOf(Keys keys) => [.. OrganisationRouteTemplates.Select(template => RouteParameter().Replace(template, m => m.Groups[1].Value switch
    {
        "OrganisationKey" => Uri.EscapeDataString(keys.OrganisationKey),
        "SystemKey" => Uri.EscapeDataString(keys.SystemKey),
        "Cycle" => keys.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "Number" => keys.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "PersonKey" => Uri.EscapeDataString(keys.PersonKey),
        var name => throw new InvalidOperationException($"Say which real value of the organisation fills {{{name}}} in {template}."),
    }))];

    /// <summary>A login for Northfield's steward (Sam Ode), so attacks can aim at a real login of the other organisation.</summary>
    public static async Task<string> NorthfieldStewardUserIdAsync(CoGovWebApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Workflows.Seeding.DemoAccounts>()
            .EnsureAsync(OtherOrganisation.AccountsFileName, OtherOrganisation.Accounts, CancellationToken.None);
        return await UserIdAsync(app, OtherOrganisation.Steward);
    }

    public static async Task<string> UserIdAsync(CoGovWebApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// Keeps a PDF for the organisation, as printing one would (no browser needed to download it), and returns its
    /// download address.
    /// </summary>
    public static async Task<string> StoreARecordAsync(CoGovWebApp app, string organisationKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var organisation = await db.Organisations.Include(o => o.People).SingleAsync(o => o.Key == organisationKey);
        var by = organisation.People.First();
        var record = new StoredRecord(RecordKind.MeetingPack, organisation.Id, null, null, null, new DateOnly(2026, 11, 23),
            "meeting-pack.pdf", Encoding.ASCII.GetBytes($"%PDF-1.7 secret of {organisationKey}"), by.Id, by.Name, app.Clock.GetUtcNow(), null);
        db.Add(record);
        await db.SaveChangesAsync();
        return $"/organisations/{Uri.EscapeDataString(organisationKey)}/records/{record.Id:D}/download";
    }

    /// <summary>
    /// Everything the app has stored or sent, in one string: each table's rows (every column, hashed in key order),
    /// which covers the log entries, the outbox and the audit log; and the mail written to the pickup folder. Two equal
    /// fingerprints mean nothing was written in between.
    /// </summary>
    public static async Task<string> FingerprintAsync(CoGovWebApp app)
    {
        var parts = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={app.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1;";
                await using var reader = await command.ExecuteReaderAsync();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        hash.AppendData(Encoding.UTF8.GetBytes(reader.IsDBNull(i) ? "\0null\0" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\0"));
                    }
                }
                parts.Add($"{table}:{rows}:{Convert.ToHexString(hash.GetHashAndReset())[..16]}");
            }
        }
        var mail = Path.Combine(Path.GetDirectoryName(app.Database)!, "mail");
        parts.Add($"mail:{(Directory.Exists(mail) ? Directory.GetFiles(mail).Length : 0)}");
        return string.Join(Environment.NewLine, parts);
    }

    /// <summary>
    /// The forms on each page of <paramref name="pages"/> as <paramref name="client"/> sees them, with the fields a browser
    /// would send (the antiforgery token of that client's session among them).
    /// </summary>
    public static async Task<IReadOnlyList<(string Page, string Handler, List<KeyValuePair<string, string>> Fields)>> FormsAsync(
        HttpClient client, IEnumerable<string> pages)
    {
        var forms = new List<(string, string, List<KeyValuePair<string, string>>)>();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var document = await CoGovWebApp.ParseAsync(response);
            foreach (var form in document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>())
            {
                var handler = form.Elements.OfType<IHtmlInputElement>().FirstOrDefault(i => i.Name == "_handler")?.Value;
                if (handler is not null)
                {
                    forms.Add((page, handler, form.Fields()));
                }
            }
        }
        return forms;
    }

    public const string AntiforgeryField = "__RequestVerificationToken";

    [GeneratedRegex(@"\{(\w+)(?::\w+)?\}")]
    private static partial Regex RouteParameter();
}
