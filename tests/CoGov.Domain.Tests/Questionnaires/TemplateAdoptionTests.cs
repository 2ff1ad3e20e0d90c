using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;

namespace CoGov.Domain.Tests.Questionnaires;

/// <summary>Which version of a questionnaire an organisation uses, and the moves it may make.</summary>
public sealed class TemplateAdoptionTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Riverside = Guid.CreateVersion7();
    private static readonly Guid Northfield = Guid.CreateVersion7();

    private static readonly QuestionnaireTemplate Library1 = QuestionnaireTemplate.Create(Templates.Valid());
    private static readonly QuestionnaireTemplate Library2 = QuestionnaireTemplate.Create(Templates.Valid() with { Version = 2 }, previous: Library1);
    private static readonly QuestionnaireTemplate RiversideOwn3 = QuestionnaireTemplate.Create(Templates.Valid() with { Version = 3 }, Riverside, Library2);
    private static readonly QuestionnaireTemplate NorthfieldOwn3 = QuestionnaireTemplate.Create(Templates.Valid() with { Version = 3 }, Northfield, Library2);

    [Fact]
    public void AnOrganisationSeesTheLibraryAndItsOwnTemplatesOnly()
    {
        Assert.True(Library1.IsLibrary);
        Assert.True(Library1.IsAvailableTo(Riverside));
        Assert.True(RiversideOwn3.IsAvailableTo(Riverside));
        Assert.False(RiversideOwn3.IsAvailableTo(Northfield));
        Assert.False(RiversideOwn3.IsLibrary);
    }

    [Fact]
    public void AnAdoptionRecordsTheVersionWhoAndWhen()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library1, At, "Rosa Lind");

        Assert.Equal((Riverside, "psi-co-governance", Library1.Id, 1, At, "Rosa Lind"),
            (adoption.OrganisationId, adoption.TemplateKey, adoption.TemplateId, adoption.TemplateVersion, adoption.AdoptedAt, adoption.AdoptedBy));
    }

    [Fact]
    public void AnOrganisationMovesToANewerVersionItsOwnOrTheLibrarys()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library1, At, "CoGov");

        adoption.MoveTo(Library2, At.AddDays(1), "Rosa Lind");
        adoption.MoveTo(RiversideOwn3, At.AddDays(2), "Rosa Lind");

        Assert.Equal((RiversideOwn3.Id, 3, At.AddDays(2)), (adoption.TemplateId, adoption.TemplateVersion, adoption.AdoptedAt));
    }

    [Fact]
    public void MovingBackToAnOlderVersionIsRefused()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library2, At, "CoGov");

        Assert.False(adoption.MayMoveTo(Library1));
        var refusal = Assert.Throws<DomainRuleException>(() => adoption.MoveTo(Library1, At, "Rosa Lind"));

        Assert.Equal("psi-co-governance version 1 is not newer than version 2, which is in use: an organisation moves only to a newer version. To go back to older wording, upload it as a new version.", refusal.Message);
        Assert.Equal(Library2.Id, adoption.TemplateId);
    }

    [Fact]
    public void MovingToTheVersionInUseIsRefused()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library1, At, "CoGov");

        var refusal = Assert.Throws<DomainRuleException>(() => adoption.MoveTo(Library1, At, "Rosa Lind"));

        Assert.Equal("psi-co-governance version 1 is already the version in use.", refusal.Message);
    }

    [Fact]
    public void AnotherOrganisationsOwnTemplateCannotBeAdoptedOrMovedTo()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library2, At, "CoGov");

        Assert.False(adoption.MayMoveTo(NorthfieldOwn3));
        Assert.Throws<DomainRuleException>(() => adoption.MoveTo(NorthfieldOwn3, At, "Rosa Lind"));
        var refusal = Assert.Throws<DomainRuleException>(() => TemplateAdoption.Adopt(Riverside, NorthfieldOwn3, At, "Rosa Lind"));
        Assert.Equal("psi-co-governance version 3 is another organisation's own questionnaire.", refusal.Message);
        Assert.Equal(Library2.Id, adoption.TemplateId);
    }

    [Fact]
    public void AnAdoptionMovesOnlyWithinItsOwnQuestionnaire()
    {
        var adoption = TemplateAdoption.Adopt(Riverside, Library1, At, "CoGov");
        var other = QuestionnaireTemplate.Create(Templates.Valid() with { Key = "data-lifecycle-at-work", Version = 2 });

        Assert.False(adoption.MayMoveTo(other));
        var refusal = Assert.Throws<DomainRuleException>(() => adoption.MoveTo(other, At, "Rosa Lind"));
        Assert.Equal("data-lifecycle-at-work is another questionnaire than psi-co-governance; adopt it on its own.", refusal.Message);
    }
}
