using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Import;

/// <summary>
/// The imported questionnaire templates, every version, for an organisation's administrators. Templates belong to the
/// whole CoGov instance: every organisation can open cycles on any of them.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record GetTemplates(string OrganisationKey) : IQuery<TemplatesOverview>, IOrganisationRequest;

public sealed record TemplatesOverview(string OrganisationKey, string OrganisationName, IReadOnlyList<TemplateRow> Templates);

/// <param name="Title">In the organisation's language when the template has it.</param>
/// <param name="InUse">How many cycles, in any organisation, were opened on this version.</param>
public sealed record TemplateRow(string Key, int Version, string Title, int ThemeCount, int QuestionCount, IReadOnlyList<string> Languages, int InUse);

public sealed class GetTemplatesHandler(CoGovDbContext db) : IQueryHandler<GetTemplates, TemplatesOverview>
{
    public async ValueTask<TemplatesOverview> Handle(GetTemplates query, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Key == query.OrganisationKey)
            .Select(o => new { o.Key, o.Name, o.Language })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        var templates = await db.Templates.AsNoTracking().Include(t => t.Themes).ThenInclude(t => t.Questions).ToListAsync(cancellationToken);
        var cycles = await db.Assessments.GroupBy(a => a.TemplateId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        return new TemplatesOverview(
            organisation.Key,
            organisation.Name,
            [
                .. templates
                    .OrderBy(t => t.Key, StringComparer.Ordinal).ThenByDescending(t => t.Version)
                    .Select(t => new TemplateRow(t.Key, t.Version, t.Title.In(organisation.Language), t.Themes.Count, t.QuestionCount,
                        t.Languages, cycles.GetValueOrDefault(t.Id))),
            ]);
    }
}
