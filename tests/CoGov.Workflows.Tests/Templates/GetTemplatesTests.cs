using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Templates;

public sealed class GetTemplatesTests
{
    [Fact]
    public async Task AnAdministratorSeesEveryTemplateVersionWithItsSizeAndUse()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var revised = SeedFiles.Read(SeedFiles.DataLifecycleTemplate).Replace("version: 1", "version: 2", StringComparison.Ordinal);
        Assert.True((await app.SendAsync(new ImportQuestionnaireTemplate(Riverside.Key, "lifecycle-v2.yaml", revised), admin)).Succeeded);

        var overview = await app.SendAsync(new GetTemplates(Riverside.Key), admin);

        Assert.Equal(
            [
                ("data-lifecycle-at-work", 2, "Data Lifecycle at Work", 15),
                ("data-lifecycle-at-work", 1, "Data Lifecycle at Work", 15),
                ("psi-co-governance", 1, "Co-Governance of Algorithmic Systems", 19),
            ],
            overview.Templates.Select(t => (t.Key, t.Version, t.Title, t.QuestionCount)));
        var psi = overview.Templates[^1];
        Assert.Equal(7, psi.ThemeCount);
        Assert.True(psi.InUse > 0);
        Assert.Equal(0, overview.Templates[0].InUse);
    }

    [Fact]
    public async Task OnlyAnAdministratorSeesTheTemplatesHere()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetTemplates(Riverside.Key), await app.UserAsync(Riverside.Helen)));
    }
}
