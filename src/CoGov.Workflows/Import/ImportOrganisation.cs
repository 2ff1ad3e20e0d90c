using CoGov.Domain.Common;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Import;

/// <summary>
/// Imports an organisation from its YAML file: people, joint committee, systems and assessment cycles with their history.
/// The bundled demo loads through it. All or nothing: a file with any problem changes nothing.
/// </summary>
/// <param name="SkipIfPresent">Leave an organisation with the same key alone instead of rejecting the file (start-up seeding).</param>
[RequiresOperator] // a new organisation belongs to no organisation's administrator yet
public sealed record ImportOrganisation(string FileName, string Content, bool SkipIfPresent = false) : ICommand<ImportResult>;

public sealed class ImportOrganisationValidator : AbstractValidator<ImportOrganisation>
{
    public ImportOrganisationValidator()
    {
        RuleFor(c => c.FileName).NotEmpty();
        RuleFor(c => c.Content).NotEmpty().WithPhrase("The file is empty.")
            .MaximumLength(10_000_000).WithPhrase("An organisation file is at most 10 MB.");
    }
}

public sealed class ImportOrganisationHandler(CoGovDbContext db, TimeProvider clock) : ICommandHandler<ImportOrganisation, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportOrganisation command, CancellationToken cancellationToken)
    {
        // Templates are few and small; loading the newest library version of each lets the file name them by key alone:
        // the versions the organisation adopts.
        var templates = (await db.Templates.AvailableTo(null).Include(t => t.Themes).ThenInclude(t => t.Questions).ToListAsync(cancellationToken))
            .GroupBy(t => t.Key)
            .ToDictionary(g => g.Key, g => g.MaxBy(t => t.Version)!);
        var defaultPolicy = await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == null, cancellationToken);

        var (import, file) = OrganisationFile.Read(command.FileName, command.Content, templates, defaultPolicy, clock.GetUtcNow());
        if (import is null)
        {
            return ImportResult.Rejected(file.Errors);
        }
        var organisation = import.Organisation;
        if (await db.Organisations.AnyAsync(o => o.Key == organisation.Key, cancellationToken))
        {
            if (command.SkipIfPresent)
            {
                return ImportResult.AlreadyPresent(organisation.Key);
            }
            file.Fail("organisation.key", new Phrase("an organisation with the key '{0}' already exists.", organisation.Key));
            return ImportResult.Rejected(file.Errors);
        }

        db.Organisations.Add(organisation);
        await db.AdoptLibraryAsync(organisation, clock.GetUtcNow(), cancellationToken);
        db.Systems.AddRange(import.Systems);
        // Each system's register starts at version 1, as one registered in the app does.
        db.SystemVersions.AddRange(import.Systems.Select(system => new SystemVersion(
            system,
            system.Snapshot(system.OwnerId is { } ownerId ? organisation.FindPerson(ownerId)?.Name : null),
            clock.GetUtcNow(),
            "CoGov",
            null,
            $"Imported from {command.FileName}.")));
        db.RoutingPolicies.Add(import.Policy);
        db.Assessments.AddRange(import.Assessments);
        await db.SaveChangesAsync(cancellationToken);
        return ImportResult.Imported(organisation.Key);
    }
}
