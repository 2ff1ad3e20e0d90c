using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Calendar;

/// <summary>A member stops their own calendar feed: its address answers 404 from now on, and no new one is made.</summary>
public sealed record RevokeCalendarFeed(string OrganisationKey, CalendarFeedKind Kind) : ICommand, IOrganisationRequest;

public sealed class RevokeCalendarFeedValidator : AbstractValidator<RevokeCalendarFeed>
{
    public RevokeCalendarFeedValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Kind).IsInEnum().WithPhrase("Choose which calendar to follow.");
    }
}

public sealed class RevokeCalendarFeedHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit) : ICommandHandler<RevokeCalendarFeed>
{
    public async ValueTask<Unit> Handle(RevokeCalendarFeed command, CancellationToken cancellationToken)
    {
        if (user.Actor is not { } actor || user.UserId is null)
        {
            throw new DomainRuleException("Only one of the organisation's people has calendar feeds; this login is not one of them.");
        }
        // Only the sender's own membership is looked at: nobody can name another member's feed to stop it.
        var feed = await (
                from f in db.CalendarFeeds
                join m in db.Memberships on f.MembershipId equals m.Id
                where m.UserId == user.UserId && m.OrganisationId == actor.OrganisationId && f.Kind == command.Kind
                select f)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw (command.Kind == CalendarFeedKind.Committee
                ? new DomainRuleException("{0} has no address for the committee's calendar to stop.", actor.Name)
                : new DomainRuleException("{0} has no address for their personal calendar to stop.", actor.Name));
        db.CalendarFeeds.Remove(feed);
        await audit.RecordAsync(feed.OrganisationId, AuditKind.CalendarFeedRevoked,
            $"{actor.Name} stopped the address of {CalendarFeedRules.Describe(command.Kind)}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
