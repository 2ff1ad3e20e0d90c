using CoGov.Domain.Common;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Import;

/// <summary>
/// Imports a questionnaire template from its YAML file: the path an administrator's upload takes and the one the
/// bundled templates take at start-up. All or nothing: a file with any problem changes nothing.
/// </summary>
/// <param name="OrganisationKey">
/// The organisation whose administrator uploads it, or null for the bundled templates (start-up seeding only). For now
/// the template joins the instance's library, which every organisation uses, until organisations adopt templates of
/// their own (issue 10).
/// </param>
/// <param name="SkipIfPresent">Leave an already imported key and version alone instead of rejecting the file (start-up seeding).</param>
[RequiresRole(Roles.Admin)]
public sealed record ImportQuestionnaireTemplate(string? OrganisationKey, string FileName, string Content, bool SkipIfPresent = false)
    : ICommand<ImportResult>, IOrganisationRequest
{
    // No organisation is a key no membership has: only CoGov itself, which skips the check, imports the bundled ones.
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

public sealed class ImportQuestionnaireTemplateHandler(CoGovDbContext db) : ICommandHandler<ImportQuestionnaireTemplate, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportQuestionnaireTemplate command, CancellationToken cancellationToken)
    {
        var (spec, file) = QuestionnaireTemplateFile.Read(command.FileName, command.Content);
        if (spec is null)
        {
            return ImportResult.Rejected(file.Errors);
        }
        if (await db.Templates.AnyAsync(t => t.Key == spec.Key && t.Version == spec.Version, cancellationToken))
        {
            if (command.SkipIfPresent)
            {
                return ImportResult.AlreadyPresent(spec.Key);
            }
            file.Fail("version", new Phrase("{0} version {1} has already been imported; templates never change once imported, so give the revised file version {2}.", spec.Key, spec.Version, spec.Version + 1));
            return ImportResult.Rejected(file.Errors);
        }

        db.Templates.Add(QuestionnaireTemplate.Create(spec));
        await db.SaveChangesAsync(cancellationToken);
        return ImportResult.Imported(spec.Key);
    }
}
