using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>
/// Replaces an organisation's routing policy from its YAML file, or, with no organisation, the instance's default policy
/// that new organisations start from. All or nothing, like every import.
/// </summary>
/// <param name="OrganisationKey">The organisation, or null for the instance's default (start-up seeding only).</param>
/// <param name="SkipIfPresent">Leave an existing policy alone instead of replacing it (start-up seeding).</param>
[RequiresRole(Roles.Admin)]
public sealed record ImportRoutingPolicy(string? OrganisationKey, string FileName, string Content, bool SkipIfPresent = false)
    : ICommand<ImportResult>, IOrganisationRequest
{
    string IOrganisationRequest.OrganisationKey => OrganisationKey ?? "";
}

public sealed class ImportRoutingPolicyValidator : AbstractValidator<ImportRoutingPolicy>
{
    public ImportRoutingPolicyValidator()
    {
        RuleFor(c => c.FileName).NotEmpty();
        RuleFor(c => c.Content).NotEmpty().WithPhrase("The file is empty.")
            .MaximumLength(1_000_000).WithPhrase("A policy file is at most 1 MB.");
    }
}

public sealed class ImportRoutingPolicyHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<ImportRoutingPolicy, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportRoutingPolicy command, CancellationToken cancellationToken)
    {
        Organisation? organisation = null;
        if (command.OrganisationKey is { } key)
        {
            organisation = await db.Organisations.Include(o => o.People).SingleOrDefaultAsync(o => o.Key == key, cancellationToken)
                ?? throw new NotFoundException($"There is no organisation '{key}'.");
        }
        var existing = await db.RoutingPolicies.SingleOrDefaultAsync(p => p.OrganisationId == (organisation == null ? null : organisation.Id), cancellationToken);
        var label = organisation?.Key ?? "default";
        if (existing is not null && command.SkipIfPresent)
        {
            return ImportResult.AlreadyPresent(label);
        }

        var reader = new YamlDocumentReader(command.FileName);
        var spec = reader.Open(command.Content) is { } root ? RoutingPolicyFile.Read(reader, root) : null;
        if (spec is null)
        {
            return ImportResult.Rejected(reader.Errors);
        }
        var systems = organisation is null ? [] : await db.Systems.Where(s => s.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        var templates = await db.Templates.AvailableTo(organisation?.Id).Include(t => t.Themes).ToListAsync(cancellationToken);
        foreach (var violation in RoutingPolicy.Check(organisation, systems, templates, spec))
        {
            reader.Fail(violation.Path, violation.Text);
        }
        if (reader.Errors.Count > 0)
        {
            return ImportResult.Rejected(reader.Errors);
        }

        // A file replaces whatever is in force when it arrives: it was written whole, not edited from one version.
        var edit = new PolicyEdit(clock.GetUtcNow(), await audit.WhoAsync(cancellationToken), $"Imported from file {command.FileName}");
        RoutingPolicyVersion? version;
        if (existing is null)
        {
            var created = organisation is null ? RoutingPolicy.CreateDefault(templates, spec, edit) : RoutingPolicy.Create(organisation, systems, templates, spec, edit);
            db.RoutingPolicies.Add(created);
            version = created.Versions.Single();
        }
        else
        {
            version = existing.Change(organisation, systems, templates, spec, existing.Number, edit);
        }
        if (organisation is not null && version is not null)
        {
            await PolicyChanges.RecordAsync(audit, organisation, version, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return ImportResult.Imported(label);
    }
}
