using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CoGov.Web.Api;
using CoGov.Web.Tests.Attacks;
using CoGov.Workflows.Records;

namespace CoGov.Web.Tests.Api;

/// <summary>
/// Kept records through the API, printed by the real Chromium: generated at an address, listed, and downloaded byte for
/// byte with their SHA-256 as ETag and digest.
/// </summary>
public sealed class RecordsApiTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;
    private const string Base = "/api/v1/organisations/" + R;

    [Fact]
    public async Task AGeneratedRecordIsListedAndDownloadsAsThePdfItsDigestAndETagName()
    {
        var client = await app.ApiClientAsync(DemoLogins.Amara, R);

        var generated = await client.PostAsync($"{Base}/systems/rostering/cycles/1/record", null);

        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var record = (await generated.Content.ReadFromJsonAsync<StoredRecordSummary>(ApiClients.Json))!;
        Assert.Equal($"{Base}/records/{record.Id:D}", generated.Headers.Location!.OriginalString);
        Assert.Equal((RecordKind.AssessmentRecord, 1), (record.Kind, record.Cycle));

        var download = await client.GetAsync(generated.Headers.Location);

        download.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        var sha256 = SHA256.HashData(bytes);
        Assert.Equal(Convert.ToHexStringLower(sha256), record.Sha256);
        Assert.Equal($"\"{record.Sha256}\"", download.Headers.ETag!.Tag);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(sha256)}:", download.Headers.GetValues("Repr-Digest").Single());
        Assert.Equal(record.Sha256, download.Headers.GetValues("X-Content-SHA256").Single());

        var listed = await client.GetFromJsonAsync<ApiPage<StoredRecordSummary>>($"{Base}/systems/rostering/records", ApiClients.Json);
        Assert.Contains(record, listed!.Items);
        var page = (IReadOnlyList<StoredRecordSummary>)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemRecords(R, "rostering")))!;
        Assert.Equal(page.Select(r => r.Id).Order(), listed.Items.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task AMeetingPackIsGeneratedForItsDayAndAnInvalidDayChangesNothing()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R);

        var generated = await client.PostAsJsonAsync($"{Base}/committee/pack", new RecordsApi.GenerateMeetingPackBody(new DateOnly(2026, 11, 30)), ApiClients.Json);

        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var pack = (await generated.Content.ReadFromJsonAsync<StoredRecordSummary>(ApiClients.Json))!;
        Assert.Equal((RecordKind.MeetingPack, new DateOnly(2026, 11, 30)), (pack.Kind, pack.MeetingDate));
        var download = await client.GetAsync(generated.Headers.Location);
        Assert.Equal(pack.Sha256, Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task AnAdministratorWhoIsNoneOfThePeopleMayNotKeepARecord()
    {
        var client = await app.ApiClientAsync(DemoLogins.Admin, R);
        var before = (IReadOnlyList<StoredRecordSummary>)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemRecords(R, "rostering")))!;

        var response = await client.PostAsync($"{Base}/systems/rostering/cycles/1/record", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await response.ProblemAsync()).Type);
        var after = (IReadOnlyList<StoredRecordSummary>)(await app.SendAsAsync(DemoLogins.Amara, new GetSystemRecords(R, "rostering")))!;
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task ANorthfieldTokenCanNeitherDownloadNorListNorGenerateTheHospitalsRecords()
    {
        var hospital = await app.ApiClientAsync(DemoLogins.Leila, R);
        var record = (await (await hospital.PostAsync($"{Base}/systems/rostering/cycles/2/record", null)).Content.ReadFromJsonAsync<StoredRecordSummary>(ApiClients.Json))!;
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await app.ApiClientAsync(OtherOrganisation.Steward, OtherOrganisation.Key);

        var download = await northfield.GetAsync($"{Base}/records/{record.Id:D}");
        var list = await northfield.GetAsync($"{Base}/systems/rostering/records");
        var generate = await northfield.PostAsync($"{Base}/systems/rostering/cycles/2/record", null);

        Assert.All([download, list, generate], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(ApiProblemTypes.NotFound, (await download.ProblemAsync()).Type);
        var kept = (IReadOnlyList<StoredRecordSummary>)(await app.SendAsAsync(DemoLogins.Leila, new GetSystemRecords(R, "rostering")))!;
        Assert.Single(kept, r => r.Cycle == 2);
    }
}
