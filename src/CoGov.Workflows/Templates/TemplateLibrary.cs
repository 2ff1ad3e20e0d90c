using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Templates;

/// <summary>
/// What an organisation may see of the questionnaire templates, and which version it uses. The library (templates with no
/// owner, bundled with CoGov) is everyone's; a template an administrator uploads is that organisation's alone (decision
/// record 12). Every query that lists or chooses templates for an organisation goes through <see cref="AvailableTo"/>.
/// </summary>
public static class TemplateLibrary
{
    /// <summary>The library's templates and the organisation's own; with no organisation, the library's alone.</summary>
    public static IQueryable<QuestionnaireTemplate> AvailableTo(this IQueryable<QuestionnaireTemplate> templates, Guid? organisationId) =>
        organisationId is { } id
            ? templates.Where(t => t.OwnerId == null || t.OwnerId == id)
            : templates.Where(t => t.OwnerId == null);

    /// <summary>
    /// A new organisation starts with the newest library version of each questionnaire, adopted in the same save as the
    /// organisation itself. Whoever creates an organisation calls this: the first-run setup, an operator, the demo import.
    /// </summary>
    public static async Task AdoptLibraryAsync(this CoGovDbContext db, Organisation organisation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var library = await db.Templates.AsNoTracking().AvailableTo(null).ToListAsync(cancellationToken);
        foreach (var newest in library.GroupBy(t => t.Key).Select(g => g.MaxBy(t => t.Version)!))
        {
            db.TemplateAdoptions.Add(TemplateAdoption.Adopt(organisation.Id, newest, at, "CoGov"));
        }
    }

    /// <summary>
    /// The version of the questionnaire the organisation has adopted, with its themes and questions, or null when it has
    /// adopted none: what its next cycle on that questionnaire opens on, by hand or on schedule.
    /// </summary>
    public static Task<QuestionnaireTemplate?> AdoptedTemplateAsync(this CoGovDbContext db, Guid organisationId, string templateKey, CancellationToken cancellationToken) =>
        db.Templates.Include(t => t.Themes).ThenInclude(t => t.Questions)
            .AvailableTo(organisationId)
            .Where(t => db.TemplateAdoptions.Any(a => a.OrganisationId == organisationId && a.TemplateKey == templateKey && a.TemplateId == t.Id))
            .SingleOrDefaultAsync(cancellationToken);
}
