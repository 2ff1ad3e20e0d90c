using CoGov.Workflows.Common;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.MailPreferences;

/// <summary>
/// A person chooses how CoGov mails them in one organisation: every mail as it happens, or one daily digest (deadline
/// mail goes at once either way). Their own choice: signed in, it is the current user's; through the link in a mail, the
/// web app checks the link's signature and sends this as CoGov for the person the link names
/// (<paramref name="PersonByLink"/>), which nobody signed in can do.
/// </summary>
public sealed record ChangeMailPreference(string OrganisationKey, MailDelivery Delivery, Guid? PersonByLink = null)
    : ICommand, IOrganisationRequest;

public sealed class ChangeMailPreferenceValidator : AbstractValidator<ChangeMailPreference>
{
    public ChangeMailPreferenceValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Delivery).IsInEnum().WithPhrase("Choose every mail or one daily digest.");
    }
}

public sealed class ChangeMailPreferenceHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : ICommandHandler<ChangeMailPreference>
{
    public async ValueTask<Unit> Handle(ChangeMailPreference command, CancellationToken cancellationToken)
    {
        var (organisationId, personId) = await MailPreferenceOwner.FindAsync(db, user, command.OrganisationKey, command.PersonByLink, cancellationToken);
        var now = clock.GetUtcNow();
        var preference = await db.MailPreferences.SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
        if (preference is null)
        {
            db.MailPreferences.Add(new MailPreference(personId, organisationId, command.Delivery, now));
        }
        else if (preference.Delivery != command.Delivery)
        {
            preference.Change(command.Delivery, now);
        }
        if (command.Delivery == MailDelivery.EveryMail)
        {
            // Back to every mail: what waited for the digest goes at the next round instead of at the digest's hour.
            foreach (var held in await db.Outbox.Where(m => m.RecipientPersonId == personId && m.HeldUntil != null && m.SentAt == null).ToListAsync(cancellationToken))
            {
                held.Release(now);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Whose mail preference a request is about: the signed-in person, or the one a checked link names.</summary>
internal static class MailPreferenceOwner
{
    public static async Task<(Guid OrganisationId, Guid PersonId)> FindAsync(
        CoGovDbContext db, UserContext user, string organisationKey, Guid? personByLink, CancellationToken cancellationToken)
    {
        var organisationId = await db.Organisations.Where(o => o.Key == organisationKey).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{organisationKey}'.");
        Guid personId;
        if (personByLink is { } linked)
        {
            // Only the web app, having checked the link's signature, speaks for the person a link names.
            if (!user.IsSystem)
            {
                throw new ForbiddenException("Only a mail's own link changes another person's mail.");
            }
            personId = linked;
        }
        else
        {
            personId = user.PersonId ?? throw new NotFoundException($"You are not one of the people of '{organisationKey}', so CoGov sends you no mail there.");
        }
        if (!await db.People.AnyAsync(p => p.Id == personId && p.OrganisationId == organisationId, cancellationToken))
        {
            throw new NotFoundException($"There is no such person in '{organisationKey}'.");
        }
        return (organisationId, personId);
    }
}
