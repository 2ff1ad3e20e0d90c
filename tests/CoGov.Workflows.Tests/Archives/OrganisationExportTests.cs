using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Archives;
using CoGov.Workflows.Tests.Members;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Archives;

/// <summary>
/// Decision record 26: an organisation's archive holds every document the schema describes, with the database's own
/// identifiers, times and hashes, in a fixed order, no secret, and is told to both chairs and the audit log.
/// </summary>
public sealed class OrganisationExportTests(OrganisationExportTests.Exported exported) : IClassFixture<OrganisationExportTests.Exported>
{
    /// <summary>The scenario and one archive of it, shared: reading an archive changes nothing.</summary>
    public sealed class Exported : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public byte[] Zip { get; private set; } = [];

        public async Task InitializeAsync()
        {
            App = await ExportScenario.StartAsync();
            Zip = await ExportScenario.WriteAsync(App);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(ExportScenario.Repository, "docs", "export", "organisation-export.schema.json"))));

    private T Document<T>(string name) =>
        JsonSerializer.Deserialize<T>(ExportScenario.Entries(exported.Zip).Single(e => e.Name == name).Bytes, OrganisationArchive.Json)!;

    [Fact]
    public void EveryJsonDocumentOfARealExportMatchesTheSchemaShippedInTheRepository()
    {
        var documents = new JsonObject();
        foreach (var (name, bytes, _) in ExportScenario.Entries(exported.Zip).Where(e => e.Name.EndsWith(".json", StringComparison.Ordinal)))
        {
            documents[name] = JsonNode.Parse(bytes);
        }

        var result = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(documents), new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, errors));
        Assert.Equal(4, documents.Count(d => d.Key.StartsWith(OrganisationArchive.CyclesFolder, StringComparison.Ordinal)));
    }

    [Fact]
    public void TheSchemaRefusesAFieldItDoesNotDescribeAMissingDocumentAndATimeNotToTheTick()
    {
        JsonObject Documents() => new(ExportScenario.Entries(exported.Zip).Where(e => e.Name.EndsWith(".json", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Name, JsonNode.Parse(e.Bytes))));
        bool Valid(JsonObject documents) => Schema.Value.Evaluate(JsonSerializer.SerializeToElement(documents)).IsValid;

        var secret = Documents();
        secret[OrganisationArchive.MembersEntry]!["members"]![0]!["passwordHash"] = "AQAAAAIAAYagAAAAE";
        var missing = Documents();
        missing.Remove(OrganisationArchive.PeopleEntry);
        var coarse = Documents();
        coarse[OrganisationArchive.AuditLogEntry]!["entries"]![0]!["at"] = "2026-11-23T09:30:00Z";

        Assert.True(Valid(Documents()));
        Assert.False(Valid(secret));
        Assert.False(Valid(missing));
        Assert.False(Valid(coarse));
    }

    /// <summary>The schema's names for each enum are the ones the archive writes: C#'s, all of them and no others.</summary>
    [Theory]
    [InlineData("side", typeof(Side))]
    [InlineData("committeeRole", typeof(CommitteeRole))]
    [InlineData("mailDelivery", typeof(Workflows.MailPreferences.MailDelivery))]
    [InlineData("assessmentState", typeof(Domain.Assessments.AssessmentState))]
    [InlineData("questionState", typeof(Domain.Assessments.QuestionState))]
    [InlineData("logEntryKind", typeof(Domain.Assessments.LogEntryKind))]
    [InlineData("anchorReason", typeof(Workflows.Ledger.AnchorReason))]
    [InlineData("recordKind", typeof(Workflows.Records.RecordKind))]
    [InlineData("sourcing", typeof(Domain.Systems.Sourcing))]
    [InlineData("systemStatus", typeof(Domain.Systems.SystemStatus))]
    [InlineData("escalationStep", typeof(Domain.Policies.EscalationStep))]
    public void EachEnumOfTheSchemaNamesEveryMemberOfItsCSharpEnum(string definition, Type type)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportScenario.Repository, "docs", "export", "organisation-export.schema.json")))!;

        var names = schema["$defs"]![definition]!["enum"]!.AsArray().Select(n => (string)n!);

        Assert.Equal(Enum.GetNames(type).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSchemasRolesAreCoGovsRoles()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportScenario.Repository, "docs", "export", "organisation-export.schema.json")))!;

        Assert.Equal(Workflows.Identity.Roles.All, schema["$defs"]!["role"]!["enum"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void TheManifestComesFirstAndListsEveryOtherEntryInTheZipsOrderWithItsSizeAndSha256()
    {
        var entries = ExportScenario.Entries(exported.Zip);
        var manifest = Document<ArchiveManifest>(OrganisationArchive.ManifestEntry);

        Assert.Equal(OrganisationArchive.ManifestEntry, entries[0].Name);
        Assert.Equal(OrganisationArchive.FormatName, manifest.Format);
        Assert.Equal(Key, manifest.OrganisationKey);
        Assert.Equal(TestApp.Now, manifest.ExportedAt);
        Assert.Equal(entries.Skip(1).Select(e => new ArchiveEntry(e.Name, e.Bytes.Length, Convert.ToHexStringLower(SHA256.HashData(e.Bytes)))), manifest.Entries);
        Assert.Contains(manifest.Entries, e => e.Name.StartsWith(OrganisationArchive.RecordsFolder, StringComparison.Ordinal) && e.Name.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(OrganisationArchive.EntryTime.DateTime, e.Time.DateTime));
    }

    [Fact]
    public async Task TwoExportsOfTheSameDataDifferOnlyInTheManifestsExportTime()
    {
        exported.App.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromTicks(7)));
        var later = await ExportScenario.WriteAsync(exported.App);

        var first = ExportScenario.Entries(exported.Zip);
        var second = ExportScenario.Entries(later);
        Assert.Equal(first.Select(e => e.Name), second.Select(e => e.Name));
        Assert.All(first.Zip(second).Skip(1), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), pair.First.Name));
        var firstManifest = JsonSerializer.Deserialize<ArchiveManifest>(first[0].Bytes, OrganisationArchive.Json)!;
        var secondManifest = JsonSerializer.Deserialize<ArchiveManifest>(second[0].Bytes, OrganisationArchive.Json)!;
        Assert.NotEqual(firstManifest.ExportedAt, secondManifest.ExportedAt);
        // Everything but the time, as bytes: the manifest written again with the first time is the first manifest.
        Assert.Equal(first[0].Bytes, JsonSerializer.SerializeToUtf8Bytes(secondManifest with { ExportedAt = firstManifest.ExportedAt }, OrganisationArchive.Json));
    }

    [Fact]
    public async Task EveryLogEntryCarriesTheDatabasesIdentifierTimeToTheTickHashesAndCanonicalString()
    {
        var database = await exported.App.CycleAsync(Screening, 1);
        var cycle = Document<CycleDocument>(OrganisationArchive.CycleEntry(database.Id));

        Assert.Equal(database.LogHeadHash, cycle.LogHeadHash);
        Assert.Equal(database.LogLength, cycle.LogLength);
        Assert.Equal(database.Log.Select(e => (e.Id, e.Sequence, e.At.UtcTicks, e.ActorPersonId, e.ActorName, e.Kind, e.QuestionNumber, e.Text, e.ActingLogin, e.HashVersion, e.PreviousHash, e.Hash, e.CanonicalContent())),
            cycle.Log.Select(e => (e.Id, e.Sequence, e.At.UtcTicks, e.ActorPersonId, e.ActorName, e.Kind, e.QuestionNumber, e.Text, e.ActingLogin, e.HashVersion, e.PreviousHash, e.Hash, e.Canonical)));
        Assert.Contains(cycle.Log, e => e.Text == ExportScenario.AwkwardAnswer);
        Assert.Equal(database.SignOffs.Select(s => (s.Id, s.LogHeadHash, s.SignedAt.UtcTicks)).Order(), cycle.SignOffs.Select(s => (s.Id, s.LogHeadHash, s.SignedAt.UtcTicks)).Order());
        Assert.Equal(2, cycle.Anchors.Count);
        Assert.Equal(database.Questions.Select(q => (q.Id, q.State, q.LatestAnswer, q.AnsweredAt)), cycle.Questions.Select(q => (q.Id, q.State, q.LatestAnswer, q.AnsweredAt)));
    }

    [Fact]
    public async Task EveryKeptRecordTravelsAsItsOwnBytesWithTheSha256CoGovRecorded()
    {
        var kept = await exported.App.WithDbAsync(db => db.StoredRecords.AsNoTracking().SingleAsync());
        var record = Assert.Single(Document<RecordsDocument>(OrganisationArchive.RecordsEntry).Records);
        var pdf = ExportScenario.Entries(exported.Zip).Single(e => e.Name == record.File).Bytes;

        Assert.Equal((kept.Id, kept.Sha256, kept.Length, kept.LogHeadHash, kept.GeneratedAt), (record.Id, record.Sha256, record.Length, record.LogHeadHash, record.GeneratedAt));
        Assert.Equal(OrganisationArchive.RecordFileEntry(kept.Id), record.File);
        Assert.Equal(kept.Content, pdf);
    }

    [Fact]
    public async Task MembersTravelWithAddressNameAndRolesAndNoPasswordStampOrSecondFactorSecretLeaves()
    {
        var secrets = await exported.App.WithDbAsync(async db =>
        {
            var users = await db.Users.AsNoTracking().ToListAsync();
            var tokens = await db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync();
            return users.SelectMany(u => new[] { u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp }).Concat(tokens)
                .OfType<string>().Where(s => s.Length >= 16).ToList();
        });
        var text = string.Concat(ExportScenario.Entries(exported.Zip).Select(e => Encoding.UTF8.GetString(e.Bytes)));
        var members = Document<MembersDocument>(OrganisationArchive.MembersEntry).Members;

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        var leila = Assert.Single(members, m => m.Email == DemoLogins.Leila);
        Assert.Equal(["Steward", "CommitteeChair"], leila.Roles);
        Assert.NotNull(leila.PersonId);
    }

    [Fact]
    public async Task ExportingWritesTheAuditLogAndMailsBothChairsWhoMadeItWhenAndTheFilesSha256()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var export = await app.SendAsync(new ExportOrganisation(Key), await app.UserAsync(DemoLogins.Admin));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(export.Content)), export.Sha256);
        Assert.Equal("riverside-hospital-export-2026-11-23T093000Z.zip", export.FileName);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKind.OrganisationExported).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains(export.Sha256, entry.Text, StringComparison.Ordinal);
        Assert.Equal(TestApp.Now, entry.At);
        // Read before it was written: the archive never holds its own export.
        var auditLog = JsonSerializer.Deserialize<AuditLogDocument>(
            ExportScenario.Entries(export.Content).Single(e => e.Name == OrganisationArchive.AuditLogEntry).Bytes, OrganisationArchive.Json)!;
        Assert.DoesNotContain(auditLog.Entries, e => e.Kind == AuditKind.OrganisationExported);

        var mail = app.Mail();
        Assert.Equal([DemoLogins.Helen, DemoLogins.Leila], mail.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.Equal([.. mail.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal).Select(n => $"{n} <")],
            export.ChairsTold.Select(c => c[..(c.IndexOf('<', StringComparison.Ordinal) + 1)]).Order(StringComparer.Ordinal));
        Assert.Empty(export.ChairsNotTold);
        Assert.All(mail, m =>
        {
            Assert.Equal("Riverside Municipal Hospital was exported from CoGov", m.Subject);
            Assert.Contains($"{entry.By} exported the whole of Riverside Municipal Hospital from CoGov on Monday 23 November 2026 at 09:30:00 (Europe/London)", m.TextBody, StringComparison.Ordinal);
            Assert.Contains(export.Sha256, m.TextBody, StringComparison.Ordinal);
            Assert.Contains(export.FileName, m.TextBody, StringComparison.Ordinal);
        });
    }
}
