using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>The fields registering and editing a system share: its description and what public algorithm registers publish about it.</summary>
public interface ISystemRegisterFields
{
    string Name { get; }
    string Purpose { get; }
    string Vendor { get; }
    Sourcing Sourcing { get; }
    string? ContractNotes { get; }
    IReadOnlyList<string> PersonalData { get; }
    string Department { get; }

    /// <summary>The key of the person who answers for the system, or empty.</summary>
    string? OwnerKey { get; }

    string? Contact { get; }
    string? DecisionsSupported { get; }
    string? HumanOversight { get; }
    string? DataSources { get; }
    string? StorageJurisdiction { get; }
    string? Retention { get; }
    string? WorkersAffected { get; }
    int? WorkersAffectedCount { get; }
    IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments { get; }
}

/// <summary>The limits of a register entry's fields, as the database holds them, each reported at its field.</summary>
public sealed class SystemRegisterFieldsValidator : AbstractValidator<ISystemRegisterFields>
{
    public SystemRegisterFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithPhrase("Give the system's name.")
            .MaximumLength(200).WithPhrase("Keep the name to 200 characters.");
        RuleFor(c => c.Purpose).NotEmpty().WithPhrase("Say what the system is for.")
            .MaximumLength(4_000).WithPhrase("Keep the purpose to 4,000 characters.");
        RuleFor(c => c.Vendor).NotEmpty().WithPhrase("Name the developer or vendor (for a system built in-house, the team that built it).")
            .MaximumLength(200).WithPhrase("Keep the developer or vendor to 200 characters.");
        RuleFor(c => c.Sourcing).IsInEnum().WithPhrase("Say whether the system was built in-house or procured.");
        RuleFor(c => c.ContractNotes).MaximumLength(20_000).WithPhrase("Keep the contract notes to 20,000 characters.");
        RuleFor(c => c.PersonalData).Must(d => d.Count <= 100).WithPhrase("List at most 100 kinds of personal data.");
        RuleForEach(c => c.PersonalData).MaximumLength(200).WithPhrase("Keep each kind of personal data to 200 characters.")
            .OverridePropertyName(nameof(ISystemRegisterFields.PersonalData));
        RuleFor(c => c.Department).NotEmpty().WithPhrase("Name the department that runs the system.")
            .MaximumLength(200).WithPhrase("Keep the department to 200 characters.");
        RuleFor(c => c.Contact).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Contact))
            .WithPhrase("'{0}' is not an e-mail address: give an address to write to about the system.", (_, value) => [value])
            .MaximumLength(256).WithPhrase("Keep the contact address to {0} characters.", (_, _) => [256]);
        foreach (var (field, read) in LongTexts)
        {
            RuleFor(read).MaximumLength(AlgorithmicSystem.MaxTextLength)
                .WithPhrase("Keep each field of the register to {0} characters.", (_, _) => [AlgorithmicSystem.MaxTextLength])
                .OverridePropertyName(field);
        }
        RuleFor(c => c.StorageJurisdiction).MaximumLength(AlgorithmicSystem.MaxShortTextLength)
            .WithPhrase("Keep the jurisdiction to {0} characters, for example 'EU (Ireland)'.", (_, _) => [AlgorithmicSystem.MaxShortTextLength]);
        RuleFor(c => c.WorkersAffectedCount).GreaterThanOrEqualTo(0).When(c => c.WorkersAffectedCount is not null)
            .WithPhrase("The number of workers affected cannot be negative.");
        RuleFor(c => c.ImpactAssessments).Custom((links, context) =>
        {
            links ??= [];
            if (links.Count > AlgorithmicSystem.MaxImpactAssessments)
            {
                context.AddPhrase(nameof(ISystemRegisterFields.ImpactAssessments),
                    new Phrase("Link at most {0} impact assessments.", AlgorithmicSystem.MaxImpactAssessments));
            }
            foreach (var link in links)
            {
                if (string.IsNullOrWhiteSpace(link.Title))
                {
                    context.AddPhrase(nameof(ISystemRegisterFields.ImpactAssessments), new Phrase("Give the impact assessment at {0} a title.", link.Url));
                }
                else if (link.Title.Trim().Length > ImpactAssessmentLink.MaxTitleLength)
                {
                    context.AddPhrase(nameof(ISystemRegisterFields.ImpactAssessments),
                        new Phrase("Keep the title of an impact assessment to {0} characters.", ImpactAssessmentLink.MaxTitleLength));
                }
                if (!ImpactAssessmentLink.IsWebAddress(link.Url))
                {
                    context.AddPhrase(nameof(ISystemRegisterFields.ImpactAssessments),
                        new Phrase("'{0}' is not a web address: give the whole address of '{1}', starting with https:// or http://.", link.Url, link.Title));
                }
            }
        });
    }

    private static readonly (string Field, System.Linq.Expressions.Expression<Func<ISystemRegisterFields, string?>> Read)[] LongTexts =
    [
        (nameof(ISystemRegisterFields.DecisionsSupported), c => c.DecisionsSupported),
        (nameof(ISystemRegisterFields.HumanOversight), c => c.HumanOversight),
        (nameof(ISystemRegisterFields.DataSources), c => c.DataSources),
        (nameof(ISystemRegisterFields.Retention), c => c.Retention),
        (nameof(ISystemRegisterFields.WorkersAffected), c => c.WorkersAffected),
    ];
}

