using CoGov.Workflows.Common;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.MailPreferences;

/// <summary>How CoGov mails a person in one organisation, for the page where they change it.</summary>
public sealed record GetMailPreference(string OrganisationKey, Guid? PersonByLink = null) : IQuery<MailPreferenceView>, IOrganisationRequest;

/// <param name="DigestHour">The hour the digest goes, in <paramref name="TimeZone"/>.</param>
/// <param name="Held">Messages waiting for the next digest.</param>
public sealed record MailPreferenceView(
    string OrganisationName,
    string PersonName,
    string Email,
    MailDelivery Delivery,
    int DigestHour,
    string TimeZone,
    int Held);

public sealed class GetMailPreferenceHandler(CoGovDbContext db, UserContext user, IOptions<MailOptions> mail) : IQueryHandler<GetMailPreference, MailPreferenceView>
{
    public async ValueTask<MailPreferenceView> Handle(GetMailPreference query, CancellationToken cancellationToken)
    {
        var (organisationId, personId) = await MailPreferenceOwner.FindAsync(db, user, query.OrganisationKey, query.PersonByLink, cancellationToken);
        var organisation = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var person = await db.People.Where(p => p.Id == personId).Select(p => new { p.Name, p.Email }).SingleAsync(cancellationToken);
        var delivery = await db.MailPreferences.Where(p => p.PersonId == personId).Select(p => (MailDelivery?)p.Delivery).SingleOrDefaultAsync(cancellationToken);
        var held = await db.Outbox.CountAsync(m => m.RecipientPersonId == personId && m.HeldUntil != null && m.SentAt == null && m.NextAttemptAt != null, cancellationToken);
        var zone = await DigestRule.TimeZoneOfAsync(db, organisationId, cancellationToken);
        return new MailPreferenceView(organisation, person.Name, person.Email, delivery ?? MailDelivery.EveryMail, mail.Value.DigestHour, zone.Id, held);
    }
}
