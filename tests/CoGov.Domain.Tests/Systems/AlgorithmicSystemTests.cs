using CoGov.Domain.Common;
using CoGov.Domain.Systems;

namespace CoGov.Domain.Tests.Systems;

public sealed class AlgorithmicSystemTests
{
    private static readonly Guid OrganisationId = Guid.CreateVersion7();

    [Fact]
    public void ASystemKeepsItsRegisterFieldsTidy()
    {
        var system = SystemBuilder.Rostering(OrganisationId);

        Assert.Equal(OrganisationId, system.OrganisationId);
        Assert.Equal("rostering", system.Key);
        Assert.Equal("ShiftWise Rostering", system.Name);
        Assert.Equal(Sourcing.Procured, system.Sourcing);
        Assert.Equal(["shift history", "sickness absence"], system.PersonalData);
        Assert.Equal("Workforce", system.Department);
    }

    [Fact]
    public void MissingContractNotesAreEmpty()
    {
        var system = new AlgorithmicSystem(OrganisationId, "cv-screening", "CandidateMatch", "Screens CVs.", "In-house team",
            Sourcing.InHouse, null, [], "HR");

        Assert.Equal("", system.ContractNotes);
        Assert.Empty(system.PersonalData);
    }

    [Theory]
    [InlineData("", "Screens CVs.", "Vendor", "HR", "name")]
    [InlineData("CandidateMatch", " ", "Vendor", "HR", "purpose")]
    [InlineData("CandidateMatch", "Screens CVs.", "", "HR", "developer or vendor")]
    [InlineData("CandidateMatch", "Screens CVs.", "Vendor", "", "department")]
    public void ASystemNeedsEveryRegisterField(string name, string purpose, string vendor, string department, string field)
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            new AlgorithmicSystem(OrganisationId, "cv-screening", name, purpose, vendor, Sourcing.Procured, null, [], department));

        var violation = Assert.Single(refusal.Violations);
        Assert.Equal(field, violation.Path);
        Assert.Equal($"The system's {field} is empty.", violation.Message);
    }

    [Fact]
    public void ASystemKeyMustBeAValidKey()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            new AlgorithmicSystem(OrganisationId, "CV Screening", "CandidateMatch", "Screens CVs.", "Vendor", Sourcing.Procured, null, [], "HR"));

        Assert.StartsWith("'CV Screening' is not a valid system key", refusal.Message);
    }
}