/// <summary>
/// What the register's commands share: who may keep it, the owner named by key, and the version each change writes
/// beside its audit entry, in the same save.
/// </summary>
internal static class SystemRegister
{
    public static RegisterDetails DetailsOf(ISystemRegisterFields fields) => new(
        fields.Contact, fields.DecisionsSupported, fields.HumanOversight, fields.DataSources, fields.StorageJurisdiction,
        fields.Retention, fields.WorkersAffected, fields.WorkersAffectedCount, fields.ImpactAssessments ?? []);

    /// <summary>Refuses anyone who may not keep the register (<see cref="AlgorithmicSystem.MayKeepRegister"/>), in words that say why.</summary>
    public static void EnsureMayKeep(Organisation organisation, UserContext user, Actor? actor, string doing)
    {
        if (AlgorithmicSystem.MayKeepRegister(actor, user.IsInRole(Roles.Admin)))
        {
            return;
        }
        throw actor is null
            ? new ForbiddenException($"Your account is not one of {organisation.Name}'s people, so it cannot {doing} its systems.")
            : new DomainRuleException("Only the workers' side or an administrator keeps the register of systems; {0} is on {1}.", actor.Name, actor.Side.Describe());
    }

    /// <summary>
    /// The system to change, tracked, holding the version the person saw. A form filled from an older version is
    /// refused, naming who saved the newer one; two saves racing from the same version are caught by the row's
    /// concurrency version and the unique version number, and the second is told to reload.
    /// </summary>
    public static async Task<AlgorithmicSystem> LoadForChangeAsync(
        CoGovDbContext db, Organisation organisation, string systemKey, int expectedVersion, CancellationToken cancellationToken)
    {
        var system = await db.Systems.SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == systemKey, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{systemKey}'.");
        if (system.RegisterVersion != expectedVersion)
        {
            var newest = await db.SystemVersions.AsNoTracking().Where(v => v.SystemId == system.Id)
                .OrderByDescending(v => v.Number).Select(v => new { v.By, v.At }).FirstOrDefaultAsync(cancellationToken);
            throw new ConflictException(
                new Phrase("{0} changed the register entry of {1} (now version {2}) after you opened it, so nothing was saved: reload it and make your change again.",
                    newest?.By ?? "Someone", system.Name, system.RegisterVersion),
                new DbUpdateConcurrencyException($"Expected version {expectedVersion} of {system.Key}, found {system.RegisterVersion}."));
        }
        return system;
    }

    /// <summary>
    /// Saves a change of the register. A second save racing from the same version fails on the system row's
    /// concurrency version, or on the unique version number if its insert runs first: both are the same conflict.
    /// </summary>
    public static async Task SaveChangeAsync(CoGovDbContext db, AlgorithmicSystem system, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            var number = system.RegisterVersion;
            db.ChangeTracker.Clear();
            if (await db.SystemVersions.AnyAsync(v => v.SystemId == system.Id && v.Number == number, cancellationToken))
            {
                throw new DbUpdateConcurrencyException($"Version {number} of {system.Key} was saved by someone else first.", ex);
            }
            throw;
        }
    }

    /// <summary>The owner named by key, or a refusal at the owner's field when the organisation has no such person.</summary>
    public static Person? Owner(Organisation organisation, string? ownerKey) =>
        string.IsNullOrWhiteSpace(ownerKey)
            ? null
            : organisation.FindPerson(ownerKey.Trim()) ?? throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(ISystemRegisterFields.OwnerKey)] = [new Phrase("{0} has no person '{1}'.", organisation.Name, ownerKey.Trim())],
            });

    /// <summary>Writes the system's current entry as its version <see cref="AlgorithmicSystem.RegisterVersion"/>, with who made the change and the audit entry.</summary>
    public static async Task KeepVersionAsync(
        CoGovDbContext db, OrganisationAudit audit, TimeProvider clock, UserContext user, Organisation organisation, AlgorithmicSystem system,
        AuditKind kind, string change, CancellationToken cancellationToken)
    {
        var ownerName = system.OwnerId is { } ownerId ? organisation.FindPerson(ownerId)?.Name : null;
        var by = await audit.WhoAsync(cancellationToken);
        db.SystemVersions.Add(new SystemVersion(system, system.Snapshot(ownerName), clock.GetUtcNow(), by, user.PersonId, change));
        await audit.RecordAsync(organisation.Id, kind, $"{system.Name} ({system.Key}), version {system.RegisterVersion}: {change}", cancellationToken);
    }

    /// <summary>The organisation's today, as the register dates statuses: the day in UTC (an organisation keeps no time zone of its own yet).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
