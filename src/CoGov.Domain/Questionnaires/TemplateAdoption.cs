using CoGov.Domain.Common;

namespace CoGov.Domain.Questionnaires;

/// <summary>
/// Which version of a questionnaire an organisation uses: every cycle it opens on that questionnaire, by hand or by the
/// sweep, opens on this version until its administrator moves to a newer one. One per organisation and template key.
/// Cycles already open keep the version they began with (decision record 12).
/// </summary>
public sealed class TemplateAdoption
{
    private TemplateAdoption()
    {
        TemplateKey = AdoptedBy = "";
    }

    private TemplateAdoption(Guid organisationId, QuestionnaireTemplate template, DateTimeOffset at, string by)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        TemplateKey = template.Key;
        Use(template, at, by);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string TemplateKey { get; private set; }

    /// <summary>The version in use: the template row, which may be the library's or the organisation's own.</summary>
    public Guid TemplateId { get; private set; }

    public int TemplateVersion { get; private set; }

    /// <summary>When the organisation began using <see cref="TemplateVersion"/>.</summary>
    public DateTimeOffset AdoptedAt { get; private set; }

    /// <summary>The name of who adopted it, as it was then; "CoGov" when it came with the organisation's creation.</summary>
    public string AdoptedBy { get; private set; }

    /// <summary>An organisation starts using a questionnaire it has not used before, at the version given.</summary>
    public static TemplateAdoption Adopt(Guid organisationId, QuestionnaireTemplate template, DateTimeOffset at, string by)
    {
        EnsureAvailable(organisationId, template);
        return new TemplateAdoption(organisationId, template, at, by);
    }

    /// <summary>
    /// Moves to a newer version of the same questionnaire. Never back to an older one: the cycles opened since asked the
    /// newer questions, and going back would ask superseded ones again. A version made by mistake is replaced by uploading
    /// a newer one.
    /// </summary>
    public void MoveTo(QuestionnaireTemplate template, DateTimeOffset at, string by)
    {
        EnsureAvailable(OrganisationId, template);
        if (template.Key != TemplateKey)
        {
            throw new DomainRuleException("{0} is another questionnaire than {1}; adopt it on its own.", template.Key, TemplateKey);
        }
        if (template.Id == TemplateId)
        {
            throw new DomainRuleException("{0} version {1} is already the version in use.", template.Key, template.Version);
        }
        if (template.Version <= TemplateVersion)
        {
            throw new DomainRuleException("{0} version {1} is not newer than version {2}, which is in use: an organisation moves only to a newer version. To go back to older wording, upload it as a new version.", template.Key, template.Version, TemplateVersion);
        }
        Use(template, at, by);
    }

    /// <summary>Whether <see cref="MoveTo"/> would take this version, for a page to offer only what it would.</summary>
    public bool MayMoveTo(QuestionnaireTemplate template) =>
        template.IsAvailableTo(OrganisationId) && template.Key == TemplateKey && template.Version > TemplateVersion;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(AdoptedBy))]
    private void Use(QuestionnaireTemplate template, DateTimeOffset at, string by)
    {
        TemplateId = template.Id;
        TemplateVersion = template.Version;
        AdoptedAt = at.ToUniversalTime();
        AdoptedBy = by;
    }

    private static void EnsureAvailable(Guid organisationId, QuestionnaireTemplate template)
    {
        if (!template.IsAvailableTo(organisationId))
        {
            throw new DomainRuleException("{0} version {1} is another organisation's own questionnaire.", template.Key, template.Version);
        }
    }
}
