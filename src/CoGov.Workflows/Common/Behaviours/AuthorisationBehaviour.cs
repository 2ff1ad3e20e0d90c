using System.Reflection;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Common.Behaviours;

/// <summary>
/// Who may send what, decided once for every caller (pages, endpoints, jobs): the sender must be signed in, hold a
/// required role, and be a member of the organisation the request concerns.
/// </summary>
public sealed class AuthorisationBehaviour<TMessage, TResponse>(UserContext user, CoGovDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly RequiresRoleAttribute? RequiredRole = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!user.IsSystem)
        {
            if (!user.IsAuthenticated || user.UserId is null)
            {
                throw new ForbiddenException("Sign in first.");
            }
            if (RequiredRole is not null && !RequiredRole.Roles.Any(user.IsInRole))
            {
                throw new ForbiddenException($"This needs the {string.Join(" or ", RequiredRole.Roles)} role.");
            }
            if (message is IOrganisationRequest scoped)
            {
                // One query answers both questions: is the user a member, and who are they in the organisation (their
                // side and committee seat, which is all the model needs to decide who may do what).
                var membership = await MembershipQuery.Find(db, user.UserId, scoped.OrganisationKey, cancellationToken)
                    ?? throw new NotFoundException($"There is no organisation '{scoped.OrganisationKey}' among yours.");
                user.ActAs(membership.PersonId is { } personId
                    ? new Actor(personId, membership.Name!, membership.OrganisationId, membership.Side!.Value, membership.Role)
                    : null);
            }
        }
        return await next(message, cancellationToken);
    }
}

/// <summary>A user's membership of an organisation and who they are in it.</summary>
internal sealed record MembershipRow(Guid OrganisationId, Guid? PersonId, string? Name, Side? Side, CommitteeRole? Role);

/// <summary>
/// The membership query every request about an organisation runs before anything else, compiled once: outside the
/// generic behaviour, so one compiled query serves every request type.
/// </summary>
internal static class MembershipQuery
{
    public static readonly Func<CoGovDbContext, string, string, CancellationToken, Task<MembershipRow?>> Find =
        EF.CompileAsyncQuery((CoGovDbContext db, string userId, string organisationKey, CancellationToken cancellationToken) => (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == userId && o.Key == organisationKey
                join p in db.People on m.PersonId equals p.Id into people
                from person in people.DefaultIfEmpty()
                select new MembershipRow(
                    o.Id,
                    (Guid?)person.Id,
                    person.Name,
                    (Side?)person.Side,
                    db.Set<CommitteeSeat>().Where(s => s.PersonId == person.Id).Select(s => (CommitteeRole?)s.Role).FirstOrDefault()))
            .SingleOrDefault());
}
