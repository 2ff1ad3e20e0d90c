using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Tests.Members;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Templates;

/// <summary>An organisation's own templates and the version of each questionnaire it has adopted.</summary>
public sealed class AdoptTemplateTests
{
    private const string NightSurvey = """
        key: night-survey
        version: 1
        languages: [en]
        title:
          en: Night survey
        themes:
          - key: nights
            title:
              en: Nights
            rationale:
              en: Why nights matter.
            questions:
              - number: 1
                key: night-allocation
                text:
                  en: How are night shifts allocated?
        """;

    [Fact]
    public async Task ANewOrganisationUsesTheNewestLibraryVersionOfEachQuestionnaire()
    {
        await using var app = await TemplateScenario.StartAsync();

        var adoptions = await app.WithDbAsync(db => db.TemplateAdoptions.Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new { o.Key, a.TemplateKey, a.TemplateVersion, a.AdoptedBy })
            .OrderBy(a => a.Key).ThenBy(a => a.TemplateKey).ToListAsync());

        Assert.Equal(
            [
                (OtherOrganisation.Key, "data-lifecycle-at-work", 1, "CoGov"), (OtherOrganisation.Key, "psi-co-governance", 1, "CoGov"),
                (Key, "data-lifecycle-at-work", 1, "CoGov"), (Key, "psi-co-governance", 1, "CoGov"),
            ],
            adoptions.Select(a => (a.Key, a.TemplateKey, a.TemplateVersion, a.AdoptedBy)));
    }

    [Fact]
    public async Task AnOrganisationCreatedInTheAppUsesTheNewestLibraryVersionsNotAnotherOrganisationsOwn()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(OtherOrganisation.Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);

        await app.SendAsync(new CreateOrganisation("eastfield", "Eastfield Council", "en", "gb", null, "Eastfield Joint Committee",
            "Rosa Lind", "rosa.lind@eastfield.example", Side.Workers, "Branch secretary", "First-run-2026!"));

        var adoptions = await app.WithDbAsync(db => db.TemplateAdoptions
            .Where(a => db.Organisations.Any(o => o.Id == a.OrganisationId && o.Key == "eastfield"))
            .OrderBy(a => a.TemplateKey).Select(a => new { a.TemplateKey, a.TemplateVersion, a.AdoptedBy }).ToListAsync());
        Assert.Equal([("data-lifecycle-at-work", 1, "CoGov"), ("psi-co-governance", 1, "CoGov")], adoptions.Select(a => (a.TemplateKey, a.TemplateVersion, a.AdoptedBy)));
    }

    [Fact]
    public async Task AnUploadIsTheOrganisationsOwnAndChangesNoCycleUntilAdopted()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();

        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin)).Succeeded);

        var own = await app.WithDbAsync(db => db.Templates.SingleAsync(t => t.Key == "psi-co-governance" && t.Version == 2));
        Assert.Equal(await app.WithDbAsync(db => db.Organisations.Where(o => o.Key == Key).Select(o => o.Id).SingleAsync()), own.OwnerId);
        var opening = await app.SendAsync(new GetCycleOpening(Key, Screening), await app.UserAsync(Amara));
        Assert.Equal(1, opening.Questionnaires.Single(q => q.Key == "psi-co-governance").Version);
        var audit = await app.SendAsync(new GetAuditLog(Key), admin);
        Assert.Contains(audit.Entries, e => e.Kind == AuditKind.TemplateImported
            && e.Text == "Imported Co-Governance of Algorithmic Systems (psi-co-governance) version 2, 20 questions, as Riverside Municipal Hospital's own questionnaire.");
    }

    [Fact]
    public async Task AnotherOrganisationsOwnTemplateIsInvisible()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(OtherOrganisation.Key, "night-survey.yaml", NightSurvey), admin)).Succeeded);
        await app.SendAsync(new AdoptTemplate(OtherOrganisation.Key, "night-survey", 1, Own: true), admin);

        var riverside = await app.SendAsync(new GetTemplates(Key), admin);
        var opening = await app.SendAsync(new GetCycleOpening(Key, Screening), await app.UserAsync(Amara));

        Assert.DoesNotContain(riverside.Questionnaires, q => q.Key == "night-survey");
        Assert.DoesNotContain(opening.Questionnaires, q => q.Key == "night-survey");
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new AdoptTemplate(Key, "night-survey", 1, Own: true), admin));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new AdoptTemplate(Key, "night-survey", 1), admin));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new OpenCycle(Key, "rostering", "night-survey"), await app.UserAsync(Amara)));
        // Northfield itself sees it, in use.
        var northfield = await app.SendAsync(new GetTemplates(OtherOrganisation.Key), admin);
        Assert.Equal((1, true), (northfield.Questionnaires.Single(q => q.Key == "night-survey").InUse!.Version, northfield.Questionnaires.Single(q => q.Key == "night-survey").InUse!.Own));
    }

    [Fact]
    public async Task AnotherOrganisationsUploadIsNotTakenForThisOnesNextVersion()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(OtherOrganisation.Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin)).Succeeded);

        // Riverside may give its own revision the same number: numbers are counted per owner.
        var ours = await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);

        Assert.True(ours.Succeeded, string.Join(Environment.NewLine, ours.Errors));
        var versions = (await app.SendAsync(new GetTemplates(Key), admin)).Questionnaires.Single(q => q.Key == "psi-co-governance").Versions;
        Assert.Equal([(2, true), (1, false)], versions.Select(v => (v.Version, v.Own)));
    }

    [Fact]
    public async Task ALibraryVersionNumberIsNotUploadedAgainAsTheOrganisationsOwn()
    {
        await using var app = await TemplateScenario.StartAsync();

        var result = await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi.yaml", SeedFiles.Read(SeedFiles.PsiTemplate)), await app.AdminAsync());

        var error = Assert.Single(result.Errors);
        Assert.Equal("version", error.Field);
        Assert.Equal("psi-co-governance version 1 is in the library already; give your revision version 2.", error.Message);
    }

    [Fact]
    public async Task AnAdministratorMovesToANewerVersionAndTheAuditLogSaysWhatChanges()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);
        app.Clock.Advance(TimeSpan.FromDays(1));

        await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 2, Own: true), admin);

        var psi = (await app.SendAsync(new GetTemplates(Key), admin)).Questionnaires.Single(q => q.Key == "psi-co-governance");
        Assert.Equal((2, true, app.Clock.GetUtcNow()), (psi.InUse!.Version, psi.InUse.Own, psi.InUse.At));
        Assert.Equal([(2, true, false), (1, false, false)], psi.Versions.Select(v => (v.Version, v.IsInUse, v.MayAdopt)));
        var opening = await app.SendAsync(new GetCycleOpening(Key, Screening), await app.UserAsync(Amara));
        Assert.Equal((2, 20), opening.Questionnaires.Where(q => q.Key == "psi-co-governance").Select(q => (q.Version, q.QuestionCount)).Single());
        var entry = (await app.SendAsync(new GetAuditLog(Key), admin)).Entries.First(e => e.Kind == AuditKind.TemplateAdopted);
        Assert.Equal("Moved psi-co-governance from version 1 to version 2: the next cycles open on it; cycles already open keep version 1.", entry.Text);
        // The demo's open cycles keep version 1.
        Assert.Equal(0, await app.WithDbAsync(db => db.Assessments.CountAsync(a => a.TemplateVersion == 2)));
    }

    [Fact]
    public async Task MovingBackToAnOlderVersionIsRefused()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);
        await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 2, Own: true), admin);

        var back = await Assert.ThrowsAsync<DomainRuleException>(async () => await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 1), admin));
        var again = await Assert.ThrowsAsync<DomainRuleException>(async () => await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 2, Own: true), admin));

        Assert.StartsWith("psi-co-governance version 1 is not newer than version 2, which is in use", back.Message, StringComparison.Ordinal);
        Assert.Equal("psi-co-governance version 2 is already the version in use.", again.Message);
        Assert.Equal(2, await app.WithDbAsync(db => db.TemplateAdoptions.Where(a => a.TemplateKey == "psi-co-governance" && db.Organisations.Any(o => o.Id == a.OrganisationId && o.Key == Key)).Select(a => a.TemplateVersion).SingleAsync()));
    }

    [Fact]
    public async Task OnlyAnAdministratorAdoptsOrUploads()
    {
        await using var app = await TemplateScenario.StartAsync();
        var steward = await app.UserAsync(Amara);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 1), steward));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new ImportQuestionnaireTemplate(Key, "night-survey.yaml", NightSurvey), steward));
    }

    [Fact]
    public async Task ACycleDoesNotOpenOnAQuestionnaireTheOrganisationUsesNoVersionOf()
    {
        await using var app = await TemplateScenario.StartAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(Key, "night-survey.yaml", NightSurvey), await app.AdminAsync());

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(async () => await app.SendAsync(new OpenCycle(Key, "rostering", "night-survey"), await app.UserAsync(Amara)));

        Assert.Equal("Riverside Municipal Hospital uses no version of the questionnaire 'night-survey' yet: an administrator adopts one on the questionnaires page first.", refusal.Message);
    }

    [Fact]
    public async Task ARenumberedVersionOpenedByHandCarriesEachAnswerToTheQuestionWithItsKey()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SignOffScreeningAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);
        await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 2, Own: true), admin);

        var cycle = await app.SendAsync(new OpenCycle(Key, Screening, "psi-co-governance"), await app.UserAsync(Amara));

        var next = await app.CycleAsync(Screening, cycle);
        Assert.Equal((2, 20), (next.TemplateVersion, next.Questions.Count));
        var first = next.Questions[0];
        Assert.Equal(("algorithms-in-hiring", null), (first.QuestionKey, first.CarriedOverAnswer));
        // Version 1's question N is question N + 1 now: "Which managers are accountable" (8) is 9, with its answer.
        Assert.Equal(("accountable-managers", "Answer 8."), (next.Questions[8].QuestionKey, next.Questions[8].CarriedOverAnswer));
        Assert.All(next.Questions.Skip(1), q => Assert.Equal($"Answer {q.Number - 1}.", q.CarriedOverAnswer));
    }
}
