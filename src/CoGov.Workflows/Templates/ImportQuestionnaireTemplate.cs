using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Templates;

/// <summary>
/// Imports a questionnaire template from its YAML file: the path an administrator's upload takes and the one the
/// bundled templates take at start-up. All or nothing: a file with any problem changes nothing. An upload changes no
/// cycle: the organisation's cycles open on it once its administrator adopts it (<see cref="AdoptTemplate"/>).
/// </summary>
/// <param name="OrganisationKey">
/// The organisation whose administrator uploads it, whose own template it becomes, or null for the instance's library
/// (start-up seeding only).
/// </param>
/// <param name="SkipIfPresent">Leave an already imported key and version alone instead of rejecting the file (start-up seeding).</param>
[RequiresRole(Roles.Admin)]
public sealed record ImportQuestionnaireTemplate(string? OrganisationKey, string FileName, string Content, bool SkipIfPresent = false)
    : ICommand<ImportResult>, IOrganisationRequest
{
    // No organisation is a key no membership has: only CoGov itself, which skips the check, imports into the library.
    string IOrganisationRequest.OrganisationKey => OrganisationKey ?? "";
}

public sealed class ImportQuestionnaireTemplateValidator : AbstractValidator<ImportQuestionnaireTemplate>
{
    public ImportQuestionnaireTemplateValidator()
    {
        RuleFor(c => c.FileName).NotEmpty();
        RuleFor(c => c.Content).NotEmpty().WithPhrase("The file is empty.")
            .MaximumLength(1_000_000).WithPhrase("A questionnaire file is at most 1 MB.");
    }
}

public sealed class ImportQuestionnaireTemplateHandler(CoGovDbContext db, OrganisationAudit audit)
    : ICommandHandler<ImportQuestionnaireTemplate, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportQuestionnaireTemplate command, CancellationToken cancellationToken)
    {
        var (spec, file) = QuestionnaireTemplateFile.Read(command.FileName, command.Content);
        if (spec is null)
        {
            return ImportResult.Rejected(file.Errors);
        }
        var owner = command.OrganisationKey is { } key
            ? await db.Organisations.AsNoTracking().Where(o => o.Key == key).Select(o => new { o.Id, o.Name }).SingleOrDefaultAsync(cancellationToken)
              ?? throw new NotFoundException($"There is no organisation '{key}'.")
            : null;

        // The versions the owner sees: a library version and an organisation's own never share a number there.
        var versions = await db.Templates.AsNoTracking().Include(t => t.Themes).ThenInclude(t => t.Questions)
            .AvailableTo(owner?.Id).Where(t => t.Key == spec.Key).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(t => t.Version == spec.Version) is { } present)
        {
            if (command.SkipIfPresent)
            {
                return ImportResult.AlreadyPresent(spec.Key);
            }
            var next = versions.Max(t => t.Version) + 1;
            file.Fail("version", owner is not null && present.IsLibrary
                ? new Phrase("{0} version {1} is in the library already; give your revision version {2}.", spec.Key, spec.Version, next)
                : new Phrase("{0} version {1} has already been imported; templates never change once imported, so give the revised file version {2}.", spec.Key, spec.Version, next));
            return ImportResult.Rejected(file.Errors);
        }

        // Questions the file gives no key take the keys of the version it revises, by number.
        var previous = versions.Where(t => t.Version < spec.Version).MaxBy(t => t.Version);
        foreach (var violation in QuestionnaireTemplate.Check(spec, previous))
        {
            file.Fail(violation.Path, violation.Text);
        }
        if (file.Errors.Count > 0)
        {
            return ImportResult.Rejected(file.Errors);
        }

        var template = QuestionnaireTemplate.Create(spec, owner?.Id, previous);
        db.Templates.Add(template);
        if (owner is not null)
        {
            await audit.RecordAsync(owner.Id, AuditKind.TemplateImported,
                $"Imported {template.Title.In(null)} ({template.Key}) version {template.Version}, {template.QuestionCount} questions, as {owner.Name}'s own questionnaire.",
                cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return ImportResult.Imported(spec.Key);
    }
}
