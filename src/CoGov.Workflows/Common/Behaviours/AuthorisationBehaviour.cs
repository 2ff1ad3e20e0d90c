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
                var membership = await (
                        from m in db.Memberships
                        join o in db.Organisations on m.OrganisationId equals o.Id
                        where m.UserId == user.UserId && o.Key == scoped.OrganisationKey
                        join p in db.People on m.PersonId equals p.Id into people
                        from person in people.DefaultIfEmpty()
                        select new
                        {
                            OrganisationId = o.Id,
                            PersonId = (Guid?)person.Id,
                            Name = person.Name,
                            Side = (Side?)person.Side,
                            Role = db.Set<CommitteeSeat>().Where(s => s.PersonId == person.Id).Select(s => (CommitteeRole?)s.Role).FirstOrDefault(),
                        })
                    .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"There is no organisation '{scoped.OrganisationKey}' among yours.");
                user.ActAs(membership.PersonId is { } personId
                    ? new Actor(personId, membership.Name, membership.OrganisationId, membership.Side!.Value, membership.Role)
                    : null);
            }
        }
        return await next(message, cancellationToken);
    }
}
