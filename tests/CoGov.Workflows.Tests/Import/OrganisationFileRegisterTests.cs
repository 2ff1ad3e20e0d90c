using CoGov.Domain.Systems;
using CoGov.Workflows.Import;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Import;

/// <summary>
/// The register's fields in an organisation file: all optional, so files written before the register read as they
/// did; given, they land on the register; a mistake is refused at its line. Each case changes one line of
/// <see cref="Registered"/>.
/// </summary>
public sealed class OrganisationFileRegisterTests
{
    private const string FileName = "small-works.yaml";

    private const string Registered = """
        organisation:
          key: small-works
          name: Small Works
        people:
          - { key: wanda, name: Wanda Worker, side: workers, email: wanda@small.example }
          - { key: walt, name: Walt Worker, side: workers, email: walt@small.example }
          - { key: mark, name: Mark Manager, side: management, email: mark@small.example, title: Operations Director }
          - { key: mia, name: Mia Manager, side: management, email: mia@small.example, superior: mark }
        committee:
          name: Works Committee
          seats:
            - { person: wanda, role: chair }
            - { person: walt, role: member }
            - { person: mark, role: chair }
            - { person: mia, role: member }
        systems:
          - key: scheduler
            name: Scheduler
            purpose: Plans the shifts.
            vendor: Acme Scheduling Ltd
            sourcing: procured
            department: Operations
            status: pilot
            statusSince: -30
            owner: mark
            contact: rota@small.example
            decisionsSupported: Who works which shift.
            humanOversight: The site manager approves each week's plan.
            dataSources: Contracts; leave requests.
            storageJurisdiction: EU (Ireland)
            retention: Two years.
            workersAffected: Warehouse staff.
            workersAffectedCount: 140
            impactAssessments:
              - { title: DPIA 2026, url: "https://small.example/dpia" }
        """;

    [Fact]
    public async Task TheRegistersFieldsAreReadOntoTheSystemAsVersionOne()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(FileName, Registered));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        await app.WithDbAsync(async db =>
        {
            var system = await db.Systems.SingleAsync();
            var mark = await db.People.SingleAsync(p => p.Key == "mark");
            Assert.Equal(SystemStatus.Pilot, system.Status);
            Assert.Equal(DateOnly.FromDateTime(TestApp.Now.AddDays(-30).UtcDateTime), system.StatusSince);
            Assert.Equal(mark.Id, system.OwnerId);
            Assert.Equal("rota@small.example", system.Contact);
            Assert.Equal("Who works which shift.", system.DecisionsSupported);
            Assert.Equal("The site manager approves each week's plan.", system.HumanOversight);
            Assert.Equal("Contracts; leave requests.", system.DataSources);
            Assert.Equal("EU (Ireland)", system.StorageJurisdiction);
            Assert.Equal("Two years.", system.Retention);
            Assert.Equal("Warehouse staff.", system.WorkersAffected);
            Assert.Equal(140, system.WorkersAffectedCount);
            Assert.Equal([new ImpactAssessmentLink("DPIA 2026", "https://small.example/dpia")], system.ImpactAssessments);
            var version = await db.SystemVersions.SingleAsync();
            Assert.Equal(1, version.Number);
            Assert.Equal("Mark Manager", version.Snapshot().OwnerName);
            Assert.Equal("Imported from small-works.yaml.", version.Change);
        });
    }

    [Fact]
    public async Task ASystemWithoutTheRegistersFieldsIsInUseSinceTheDayOfImport()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        var plain = string.Join('\n', Registered.Split('\n').Take(22));

        var result = await app.SendAsync(new ImportOrganisation(FileName, plain));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var system = await app.WithDbAsync(db => db.Systems.SingleAsync());
        Assert.Equal(SystemStatus.InUse, system.Status);
        Assert.Equal(DateOnly.FromDateTime(TestApp.Now.UtcDateTime), system.StatusSince);
        Assert.Null(system.OwnerId);
        Assert.Empty(system.ImpactAssessments);
    }

    [Theory]
    [InlineData(23, "    status: in use", "systems[0].status", "'status' must be one of proposed, pilot, in-use, not 'in use'.")]
    [InlineData(23, "    status: retired", "systems[0].status", "'status' must be one of proposed, pilot, in-use, not 'retired'.")]
    [InlineData(25, "    owner: nobody", "systems[0].owner", "there is no person 'nobody' in this file.")]
    [InlineData(35, "      - { title: DPIA 2026, url: \"intranet/dpia.pdf\" }", "systems[0].impactAssessments[0].url", "'intranet/dpia.pdf' is not a web address")]
    [InlineData(33, "    workersAffectedCount: many", "systems[0].workersAffectedCount", "'workersAffectedCount' must be a whole number, not 'many'.")]
    public async Task AMistakeInTheRegistersFieldsIsRefusedAtItsLine(int line, string text, string field, string message)
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(FileName, Registered.WithLine(line, text)));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"expected \"{message}\" in {error}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Systems.CountAsync()));
    }
}
