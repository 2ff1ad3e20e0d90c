using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Calendar;

/// <summary>The current member's calendar feeds in the organisation: which they may have, and since when each address stands.</summary>
public sealed record GetCalendarFeeds(string OrganisationKey) : IQuery<CalendarFeedsView>, IOrganisationRequest;

/// <param name="PersonName">Who the member is in the organisation; empty (with no feeds) when they are not one of its people.</param>
public sealed record CalendarFeedsView(string OrganisationName, string? PersonName, IReadOnlyList<CalendarFeedStanding> Feeds);

/// <param name="IssuedAt">When the current address was made; empty when there is none.</param>
public sealed record CalendarFeedStanding(CalendarFeedKind Kind, DateTimeOffset? IssuedAt);

public sealed class GetCalendarFeedsHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetCalendarFeeds, CalendarFeedsView>
{
    public async ValueTask<CalendarFeedsView> Handle(GetCalendarFeeds query, CancellationToken cancellationToken)
    {
        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Key == query.OrganisationKey).Select(o => o.Name)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"There is no organisation '{query.OrganisationKey}'.");
        if (user.Actor is not { } actor || user.UserId is null)
        {
            return new CalendarFeedsView(organisationName, null, []);
        }
        var issued = await (
                from f in db.CalendarFeeds
                join m in db.Memberships on f.MembershipId equals m.Id
                where m.UserId == user.UserId && m.OrganisationId == actor.OrganisationId
                select new { f.Kind, f.IssuedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var feeds = Enum.GetValues<CalendarFeedKind>()
            .Where(kind => CalendarFeedRules.MayFollow(kind, actor.IsCommitteeMember, user.Roles))
            .Select(kind => new CalendarFeedStanding(kind, issued.FirstOrDefault(f => f.Kind == kind)?.IssuedAt))
            .ToList();
        return new CalendarFeedsView(organisationName, actor.Name, feeds);
    }
}
