using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Templates;

/// <summary>
/// The questionnaires an organisation's administrators manage: the library's and the organisation's own, every version,
/// which version the organisation uses, and which it may move to. Other organisations' own templates are not there.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record GetTemplates(string OrganisationKey) : IQuery<TemplatesOverview>, IOrganisationRequest;

public sealed record TemplatesOverview(string OrganisationKey, string OrganisationName, IReadOnlyList<QuestionnaireVersions> Questionnaires);

/// <param name="Title">The newest version's title, in the organisation's language when the template has it.</param>
/// <param name="InUse">The version the organisation has adopted, or null when it uses none yet.</param>
/// <param name="OpenCycles">The organisation's cycles on this questionnaire not yet signed off: they keep their version whatever is adopted.</param>
/// <param name="Versions">Newest first.</param>
public sealed record QuestionnaireVersions(string Key, string Title, AdoptedVersion? InUse, int OpenCycles, IReadOnlyList<TemplateRow> Versions);

/// <param name="By">Who adopted it, as named then ("CoGov" when it came with the organisation).</param>
public sealed record AdoptedVersion(int Version, bool Own, DateTimeOffset At, string By);

/// <param name="Own">The organisation's own version (uploaded by its administrator) rather than the library's.</param>
/// <param name="Title">In the organisation's language when the template has it.</param>
/// <param name="Cycles">How many of the organisation's cycles were opened on this version.</param>
/// <param name="IsInUse">The version the organisation has adopted.</param>
/// <param name="MayAdopt">The organisation may adopt it: it uses no version of the questionnaire yet, or this one is newer.</param>
public sealed record TemplateRow(
    string Key, int Version, bool Own, string Title, int ThemeCount, int QuestionCount, IReadOnlyList<string> Languages, int Cycles,
    bool IsInUse, bool MayAdopt);

public sealed class GetTemplatesHandler(CoGovDbContext db) : IQueryHandler<GetTemplates, TemplatesOverview>
{
    public async ValueTask<TemplatesOverview> Handle(GetTemplates query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Id, o.Key, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var templates = await db.Templates.AsNoTracking().AvailableTo(organisation.Id)
            .Include(t => t.Themes).ThenInclude(t => t.Questions).ToListAsync(cancellationToken);
        var adoptions = await db.TemplateAdoptions.AsNoTracking().Where(a => a.OrganisationId == organisation.Id)
            .ToDictionaryAsync(a => a.TemplateKey, StringComparer.Ordinal, cancellationToken);
        var cycles = await db.Assessments.Where(a => a.OrganisationId == organisation.Id)
            .GroupBy(a => new { a.TemplateId, Open = a.State != AssessmentState.SignedOff })
            .Select(g => new { g.Key.TemplateId, g.Key.Open, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var cyclesOn = cycles.GroupBy(c => c.TemplateId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var openOn = cycles.Where(c => c.Open).GroupBy(c => c.TemplateId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        var questionnaires = templates
            .GroupBy(t => t.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(versions =>
            {
                var adoption = adoptions.GetValueOrDefault(versions.Key);
                var inUse = adoption is null ? null : versions.FirstOrDefault(t => t.Id == adoption.TemplateId);
                var rows = versions
                    .OrderByDescending(t => t.Version).ThenBy(t => t.IsLibrary)
                    .Select(t => new TemplateRow(t.Key, t.Version, !t.IsLibrary, t.Title.In(organisation.Language), t.Themes.Count, t.QuestionCount,
                        t.Languages, cyclesOn.GetValueOrDefault(t.Id), t.Id == adoption?.TemplateId, adoption?.MayMoveTo(t) ?? true))
                    .ToList();
                return new QuestionnaireVersions(
                    versions.Key,
                    rows[0].Title,
                    adoption is null || inUse is null ? null : new AdoptedVersion(adoption.TemplateVersion, !inUse.IsLibrary, adoption.AdoptedAt, adoption.AdoptedBy),
                    versions.Sum(t => openOn.GetValueOrDefault(t.Id)),
                    rows);
            })
            .ToList();
        return new TemplatesOverview(organisation.Key, organisation.Name, questionnaires);
    }
}
