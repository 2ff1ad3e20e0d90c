using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Scheduling;
using CoGov.Workflows.Systems;
using CoGov.Workflows.Tests.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Systems;

/// <summary>The register of systems through its commands: every change a version with who and when, conflicts caught, retiring final.</summary>
public sealed class RegisterOfSystemsTests
{
    private const string Rostering = "rostering";
    private const string Daniel = DemoLogins.Daniel;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);

    private static RegisterSystem Payroll() => new(
        Key, null, "PayCheck Overtime Approval", "Approves or flags overtime claims.", "Ledgerline Ltd", Sourcing.Procured, null,
        ["Overtime claims"], "Payroll",
        Status: SystemStatus.Pilot,
        StatusSince: Today.AddDays(-14),
        OwnerKey: "daniel-reyes",
        Contact: "payroll@riverside-hospital.example",
        DecisionsSupported: "Which overtime claims are paid without review.",
        HumanOversight: "A payroll officer reviews every flagged claim.",
        DataSources: "Rosters; clocking-in records.",
        StorageJurisdiction: "UK",
        Retention: "Six years, as payroll records.",
        WorkersAffected: "Staff who claim overtime.",
        WorkersAffectedCount: 1200,
        ImpactAssessments: [new("DPIA, 2026", "https://intranet.riverside-hospital.example/dpia/paycheck")]);

    private static EditSystem EditOf(SystemRegisterView view, string retention) => new(
        Key, view.System.Key, view.Version, view.System.Name, view.System.Purpose, view.System.Vendor, view.System.Sourcing,
        view.System.ContractNotes, view.System.PersonalData, view.System.Department, view.System.Owner?.Key, view.System.Contact,
        view.System.DecisionsSupported, view.System.HumanOversight, view.System.DataSources, view.System.StorageJurisdiction,
        retention, view.System.WorkersAffected, view.System.WorkersAffectedCount, view.System.ImpactAssessments);

    [Fact]
    public async Task RegisteringKeepsEveryFieldAsVersionOneWithWhoAndWhenAndAnAuditEntry()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var key = await app.SendAsync(Payroll(), amara);

        var view = await app.SendAsync(new GetSystem(Key, key), amara);
        Assert.Equal(SystemStatus.Pilot, view.System.Status);
        Assert.Equal(Today.AddDays(-14), view.System.StatusSince);
        Assert.Equal("Daniel Reyes", view.System.Owner!.Name);
        Assert.Equal("UK", view.System.StorageJurisdiction);
        Assert.Equal(1200, view.System.WorkersAffectedCount);
        Assert.Equal("https://intranet.riverside-hospital.example/dpia/paycheck", Assert.Single(view.System.ImpactAssessments).Url);
        Assert.Equal(1, view.Version);
        Assert.Equal(("Amara Okafor", TestApp.Now), (view.LastChangedBy, view.LastChangedAt));
        Assert.True(view.MayKeepRegister);
        Assert.Equal([SystemStatus.InUse, SystemStatus.Retired], view.NextStatuses);
        var version = await app.WithDbAsync(db => db.SystemVersions.SingleAsync(v => db.Systems.Any(s => s.Id == v.SystemId && s.Key == key)));
        Assert.Equal("Pilot", version.Snapshot().Status.ToString());
        Assert.NotNull(version.ByPersonId);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.SystemRegistered));
        Assert.Equal("Amara Okafor", audit.By);
        Assert.StartsWith("PayCheck Overtime Approval (paycheck-overtime-approval), version 1: Registered, pilot since", audit.Text);
    }

    [Fact]
    public async Task ARegistrationsRefusalsAreReportedAtTheirFields()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(Payroll() with
        {
            Contact = "not an address",
            ImpactAssessments = [new("DPIA", "intranet/dpia.pdf")],
            Status = SystemStatus.Retired,
        }, amara));
        var owner = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(Payroll() with { OwnerKey = "nobody" }, amara));

        Assert.Equal(["Contact", "ImpactAssessments", "Status"], refused.Errors.Keys.Order());
        Assert.Equal("'intranet/dpia.pdf' is not a web address: give the whole address of 'DPIA', starting with https:// or http://.",
            Assert.Single(refused.Errors["ImpactAssessments"]).ToString());
        Assert.Equal("Riverside Municipal Hospital has no person 'nobody'.", Assert.Single(owner.Errors["OwnerKey"]).ToString());
        Assert.Equal(3, await app.WithDbAsync(db => db.Systems.CountAsync()));
    }

    [Fact]
    public async Task AnEditKeepsANewVersionSayingWhatChangedAndTheHistoryShowsTheDifferences()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var before = await app.SendAsync(new GetSystem(Key, Rostering), amara);
        app.Clock.Advance(TimeSpan.FromHours(2));

        await app.SendAsync(EditOf(before, "Twelve months of shift history."), amara);

        var after = await app.SendAsync(new GetSystem(Key, Rostering), amara);
        Assert.Equal(2, after.Version);
        Assert.Equal("Twelve months of shift history.", after.System.Retention);
        var history = await app.SendAsync(new GetSystemHistory(Key, Rostering), amara);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Number));
        var edit = history.Versions[0];
        Assert.Equal(("Amara Okafor", TestApp.Now.AddHours(2), "Changed retention."), (edit.By, edit.At, edit.Change));
        Assert.Equal(new FieldChange(RegisterField.Retention, "", "Twelve months of shift history."), Assert.Single(edit.Differences));
        Assert.Contains(history.Versions[1].Differences, d => d.Field == RegisterField.Name && d.After == "ShiftWise Rostering");
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKind.SystemEdited).Select(e => e.Text).ToListAsync()),
            text => text == "ShiftWise Rostering (rostering), version 2: Changed retention.");
    }

    [Fact]
    public async Task AnEditThatChangesNothingKeepsNoVersion()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var view = await app.SendAsync(new GetSystem(Key, Rostering), amara);

        await app.SendAsync(EditOf(view, view.System.Retention), amara);

        Assert.Equal(1, (await app.SendAsync(new GetSystem(Key, Rostering), amara)).Version);
        Assert.Single((await app.SendAsync(new GetSystemHistory(Key, Rostering), amara)).Versions);
    }

    [Fact]
    public async Task AManagerReadsTheRegisterButNeitherEditsNorRetiresIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var daniel = await app.UserAsync(Daniel);
        var view = await app.SendAsync(new GetSystem(Key, Rostering), daniel);

        var edit = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(EditOf(view, "Forever."), daniel));
        var retire = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new ChangeSystemStatus(Key, Rostering, view.Version, SystemStatus.Retired, null, "Gone."), daniel));

        Assert.False(view.MayKeepRegister);
        Assert.Equal("This needs the Steward or Admin role in this organisation.", edit.Message);
        Assert.Equal(edit.Message, retire.Message);
        Assert.Equal(1, (await app.SendAsync(new GetSystem(Key, Rostering), daniel)).Version);
    }

    [Fact]
    public async Task AnAdministratorWhoIsNoneOfThePeopleKeepsTheRegister()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var admin = await app.AdminAsync();
        var view = await app.SendAsync(new GetSystem(Key, Rostering), admin);

        await app.SendAsync(EditOf(view, "Two years."), admin);

        var history = await app.SendAsync(new GetSystemHistory(Key, Rostering), admin);
        Assert.Equal(2, history.Versions[0].Number);
        Assert.NotEqual("CoGov", history.Versions[0].By);
    }

    [Fact]
    public async Task AnEditFromAFormFilledBeforeAnotherSaveIsAConflictNamingWhoSavedAndNothingIsSaved()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var leila = await app.UserAsync(Leila);
        var seen = await app.SendAsync(new GetSystem(Key, Rostering), amara);
        await app.SendAsync(EditOf(seen, "Leila's retention."), leila);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(EditOf(seen, "Amara's retention."), amara));

        Assert.Equal("Leila Haddad changed the register entry of ShiftWise Rostering (now version 2) after you opened it, so nothing was saved: reload it and make your change again.",
            conflict.Text.ToString());
        var now = await app.SendAsync(new GetSystem(Key, Rostering), amara);
        Assert.Equal(("Leila's retention.", 2), (now.System.Retention, now.Version));
    }

    [Fact]
    public async Task TwoEditsSavedAtTheSameMomentKeepOneAndTellTheOtherToReload()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var leila = await app.UserAsync(Leila);
        var seen = await app.SendAsync(new GetSystem(Key, Rostering), amara);

        // Amara's edit has loaded the system and is about to save when Leila's, made from the same version, commits.
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(amara);
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var overlapped = false;
        db.SavingChanges += (_, _) =>
        {
            if (!overlapped)
            {
                overlapped = true;
                app.SendAsync(EditOf(seen, "Leila's retention."), leila).GetAwaiter().GetResult();
            }
        };
        var conflict = await Assert.ThrowsAsync<ConflictException>(async () =>
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(EditOf(seen, "Amara's retention.")));

        Assert.True(overlapped);
        Assert.Equal("Someone else changed this at the same moment, so nothing was saved. Reload and try again.", conflict.Text.ToString());
        var history = await app.SendAsync(new GetSystemHistory(Key, Rostering), amara);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Number));
        Assert.Equal("Leila Haddad", history.Versions[0].By);
        Assert.Equal("Leila's retention.", (await app.SendAsync(new GetSystem(Key, Rostering), amara)).System.Retention);
    }

    [Fact]
    public async Task AStatusMovesOnlyForwardThroughTheCommandAndTheRefusalIsAtTheField()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var key = await app.SendAsync(Payroll(), amara);

        var back = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new ChangeSystemStatus(Key, key, 1, SystemStatus.Proposed, null, null), amara));
        await app.SendAsync(new ChangeSystemStatus(Key, key, 1, SystemStatus.InUse, Today.AddDays(-1), "All wards."), amara);

        Assert.Equal("status", Assert.Single(back.Violations).Path);
        var view = await app.SendAsync(new GetSystem(Key, key), amara);
        Assert.Equal([SystemStatus.Pilot, SystemStatus.InUse], view.System.StatusHistory.Select(p => p.Status));
        Assert.Equal(Today.AddDays(-1), view.System.StatusSince);
        Assert.Equal([SystemStatus.Retired], view.NextStatuses);
        Assert.Equal("Now in use, since " + Today.AddDays(-1).ToString("yyyy-MM-dd") + ". All wards.",
            (await app.SendAsync(new GetSystemHistory(Key, key), amara)).Versions[0].Change);
    }

    [Fact]
    public async Task RetiringNeedsAReasonAtItsField()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new ChangeSystemStatus(Key, Rostering, 1, SystemStatus.Retired, null, " "), await app.UserAsync(Amara)));

        Assert.Equal("Say why the system is retired.", Assert.Single(refused.Errors["Reason"]).ToString());
    }

    [Fact]
    public async Task ARetiredSystemIsRefusedANewCycleAndSkippedByTheSweep()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        var priya = await app.UserAsync(Priya);
        await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
        for (var number = 1; number <= 19; number++)
        {
            await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number}."), number is >= 10 and <= 12 ? priya : kwame);
            await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
        }
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed off."), kwame);
        await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned."), amara);
        var opensAt = await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync());
        Assert.NotNull(opensAt);
        var version = (await app.SendAsync(new GetSystem(Key, Screening), amara)).Version;

        await app.SendAsync(new ChangeSystemStatus(Key, Screening, version, SystemStatus.Retired, null, "Recruitment moved to the regional service."), amara);

        Assert.Null(await app.WithDbAsync(db => db.Systems.Where(s => s.Key == Screening).Select(s => s.NextCycleOpensAt).SingleAsync()));
        app.Clock.SetUtcNow(opensAt.Value.AddDays(1));
        var done = await app.SendAsync(new RunDueWork());
        Assert.Equal(0, done.CyclesOpened);
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new OpenCycle(Key, Screening, "psi-co-governance"), amara));
        Assert.StartsWith("CandidateMatch CV Screening is retired (since ", refusal.Message);
        Assert.EndsWith("a retired system takes no new cycle.", refusal.Message);
        var questions = await app.SendAsync(new GetSystemQuestions(Key, Screening), amara);
        Assert.False(questions.Actions.MayOpenNextCycle);
        Assert.Equal(SystemStatus.Retired, questions.System.Status);
        var opening = await app.SendAsync(new GetCycleOpening(Key, Screening), amara);
        Assert.False(opening.MayOpen);
        Assert.True(opening.Retired);
        Assert.Equal(1, await app.WithDbAsync(db => db.Assessments.CountAsync(a => db.Systems.Any(s => s.Id == a.SystemId && s.Key == Screening))));
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.SystemRetired));
        Assert.EndsWith("version 2: Retired from " + Today.ToString("yyyy-MM-dd") + ": Recruitment moved to the regional service.", audit.Text);
    }

    [Fact]
    public async Task TheRecordOfACycleCarriesTheRegisterEntryAsItStands()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var view = await app.SendAsync(new GetSystem(Key, Rostering), amara);
        await app.SendAsync(EditOf(view, "Twelve months.") with
        {
            OwnerKey = "daniel-reyes",
            HumanOversight = "The e-rostering team lead reviews every published roster.",
            ImpactAssessments = [new("DPIA 2021", "https://intranet.riverside-hospital.example/dpia/shiftwise")],
        }, amara);

        var record = await app.SendAsync(new CoGov.Workflows.Records.GetAssessmentRecord(Key, Rostering, 1), amara);

        var register = record.Cover.Register!;
        Assert.Equal((SystemStatus.InUse, "Daniel Reyes", "Twelve months.", 2), (register.Status, register.Owner, register.Retention, register.Version));
        Assert.Equal("The e-rostering team lead reviews every published roster.", register.HumanOversight);
        Assert.Equal("DPIA 2021", Assert.Single(register.ImpactAssessments).Title);
    }

    [Fact]
    public async Task ImportedSystemsStartTheirRegisterAtVersionOne()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var versions = await app.WithDbAsync(db => db.SystemVersions.Select(v => v.Number).ToListAsync());

        Assert.Equal([1, 1, 1], versions);
    }
}
