using CoGov.Workflows.Scheduling;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Tests.Members;
using CoGov.Workflows.Tests.Templates;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Scheduling;

/// <summary>The sweep opens each organisation's scheduled cycles on the version that organisation adopted.</summary>
public sealed class AdoptedVersionSweepTests
{
    [Fact]
    public async Task BsSweepKeepsBsAdoptedVersionAfterAUploadsANewerOne()
    {
        // A is Northfield Transit, B the hospital: A's administrator uploads a newer PSI questionnaire and adopts it.
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SignOffScreeningAsync();
        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(OtherOrganisation.Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin)).Succeeded);
        await app.SendAsync(new AdoptTemplate(OtherOrganisation.Key, "psi-co-governance", 2, Own: true), admin);
        var opensAt = await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync());

        app.Clock.SetUtcNow(opensAt!.Value.AddMinutes(1));
        var done = await app.SendAsync(new RunDueWork());

        Assert.Equal(1, done.CyclesOpened);
        var next = await app.CycleAsync(Screening, 2);
        var libraryVersion1 = await app.WithDbAsync(db => db.Templates.Where(t => t.Key == "psi-co-governance" && t.OwnerId == null && t.Version == 1).Select(t => t.Id).SingleAsync());
        Assert.Equal((libraryVersion1, 1, 19), (next.TemplateId, next.TemplateVersion, next.Questions.Count));
        Assert.All(next.Questions, q => Assert.Equal($"Answer {q.Number}.", q.CarriedOverAnswer));
        Assert.Equal("accountable-managers", next.Questions[7].QuestionKey);
    }

    [Fact]
    public async Task TheSweepOpensOnTheVersionTheOrganisationMovedToWithEachAnswerCarriedByKey()
    {
        await using var app = await TemplateScenario.StartAsync();
        var admin = await app.AdminAsync();
        await app.SignOffScreeningAsync();
        await app.SendAsync(new ImportQuestionnaireTemplate(Key, "psi-v2.yaml", TemplateScenario.RenumberedPsi()), admin);
        await app.SendAsync(new AdoptTemplate(Key, "psi-co-governance", 2, Own: true), admin);
        var opensAt = await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync());

        app.Clock.SetUtcNow(opensAt!.Value.AddMinutes(1));
        await app.SendAsync(new RunDueWork());

        var next = await app.CycleAsync(Screening, 2);
        Assert.Equal((2, 20), (next.TemplateVersion, next.Questions.Count));
        Assert.Null(next.Questions[0].CarriedOverAnswer);
        Assert.All(next.Questions.Skip(1), q => Assert.Equal($"Answer {q.Number - 1}.", q.CarriedOverAnswer));
    }
}
