using CoGov.Workflows.Common;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Templates;

public sealed class GetTemplatesTests
{
    [Fact]
    public async Task AnAdministratorSeesTheLibraryAndTheOrganisationsOwnVersionsWithWhichIsInUse()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var revised = SeedFiles.Read(SeedFiles.DataLifecycleTemplate).Replace("version: 1", "version: 2", StringComparison.Ordinal);
        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(Riverside.Key, "lifecycle-v2.yaml", revised), admin)).Succeeded);

        var overview = await app.SendAsync(new GetTemplates(Riverside.Key), admin);

        Assert.Equal(["data-lifecycle-at-work", "psi-co-governance"], overview.Questionnaires.Select(q => q.Key));
        var lifecycle = overview.Questionnaires[0];
        Assert.Equal(
            [(2, true, 15, false, true), (1, false, 15, true, false)],
            lifecycle.Versions.Select(v => (v.Version, v.Own, v.QuestionCount, v.IsInUse, v.MayAdopt)));
        Assert.Equal((1, false, "CoGov"), (lifecycle.InUse!.Version, lifecycle.InUse.Own, lifecycle.InUse.By));
        var psi = overview.Questionnaires[1];
        Assert.Equal("Co-Governance of Algorithmic Systems", psi.Title);
        Assert.Equal(7, psi.Versions[0].ThemeCount);
        Assert.True(psi.Versions[0].Cycles > 0);
        Assert.True(psi.OpenCycles > 0);
        Assert.Equal(0, lifecycle.Versions[0].Cycles);
    }

    [Fact]
    public async Task OnlyAnAdministratorSeesTheTemplatesHere()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetTemplates(Riverside.Key), await app.UserAsync(Riverside.Helen)));
    }
}
