using System.Globalization;
using System.Text;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Systems;

/// <summary>
/// Puts an algorithmic system on the organisation's register, with the fields of public algorithm registers, so that
/// its cycles can be opened. Returns the system's key.
/// </summary>
/// <param name="Key">The key in the system's address; derived from the name when empty.</param>
/// <param name="PersonalData">The kinds of workers' personal data it processes, one per entry.</param>
/// <param name="Status">Where the system stands: proposed, pilot or in use (retiring comes later, with its reason).</param>
/// <param name="StatusSince">The day that status began; today when not given.</param>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record RegisterSystem(
    string OrganisationKey,
    string? Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string? ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    SystemStatus Status = SystemStatus.InUse,
    DateOnly? StatusSince = null,
    string? OwnerKey = null,
    string? Contact = null,
    string? DecisionsSupported = null,
    string? HumanOversight = null,
    string? DataSources = null,
    string? StorageJurisdiction = null,
    string? Retention = null,
    string? WorkersAffected = null,
    int? WorkersAffectedCount = null,
    IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments = null) : ICommand<string>, IOrganisationRequest, ISystemRegisterFields
{
    /// <summary>
    /// The last segment of the registration page's own address: a system with this key could never be reached, since
    /// the page would answer instead.
    /// </summary>
    public const string ReservedKey = "new";

    /// <summary>The key the system will have: the one given, or one made from the name.</summary>
    public string EffectiveKey => string.IsNullOrWhiteSpace(Key) ? KeyFromName(Name) : Key.Trim();

    /// <summary>
    /// A key from a name as a person would shorten it for an address: "ShiftWise Rostering" becomes
    /// <c>shiftwise-rostering</c>, accents are dropped ("Évaluation" gives <c>evaluation</c>), anything else that is not
    /// a letter or digit separates words. Empty when nothing of the name is usable (a name in another script).
    /// </summary>
    public static string KeyFromName(string? name)
    {
        var key = new StringBuilder();
        var pendingHyphen = false;
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && key.Length > 0)
                {
                    key.Append('-');
                }
                pendingHyphen = false;
                key.Append(lower);
            }
            else
            {
                pendingHyphen = true;
            }
        }
        var whole = key.ToString();
        return whole.Length <= Keys.MaxLength ? whole : whole[..Keys.MaxLength].TrimEnd('-');
    }
}

/// <summary>Who may put a system on an organisation's register: its workers' side, or an administrator (<see cref="AlgorithmicSystem.MayKeepRegister"/>).</summary>
public static class SystemRegistrationRule
{
    /// <param name="actor">The person the user is in the organisation, or null when they are not one of its people.</param>
    public static bool Allows(UserContext user, Actor? actor) =>
        AlgorithmicSystem.MayKeepRegister(actor, user.IsInRole(Roles.Admin)) && user.MaySend<RegisterSystem>();
}

public sealed class RegisterSystemValidator : AbstractValidator<RegisterSystem>
{
    public RegisterSystemValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        Include(new SystemRegisterFieldsValidator());
        RuleFor(c => c.Status).Must(s => s is SystemStatus.Proposed or SystemStatus.Pilot or SystemStatus.InUse)
            .WithPhrase("Register the system as proposed, pilot or in use; retire it afterwards, with its reason.");
        RuleFor(c => c.EffectiveKey)
            .Must(Keys.IsValid)
            .WithPhrase((c, _) => string.IsNullOrWhiteSpace(c.Key)
                ? new Phrase("No key can be made from this name: give a key of lowercase letters, digits and single hyphens, such as 'staff-rostering'.")
                : new Phrase("'{0}' cannot be a key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", c.Key!.Trim(), Keys.MaxLength))
            .NotEqual(RegisterSystem.ReservedKey).WithPhrase("'{0}' is kept for the registration page's address: choose another key.", (_, _) => [RegisterSystem.ReservedKey])
            // Reported against the field a person fills in, whether they typed the key or it was made from the name.
            .OverridePropertyName(nameof(RegisterSystem.Key));
    }
}

public sealed class RegisterSystemHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<RegisterSystem, string>
{
    public async ValueTask<string> Handle(RegisterSystem command, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(command.OrganisationKey, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;
        SystemRegister.EnsureMayKeep(organisation, user, actor, "register");
        var owner = SystemRegister.Owner(organisation, command.OwnerKey);
        var today = SystemRegister.Today(clock);
        if (command.StatusSince > today)
        {
            throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(RegisterSystem.StatusSince)] = [new Phrase("A status is recorded once it has begun: {0:yyyy-MM-dd} is after today.", command.StatusSince)],
            });
        }

        var key = command.EffectiveKey;
        await RefuseTakenKeyAsync(organisation.Id, key, cancellationToken);
        var system = new AlgorithmicSystem(organisation.Id, key, command.Name, command.Purpose, command.Vendor, command.Sourcing,
            command.ContractNotes, command.PersonalData, command.Department, command.Status, command.StatusSince ?? today);
        system.Describe(SystemRegister.DetailsOf(command), owner);
        db.Systems.Add(system);
        await SystemRegister.KeepVersionAsync(db, audit, clock, user, organisation, system, AuditKind.SystemRegistered,
            $"Registered, {system.Status.Describe()} since {system.StatusSince:yyyy-MM-dd}.", cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone may have registered a system with the same key between the check and the save, and the unique
            // index refused this one: say so as for any taken key. Anything else is not a person's mistake.
            db.ChangeTracker.Clear();
            await RefuseTakenKeyAsync(organisation.Id, key, cancellationToken);
            throw;
        }
        return system.Key;
    }

    private async Task RefuseTakenKeyAsync(Guid organisationId, string key, CancellationToken cancellationToken)
    {
        if (await KeyTakenAsync(organisationId, key, cancellationToken) is { } holder)
        {
            throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(RegisterSystem.Key)] = [new Phrase("'{0}' is already the key of {1}: choose another key.", key, holder)],
            });
        }
    }

    /// <summary>The name of the organisation's system that already has the key, if any.</summary>
    private Task<string?> KeyTakenAsync(Guid organisationId, string key, CancellationToken cancellationToken) =>
        db.Systems.AsNoTracking()
            .Where(s => s.OrganisationId == organisationId && s.Key == key)
            .Select(s => s.Name)
            .FirstOrDefaultAsync(cancellationToken);
}
