using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Calendar;

/// <summary>Who may have which feed, written once: asked when a feed is made, when the page offers it and at every request for it.</summary>
internal static class CalendarFeedRules
{
    /// <summary>
    /// A personal feed lists the person's own questions, so any of the organisation's people may have one; the committee's
    /// feed is for those on the joint committee: a seat, or the committee chair's role.
    /// </summary>
    public static bool MayFollow(CalendarFeedKind kind, bool hasCommitteeSeat, IReadOnlyList<string> roles) => kind switch
    {
        CalendarFeedKind.Personal => true,
        CalendarFeedKind.Committee => hasCommitteeSeat || roles.Contains(Roles.CommitteeChair, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>The sender's membership and person, or the refusal when they are not one of the organisation's people or may not follow the feed.</summary>
    public static async Task<(Membership Membership, Actor Actor)> OwnerAsync(
        CoGovDbContext db, UserContext user, CalendarFeedKind kind, CancellationToken cancellationToken)
    {
        if (user.Actor is not { } actor || user.UserId is null)
        {
            throw new DomainRuleException("Only one of the organisation's people has calendar feeds; this login is not one of them.");
        }
        if (!MayFollow(kind, actor.IsCommitteeMember, user.Roles))
        {
            throw new DomainRuleException("The committee's calendar is for members of the joint committee; {0} has no seat on it.", actor.Name);
        }
        var membership = await db.Memberships.SingleAsync(m => m.UserId == user.UserId && m.OrganisationId == actor.OrganisationId, cancellationToken);
        return (membership, actor);
    }

    public static string Describe(CalendarFeedKind kind) => kind == CalendarFeedKind.Committee ? "the committee's calendar" : "their personal calendar";
}
