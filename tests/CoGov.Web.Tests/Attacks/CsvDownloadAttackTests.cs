using System.Net;
using CoGov.Domain.Assessments;
using CoGov.Domain.Systems;
using CoGov.Web.Downloads;
using CoGov.Web.Tests.Calendar;
using CoGov.Web.Tests.Downloads;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// The CSV downloads aimed at from outside: another organisation's, by a member of one; any, by someone with no login;
/// and a formula typed into a system's name and an answer, waiting for the committee to open the file in a spreadsheet.
/// </summary>
[Trait("Category", "Attack")]
public sealed class CsvDownloadAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Org = DemoLogins.Organisation;
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"Open\")";

    private static readonly string[] Riverside =
    [
        "/" + CsvDownloads.CycleUrl(Org, "rostering", 2),
        "/" + CsvDownloads.ChaseBoardUrl(Org),
        "/" + CsvDownloads.CommitteeUrl(Org),
    ];

    [Fact]
    public async Task EachCsvOfAnotherOrganisationIsNotFoundForAMemberOfOneEvenUnderTheirOwnOrganisationsAddressAndWritesNothing()
    {
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        string[] targets =
        [
            "/" + CsvDownloads.CycleUrl(OtherOrganisation.Key, OtherOrganisation.SystemKey, 1),
            "/" + CsvDownloads.ChaseBoardUrl(OtherOrganisation.Key),
            "/" + CsvDownloads.CommitteeUrl(OtherOrganisation.Key),
            // The other organisation's system under the attacker's own organisation, where they are a member.
            "/" + CsvDownloads.CycleUrl(Org, OtherOrganisation.SystemKey, 1),
        ];
        var before = await AttackSurface.FingerprintAsync(app);

        foreach (var client in new[] { steward, admin })
        {
            foreach (var target in targets)
            {
                var response = await client.GetAsync(target);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{target}: {(int)response.StatusCode}");
                Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
                Assert.Null(response.Content.Headers.ContentDisposition);
                Assert.DoesNotContain(OtherOrganisation.SystemName, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Kim Lee", body, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task EachCsvAskedForAnonymouslyRedirectsToSignInWithNoDataAndWritesNothing()
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var before = await AttackSurface.FingerprintAsync(app);

        foreach (var target in Riverside)
        {
            var response = await anonymous.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
            Assert.DoesNotContain("Daniel Reyes", body, StringComparison.Ordinal);
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AFormulaTypedIntoASystemsNameAndAnAnswerComesOutOfEveryCsvAsTextBehindASingleQuote()
    {
        // A steward registers a system named as a formula and sends its questions; the manager answers with another.
        await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Steward,
            new RegisterSystem(Org, "formula", Formula, "Decides.", "Vendor", Sourcing.Procured, null, [], "Operations"));
        await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Steward, new OpenCycle(Org, "formula", "psi-co-governance"));
        await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Steward, SendQuestions.EveryDraft(Org, "formula", 1));
        var number = await DanielsFirstQuestionAsync("formula");
        await CalendarFeedSteps.SendAsAsync(app, DemoLogins.Manager, new AnswerQuestion(Org, "formula", 1, number, Formula));

        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        var cycle = await CsvDownloadFile.GetAsync(steward, "/" + CsvDownloads.CycleUrl(Org, "formula", 1));
        var chase = await CsvDownloadFile.GetAsync(steward, "/" + CsvDownloads.ChaseBoardUrl(Org));
        var committee = await CsvDownloadFile.GetAsync(steward, "/" + CsvDownloads.CommitteeUrl(Org));

        Assert.Equal("'" + Formula, cycle.Rows.Single(r => r["Number"] == $"{number}")["Answer"]);
        Assert.Contains(chase.Rows, r => r["System"] == "'" + Formula && r["Number"] == $"{number}");
        Assert.Contains(committee.Rows, r => r["System"] == "'" + Formula);
        // No cell of any of them starts with a character a spreadsheet reads as a formula.
        foreach (var file in new[] { cycle, chase, committee })
        {
            Assert.All(file.Rows.SelectMany(r => r.Values).Where(cell => cell.Length > 0), cell => Assert.DoesNotContain(cell[0], "=+-@\t\r"));
            Assert.DoesNotContain("," + Formula[..10], file.Text, StringComparison.Ordinal);
        }
    }

    private async Task<int> DanielsFirstQuestionAsync(string systemKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var daniel = await db.People.Where(p => p.Email == DemoLogins.Daniel).Select(p => p.Id).SingleAsync();
        var cycle = await db.Assessments.Where(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == systemKey)).Select(a => a.Id).SingleAsync();
        return await db.QuestionItems.Where(q => q.AssessmentId == cycle && q.AssigneeId == daniel && q.State == QuestionState.Sent)
            .OrderBy(q => q.Number).Select(q => q.Number).FirstAsync();
    }
}
