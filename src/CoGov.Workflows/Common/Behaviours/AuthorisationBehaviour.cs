using System.Reflection;
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
                var membership = await db.Memberships
                    .Where(m => m.UserId == user.UserId && db.Organisations.Any(o => o.Id == m.OrganisationId && o.Key == scoped.OrganisationKey))
                    .Select(m => new { m.PersonId })
                    .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"There is no organisation '{scoped.OrganisationKey}' among yours.");
                user.ActAs(membership.PersonId);
            }
        }
        return await next(message, cancellationToken);
    }
}
