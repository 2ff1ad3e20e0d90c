using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Templates;

/// <summary>
/// An administrator chooses the version of a questionnaire the organisation uses: its next cycles on it open on that
/// version, those the sweep opens too; cycles already open keep theirs. A first adoption takes any version the
/// organisation sees; after that only a newer one (<see cref="TemplateAdoption.MoveTo"/>).
/// </summary>
/// <param name="Own">The organisation's own version with that number rather than the library's.</param>
[RequiresRole(Roles.Admin)]
public sealed record AdoptTemplate(string OrganisationKey, string TemplateKey, int Version, bool Own = false) : ICommand, IOrganisationRequest;

public sealed class AdoptTemplateValidator : AbstractValidator<AdoptTemplate>
{
    public AdoptTemplateValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.TemplateKey).NotEmpty().WithPhrase("Choose the questionnaire.");
        RuleFor(c => c.Version).GreaterThan(0).WithPhrase("Choose the version.");
    }
}

public sealed class AdoptTemplateHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<AdoptTemplate>
{
    public async ValueTask<Unit> Handle(AdoptTemplate command, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Key == command.OrganisationKey)
            .Select(o => new { o.Id, o.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{command.OrganisationKey}'.");
        // Another organisation's own template answers as if it did not exist.
        var template = await db.Templates.AvailableTo(organisation.Id)
            .Where(t => t.Key == command.TemplateKey && t.Version == command.Version)
            .Where(t => command.Own ? t.OwnerId == organisation.Id : t.OwnerId == null)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no questionnaire '{command.TemplateKey}' version {command.Version}.");

        var now = clock.GetUtcNow();
        var by = await audit.WhoAsync(cancellationToken);
        var adoption = await db.TemplateAdoptions
            .SingleOrDefaultAsync(a => a.OrganisationId == organisation.Id && a.TemplateKey == template.Key, cancellationToken);
        string change;
        if (adoption is null)
        {
            db.TemplateAdoptions.Add(TemplateAdoption.Adopt(organisation.Id, template, now, by));
            change = $"Adopted {template.Key} version {template.Version}: cycles on it open on this version from now on.";
        }
        else
        {
            var from = adoption.TemplateVersion;
            adoption.MoveTo(template, now, by);
            change = $"Moved {template.Key} from version {from} to version {template.Version}: the next cycles open on it; cycles already open keep version {from}.";
        }
        await audit.RecordAsync(organisation.Id, AuditKind.TemplateAdopted, change, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
