using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;

namespace CoGov.Domain.Tests.Systems;

/// <summary>The register's rules: statuses move forward with their dates, retiring is final, links are web addresses, and each version keeps the whole entry.</summary>
public sealed class RegisterOfSystemsTests
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private readonly World _world = new();

    [Fact]
    public void ASystemIsInUseWhenRegisteredWithoutAStatusAndAtVersionOne()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        Assert.Equal(SystemStatus.InUse, system.Status);
        Assert.Equal(1, system.RegisterVersion);
        Assert.Equal([new StatusPeriod(SystemStatus.InUse, null, "")], system.StatusHistory);
    }

    [Fact]
    public void ASystemCannotBeRegisteredAsRetired()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => new AlgorithmicSystem(_world.Organisation.Id, "old", "Old", "Did things.", "V",
            Sourcing.Procured, null, [], "HR", SystemStatus.Retired, Today));

        Assert.Contains("retiring it is a change of status with its reason", Said(refusal));
    }

    [Fact]
    public void AStatusMovesForwardKeepingEachStatusWithTheDayItBegan()
    {
        var system = Proposed();

        system.ChangeStatus(SystemStatus.Pilot, Today.AddDays(-20), "Two wards.", Today);
        system.ChangeStatus(SystemStatus.InUse, Today, null, Today);

        Assert.Equal(SystemStatus.InUse, system.Status);
        Assert.Equal(
            [SystemStatus.Proposed, SystemStatus.Pilot, SystemStatus.InUse],
            system.StatusHistory.Select(p => p.Status));
        Assert.Equal(Today.AddDays(-20), system.StatusHistory[1].Since);
        Assert.Equal("Two wards.", system.StatusHistory[1].Reason);
        Assert.Equal(Today, system.StatusSince);
        Assert.Equal(3, system.RegisterVersion);
    }

    [Fact]
    public void AStatusMaySkipOneForward()
    {
        var system = Proposed();

        system.ChangeStatus(SystemStatus.InUse, Today, null, Today);

        Assert.Equal(SystemStatus.InUse, system.Status);
    }

    [Fact]
    public void AStatusNeverGoesBack()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var refusal = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.Pilot, Today, null, Today));

        Assert.Equal("A system's status only moves forward: ShiftWise Rostering is in use and cannot go back to pilot.", Said(refusal));
        Assert.Equal(SystemStatus.InUse, system.Status);
        Assert.Equal(1, system.RegisterVersion);
    }

    [Fact]
    public void TheSameStatusAgainIsRefused()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var refusal = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.InUse, Today, null, Today));

        Assert.Equal("ShiftWise Rostering is already in use.", Said(refusal));
    }

    [Fact]
    public void AStatusCannotBeginInTheFutureNorBeforeTheCurrentOne()
    {
        var system = Proposed();

        var future = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.Pilot, Today.AddDays(1), null, Today));
        var early = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.Pilot, Today.AddDays(-31), null, Today));

        Assert.Equal("since", Assert.Single(future.Violations).Path);
        Assert.Equal("A status is recorded once it has begun: 2025-03-04 is after today.", Said(future));
        Assert.Equal("ShiftWise Rostering has been proposed since 2025-02-01: the new status cannot begin before that.", Said(early));
        Assert.Equal(SystemStatus.Proposed, system.Status);
    }

    [Fact]
    public void RetiringNeedsAReason()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var refusal = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.Retired, Today, "  ", Today));

        Assert.Equal("reason", Assert.Single(refusal.Violations).Path);
        Assert.Equal("Say why ShiftWise Rostering is retired.", Said(refusal));
        Assert.False(system.IsRetired);
    }

    [Fact]
    public void RetiringCancelsTheScheduledReassessmentAndIsFinal()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);
        system.ScheduleReassessment(_world.Now, 12);

        system.ChangeStatus(SystemStatus.Retired, Today, "Replaced by the new rota system.", Today);

        Assert.True(system.IsRetired);
        Assert.Null(system.NextCycleOpensAt);
        var again = Assert.Throws<DomainRuleException>(() => system.ChangeStatus(SystemStatus.Retired, Today, "Again.", Today));
        Assert.Equal("ShiftWise Rostering is retired, which is final: a system brought back into use is registered again.", Said(again));
    }

    [Fact]
    public void ARetiredSystemIsNotScheduledForReassessmentWhenItsLastCycleIsSignedOff()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);
        system.ChangeStatus(SystemStatus.Retired, Today, "Switched off.", Today);

        system.ScheduleReassessment(_world.Now, 12);

        Assert.Null(system.NextCycleOpensAt);
    }

    [Fact]
    public void ARetiredSystemTakesNoNewCycle()
    {
        _world.Rostering.ChangeStatus(SystemStatus.Retired, Today, "Switched off.", Today);

        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.Open(
            _world.Organisation, _world.Rostering, _world.Template, 1, _world.Manager, _world.Now, _world.Now.AddDays(30), null));

        Assert.Equal("ShiftWise Rostering is retired (since 2025-03-03): a retired system takes no new cycle.", Said(refusal));
    }

    [Fact]
    public void ARetiredSystemTakesNoNextCycleEither()
    {
        var previous = _world.SignedOffAssessment();
        _world.Rostering.ChangeStatus(SystemStatus.Retired, Today, "Switched off.", Today);

        var refusal = Assert.Throws<DomainRuleException>(() => Assessment.OpenNext(
            _world.Organisation, _world.Rostering, _world.Template, previous, _world.Manager, _world.Now, _world.Now.AddDays(30)));

        Assert.Contains("a retired system takes no new cycle", Said(refusal));
    }

    [Fact]
    public void TheOwnerMustBeOneOfTheOrganisationsPeopleAndNotRetired()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var outsider = Assert.Throws<DomainRuleException>(() => system.Describe(RegisterDetails.None, _world.OutsideManager));
        _world.Organisation.RetirePerson(_world.UnseatedManager, namedByPolicy: false, _world.Now);
        var retired = Assert.Throws<DomainRuleException>(() => system.Describe(RegisterDetails.None, _world.UnseatedManager));

        Assert.Equal("Oscar Lind is not one of the organisation's people.", Said(outsider));
        Assert.Equal("Daniel Reyes is retired and cannot be made a system's owner.", Said(retired));
        Assert.Null(system.OwnerId);
    }

    [Theory]
    [InlineData("intranet/dpia.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///C:/dpia.pdf")]
    [InlineData("ftp://example.org/dpia.pdf")]
    public void AnImpactAssessmentIsLinkedByAWebAddress(string url)
    {
        var refusal = Assert.Throws<DomainRuleException>(() => ImpactAssessmentLink.Create("DPIA", url));

        Assert.Equal($"'{url}' is not a web address: give the whole address of 'DPIA', starting with https:// or http://.", Said(refusal));
    }

    [Fact]
    public void AnImpactAssessmentNeedsATitleAndIsLinkedOnce()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var untitled = Assert.Throws<DomainRuleException>(() => ImpactAssessmentLink.Create(" ", "https://example.org/dpia"));
        var twice = Assert.Throws<DomainRuleException>(() => system.Describe(
            new RegisterDetails(ImpactAssessments: [new("DPIA", "https://example.org/dpia"), new("DPIA again", "https://EXAMPLE.org/dpia")]), null));

        Assert.Equal("Give the impact assessment at https://example.org/dpia a title.", Said(untitled));
        Assert.Contains("is linked twice", Said(twice));
    }

    [Fact]
    public void AnEditThatChangesNothingKeepsTheVersion()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        var changed = system.Edit(system.Name, system.Purpose, system.Vendor, system.Sourcing, system.ContractNotes, system.PersonalData,
            system.Department, RegisterDetails.None, null);

        Assert.False(changed);
        Assert.Equal(1, system.RegisterVersion);
    }

    [Fact]
    public void AnEditKeepsTheKeyAndTheStatusAndTheDifferencesReadAsFields()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);
        var before = system.Snapshot(null);

        var changed = system.Edit("ShiftWise Rostering 2", system.Purpose, system.Vendor, system.Sourcing, system.ContractNotes, system.PersonalData,
            system.Department, new RegisterDetails(Retention: "Two years.", StorageJurisdiction: "EU (Ireland)"), _world.Manager);

        Assert.True(changed);
        Assert.Equal(2, system.RegisterVersion);
        Assert.Equal("rostering", system.Key);
        Assert.Equal(SystemStatus.InUse, system.Status);
        var after = system.Snapshot(_world.Manager.Name);
        var changes = after.ChangesFrom(before);
        Assert.Equal([RegisterField.Name, RegisterField.Owner, RegisterField.StorageJurisdiction, RegisterField.Retention], changes.Select(c => c.Field));
        Assert.Equal(new FieldChange(RegisterField.Retention, "", "Two years."), changes[^1]);
        Assert.Equal("Changed name, owner, storage jurisdiction and retention.", RegisterFieldWords.Summarise(changes));
    }

    [Fact]
    public void AnEditWithARefusedFieldChangesNothing()
    {
        var system = SystemBuilder.Rostering(_world.Organisation.Id);

        Assert.Throws<DomainRuleException>(() => system.Edit("New name", system.Purpose, system.Vendor, system.Sourcing, system.ContractNotes,
            system.PersonalData, system.Department, new RegisterDetails(ImpactAssessments: [new("DPIA", "not a link")]), null));

        Assert.Equal("ShiftWise Rostering", system.Name);
        Assert.Equal(1, system.RegisterVersion);
    }

    [Fact]
    public void ASnapshotReadsBackFromItsJsonAsItWasWritten()
    {
        var system = Proposed();
        system.Describe(new RegisterDetails("rota@example.org", "Who works which shift.", "The ward manager approves each rota.",
            "HR system", "UK", "Six years.", "Ward nurses", 420, [new("DPIA 2025", "https://example.org/dpia")]), _world.Manager);
        var snapshot = system.Snapshot(_world.Manager.Name);

        var read = RegisterSnapshot.FromJson(snapshot.ToJson());

        Assert.Empty(read.ChangesFrom(snapshot));
        Assert.Equal(snapshot.StatusHistory, read.StatusHistory);
        Assert.Equal(snapshot.ImpactAssessments, read.ImpactAssessments);
        Assert.Equal(420, read.WorkersAffectedCount);
        Assert.Contains("\"Status\":\"Proposed\"", snapshot.ToJson());
    }

    [Fact]
    public void OnlyTheWorkersSideOrAnAdministratorKeepsTheRegister()
    {
        var steward = _world.Organisation.ActorFor(_world.Steward.Id);
        var manager = _world.Organisation.ActorFor(_world.Manager.Id);

        Assert.True(AlgorithmicSystem.MayKeepRegister(steward, isAdministrator: false));
        Assert.False(AlgorithmicSystem.MayKeepRegister(manager, isAdministrator: false));
        Assert.True(AlgorithmicSystem.MayKeepRegister(manager, isAdministrator: true));
        Assert.True(AlgorithmicSystem.MayKeepRegister(null, isAdministrator: true));
        Assert.False(AlgorithmicSystem.MayKeepRegister(null, isAdministrator: false));
    }

    /// <summary>The refusal's sentences without the field they concern.</summary>
    private static string Said(DomainRuleException refusal) => string.Join(" ", refusal.Violations.Select(v => v.Message));

    private AlgorithmicSystem Proposed() =>
        new(_world.Organisation.Id, "rostering", "ShiftWise Rostering", "Builds the rota.", "ShiftWise Ltd", Sourcing.Procured, null, [], "Workforce",
            SystemStatus.Proposed, Today.AddDays(-30));
}
