using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Calendar;

/// <summary>
/// A member makes the address of their own calendar feed, or a fresh one in place of the address they had (which then
/// answers 404). Answers the secret for the address: it is shown this once and never stored.
/// </summary>
public sealed record CreateCalendarFeed(string OrganisationKey, CalendarFeedKind Kind) : ICommand<string>, IOrganisationRequest;

public sealed class CreateCalendarFeedValidator : AbstractValidator<CreateCalendarFeed>
{
    public CreateCalendarFeedValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum().WithPhrase("Choose which calendar to follow.");
    }
}

public sealed class CreateCalendarFeedHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock)
    : ICommandHandler<CreateCalendarFeed, string>
{
    public async ValueTask<string> Handle(CreateCalendarFeed command, CancellationToken cancellationToken)
    {
        var (membership, actor) = await CalendarFeedRules.OwnerAsync(db, user, command.Kind, cancellationToken);
        var now = clock.GetUtcNow();
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.MembershipId == membership.Id && f.Kind == command.Kind, cancellationToken);
        string secret;
        if (feed is null)
        {
            (feed, secret) = CalendarFeed.Issue(membership.OrganisationId, membership.Id, actor.PersonId, command.Kind, now);
            db.CalendarFeeds.Add(feed);
        }
        else
        {
            secret = feed.Regenerate(now);
        }
        await audit.RecordAsync(membership.OrganisationId, AuditKind.CalendarFeedIssued,
            $"{actor.Name} made a new address for {CalendarFeedRules.Describe(command.Kind)}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }
}
