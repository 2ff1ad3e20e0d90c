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
public sealed record RegisterSystem(
    string OrganisationKey,
    string? Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string? ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department) : ICommand<string>, IOrganisationRequest
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

/// <summary>Who may put a system on an organisation's register: its workers' side, or an administrator.</summary>
public static class SystemRegistrationRule
{
    /// <param name="actor">The person the user is in the organisation, or null when they are not one of its people.</param>
    public static bool Allows(UserContext user, Actor? actor) => user.IsInRole(Roles.Admin) || actor?.Side == Side.Workers;
}

public sealed class RegisterSystemValidator : AbstractValidator<RegisterSystem>
{
    public RegisterSystemValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().WithPhrase("Give the system's name.")
            .MaximumLength(200).WithPhrase("Keep the name to 200 characters.");
        RuleFor(c => c.EffectiveKey)
            .Must(Keys.IsValid)
            .WithPhrase((c, _) => string.IsNullOrWhiteSpace(c.Key)
                ? new Phrase("No key can be made from this name: give a key of lowercase letters, digits and single hyphens, such as 'staff-rostering'.")
                : new Phrase("'{0}' cannot be a key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", c.Key!.Trim(), Keys.MaxLength))
            .NotEqual(RegisterSystem.ReservedKey).WithPhrase("'{0}' is kept for the registration page's address: choose another key.", (_, _) => [RegisterSystem.ReservedKey])
            // Reported against the field a person fills in, whether they typed the key or it was made from the name.
            .OverridePropertyName(nameof(RegisterSystem.Key));
        RuleFor(c => c.Purpose).NotEmpty().WithPhrase("Say what the system is for.")
            .MaximumLength(4_000).WithPhrase("Keep the purpose to 4,000 characters.");
        RuleFor(c => c.Vendor).NotEmpty().WithPhrase("Name the developer or vendor (for a system built in-house, the team that built it).")
            .MaximumLength(200).WithPhrase("Keep the developer or vendor to 200 characters.");
        RuleFor(c => c.Sourcing).IsInEnum().WithPhrase("Say whether the system was built in-house or procured.");
        RuleFor(c => c.ContractNotes).MaximumLength(20_000).WithPhrase("Keep the contract notes to 20,000 characters.");
        RuleFor(c => c.PersonalData).Must(d => d.Count <= 100).WithPhrase("List at most 100 kinds of personal data.");
        RuleForEach(c => c.PersonalData).MaximumLength(200).WithPhrase("Keep each kind of personal data to 200 characters.");
        RuleFor(c => c.Department).NotEmpty().WithPhrase("Name the department that runs the system.")
            .MaximumLength(200).WithPhrase("Keep the department to 200 characters.");
    }
}

public sealed class RegisterSystemHandler(CoGovDbContext db, UserContext user) : ICommandHandler<RegisterSystem, string>
{
    public async ValueTask<string> Handle(RegisterSystem command, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(command.OrganisationKey, cancellationToken);
        var actor = user.PersonId is { } personId ? organisation.ActorFor(personId) : null;
        if (!SystemRegistrationRule.Allows(user, actor))
        {
            throw actor is null
                ? new ForbiddenException($"Your account is not one of {organisation.Name}'s people, so it cannot register its systems.")
                : new DomainRuleException("Only the workers' side or an administrator registers a system; {0} is on {1}.", actor.Name, actor.Side.Describe());
        }

        var key = command.EffectiveKey;
        await RefuseTakenKeyAsync(organisation.Id, key, cancellationToken);
        var system = new AlgorithmicSystem(organisation.Id, key, command.Name, command.Purpose, command.Vendor, command.Sourcing,
            command.ContractNotes, command.PersonalData, command.Department);
        db.Systems.Add(system);
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
